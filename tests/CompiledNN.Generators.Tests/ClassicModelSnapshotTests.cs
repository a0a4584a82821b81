using System.Globalization;
using System.Linq;
using System.Threading;
using CompiledNN.Generators.Tests.Helpers;
using Microsoft.CodeAnalysis;
using Xunit;

namespace CompiledNN.Generators.Tests;

/// <summary>
/// The generated source of a neuron and a perceptron against reviewed snapshots (rerun with <c>ACCEPT_SNAPSHOTS=1</c>
/// after an intended change), focused checks of the weight folding, and the pipeline's caching.
/// </summary>
public sealed class ClassicModelSnapshotTests
{
    [Fact]
    public void AndNeuron() => Snapshot.Verify(GenerateOnly("""
        using CompiledNN;

        namespace Gates;

        [Neuron(Weights = new[] { 1f, 1f }, Threshold = 2f)]
        public partial class AndGate;
        """, "Gates.AndGate.Neuron.g.cs"), "Gates.AndGate.Neuron.g.cs");

    [Fact]
    public void Perceptron() => Snapshot.Verify(GenerateOnly("""
        using CompiledNN;

        namespace Gates;

        [Perceptron(Inputs = 2, Outputs = 1, LearningRate = 0.1f)]
        public partial class GatePerceptron;
        """, "Gates.GatePerceptron.Perceptron.g.cs"), "Gates.GatePerceptron.Perceptron.g.cs");

    [Theory]
    [InlineData("new[] { 1f, 1f }", "2f", "return inputs[0] + inputs[1] >= 2f ? 1 : 0;")]
    [InlineData("new[] { 1f, 1f }", "1f", "return inputs[0] + inputs[1] >= 1f ? 1 : 0;")]
    [InlineData("new[] { -1f }", "0f", "return -inputs[0] >= 0f ? 1 : 0;")]
    [InlineData("new[] { 0f, 1f, 0f }", "1f", "return inputs[1] >= 1f ? 1 : 0;")]
    [InlineData("new[] { 0.5f, -2f, 1f }", "-0.25f", "return 0.5f * inputs[0] - 2f * inputs[1] + inputs[2] >= -0.25f ? 1 : 0;")]
    [InlineData("new[] { 0f, 0f }", "0f", "return 0f >= 0f ? 1 : 0;")]
    public void WeightsAreFoldedIntoTheComparison(string weights, string threshold, string expected)
    {
        string text = GenerateOnly($$"""
            [CompiledNN.Neuron(Weights = {{weights}}, Threshold = {{threshold}})]
            public partial class Gate;
            """, "Gate.Neuron.g.cs");
        Assert.Contains(expected, text, System.StringComparison.Ordinal);
    }

    [Fact]
    public void NeuronsOverEightInputsGetNoBooleanParameterList()
    {
        string nine = GenerateOnly("""
            [CompiledNN.Neuron(Weights = new[] { 1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f }, Threshold = 5f)]
            public partial class Majority;
            """, "Majority.Neuron.g.cs");
        Assert.DoesNotContain("bool x0", nine, System.StringComparison.Ordinal);
        Assert.Contains("public bool Fire(Sys::ReadOnlySpan<bool> inputs)", nine, System.StringComparison.Ordinal);
    }

    [Fact]
    public void FloatsAreWrittenInTheInvariantCulture()
    {
        CultureInfo culture = CultureInfo.CurrentCulture;
        try
        {
            // A German machine writes 0,5; the generated literal must stay 0.5f or it would not compile.
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            string text = GenerateOnly("""
                [CompiledNN.Neuron(Weights = new[] { 0.5f }, Threshold = 0.25f)]
                public partial class Half;
                """, "Half.Neuron.g.cs");
            Assert.Contains("0.5f * inputs[0] >= 0.25f", text, System.StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Theory]
    [InlineData(ClassicModelTrackingNames.NeuronSpecs, "[CompiledNN.Neuron(Weights = new[] { 1f, 1f }, Threshold = 2f)]")]
    [InlineData(ClassicModelTrackingNames.PerceptronSpecs, "[CompiledNN.Perceptron(Inputs = 2)]")]
    public void AnAddedCommentIsServedFromTheCache(string step, string attribute)
    {
        string source = attribute + "\npublic partial class Model;\n";
        Compilation first = GeneratorHarness.Compile(source);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(new NeuronGenerator(), new PerceptronGenerator()).RunGenerators(first);

        Compilation edited = first.ReplaceSyntaxTree(
            first.SyntaxTrees.Single(),
            Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("// A comment.\n" + source, GeneratorHarness.ParseOptions, path: "Source0.cs"));
        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single(static r => r.TrackedSteps.Count > 0 && r.GeneratedSources.Length > 0);

        var reasons = second.TrackedSteps[step].SelectMany(static s => s.Outputs).Select(static o => o.Reason).ToList();
        Assert.NotEmpty(reasons);
        Assert.All(reasons, static reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, reason.ToString()));
    }

    [Fact]
    public void TrackedSpecsHoldNothingFromTheCompilation()
    {
        Compilation compilation = GeneratorHarness.Compile("""
            [CompiledNN.Neuron(Weights = new[] { 1f, -1f }, Threshold = 0f)]
            public partial class Gate;

            public static partial class Outer
            {
                [CompiledNN.Perceptron(Inputs = 3, Outputs = 2)]
                public partial class Unit;
            }
            """);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(new NeuronGenerator(), new PerceptronGenerator()).RunGenerators(compilation);
        var walker = new ModelWalker();
        foreach (GeneratorRunResult result in driver.GetRunResult().Results)
        {
            // Only the steps this pipeline names: Roslyn's own steps hold syntax by design.
            foreach ((string name, var steps) in result.TrackedSteps.Where(static s => s.Key is ClassicModelTrackingNames.NeuronSpecs
                or ClassicModelTrackingNames.ValidNeurons or ClassicModelTrackingNames.PerceptronSpecs or ClassicModelTrackingNames.ValidPerceptrons))
            {
                foreach ((object value, _) in steps.SelectMany(static s => s.Outputs))
                {
                    walker.Walk(value, name);
                }
            }
        }

        Assert.Empty(walker.Problems);

        // The walk reached the leaves of both specs, so it did not pass for want of looking.
        Assert.Contains(typeof(Model.NeuronSpec), walker.Visited);
        Assert.Contains(typeof(Model.PerceptronSpec), walker.Visited);
        Assert.Contains(typeof(Model.TypeDeclarationInfo), walker.Visited);
    }

    [Fact]
    public void AChangedWeightRegeneratesTheNeuron()
    {
        Compilation first = GeneratorHarness.Compile("[CompiledNN.Neuron(Weights = new[] { 1f, 1f }, Threshold = 2f)]\npublic partial class Model;\n");
        GeneratorDriver driver = GeneratorHarness.CreateDriver(new NeuronGenerator()).RunGenerators(first);
        Compilation edited = first.ReplaceSyntaxTree(
            first.SyntaxTrees.Single(),
            Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("[CompiledNN.Neuron(Weights = new[] { 1f, 2f }, Threshold = 2f)]\npublic partial class Model;\n", GeneratorHarness.ParseOptions, path: "Source0.cs"));
        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();
        Assert.Contains(second.TrackedSteps[ClassicModelTrackingNames.NeuronSpecs].SelectMany(static s => s.Outputs), static o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("inputs[0] + 2f * inputs[1]", second.GeneratedSources.Single().SourceText.ToString(), System.StringComparison.Ordinal);
    }

    /// <summary>Generates <paramref name="source"/>, requires the whole build to be free of diagnostics, and returns one file.</summary>
    private static string GenerateOnly(string source, string hintName)
    {
        ClassicModelHarness.Result result = ClassicModelHarness.Run(source);
        Assert.Empty(result.Analyzer);
        Assert.Empty(result.Compiler.Where(static d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.True(result.Generated.ContainsKey(hintName), "Generated: " + string.Join(", ", result.Generated.Keys));
        return result.Generated[hintName];
    }
}
