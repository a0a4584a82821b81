using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using CompiledNN.Generators.Diagnostics;
using CompiledNN.Generators.Diagnostics.Analyzers;
using CompiledNN.Generators.Tests.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace CompiledNN.Generators.Tests;

/// <summary>
/// Every rule of <c>[Neuron]</c> and <c>[Perceptron]</c> at the exact span it must cover (marked <c>{|…|}</c>), near
/// misses that must get nothing, no code for a declaration with an error, and the catalog's bookkeeping.
/// </summary>
public sealed class ClassicModelDiagnosticsTests
{
    public static TheoryData<string, string, string> Reporting => new()
    {
        { "CNN0101", "missing", "[{|Neuron(Threshold = 1f)|}] public partial class Gate;" },
        { "CNN0101", "null", "[Neuron({|Weights = null|}, Threshold = 1f)] public partial class Gate;" },
        { "CNN0101", "empty", "[Neuron({|Weights = new float[0]|})] public partial class Gate;" },
        { "CNN0102", "more inputs", "[Neuron({|Weights = new[] { 1f, 1f }|}, Threshold = 1f, Inputs = 3)] public partial class Gate;" },
        { "CNN0102", "negative inputs", "[Neuron({|Weights = new[] { 1f }|}, Inputs = -1)] public partial class Gate;" },
        { "CNN0103", "NaN weight", "[Neuron({|Weights = new[] { 1f, float.NaN }|}, Threshold = 1f)] public partial class Gate;" },
        { "CNN0103", "infinite threshold", "[Neuron(Weights = new[] { 1f }, {|Threshold = float.PositiveInfinity|})] public partial class Gate;" },
        { "CNN0104", "Inputs unset", "[{|Perceptron(LearningRate = 0.1f)|}] public partial class P;" },
        { "CNN0104", "Inputs zero", "[Perceptron({|Inputs = 0|})] public partial class P;" },
        { "CNN0104", "Outputs negative", "[Perceptron(Inputs = 2, {|Outputs = -1|})] public partial class P;" },
        { "CNN0020", "perceptron too large", "[{|Perceptron(Inputs = 100000, Outputs = 10000)|}] public partial class P;" },
        { "CNN0105", "zero rate", "[Perceptron(Inputs = 2, {|LearningRate = 0f|})] public partial class P;" },
        { "CNN0105", "negative rate", "[Perceptron(Inputs = 2, {|LearningRate = -0.1f|})] public partial class P;" },
        { "CNN0105", "NaN rate", "[Perceptron(Inputs = 2, {|LearningRate = float.NaN|})] public partial class P;" },
        { "CNN0105", "infinite rate", "[Perceptron(Inputs = 2, {|LearningRate = float.PositiveInfinity|})] public partial class P;" },
        { "CNN0001", "neuron not partial", "[Neuron(Weights = new[] { 1f })] public class {|Gate|};" },
        { "CNN0001", "perceptron not partial", "[Perceptron(Inputs = 2)] public class {|P|};" },
        { "CNN0002", "container not partial", "public class Outer { [Neuron(Weights = new[] { 1f })] public partial class {|Gate|}; }" },
        { "CNN0003", "struct", "[Perceptron(Inputs = 2)] public partial struct {|P|};" },
        { "CNN0003", "static", "[Neuron(Weights = new[] { 1f })] public static partial class {|Gate|};" },
        { "CNN0015", "collision", "[Neuron(Weights = new[] { 1f })] public partial class Gate { public int {|Fire|}(System.ReadOnlySpan<float> inputs) => 0; }" },
        { "CNN0015", "perceptron collision", "[Perceptron(Inputs = 1)] public partial class P { public int {|Train|}(System.ReadOnlySpan<float> x, System.ReadOnlySpan<float> t) => 0; }" },
        { "CNN0015", "private field", "[Perceptron(Inputs = 1)] public partial class P { private int {|_random|}; }" },
        { "CNN0026", "perceptron named like a generated method", "[Perceptron(Inputs = 2)] public partial class {|Fit|};" },
        { "CNN0003", "file-local neuron", "[Neuron(Weights = new[] { 1f })] file partial class {|Gate|};" },
        { "CNN0016", "neuron and perceptron", "[{|Neuron(Weights = new[] { 1f })|}, {|Perceptron(Inputs = 1)|}] public partial class Both;" },
    };

    public static TheoryData<string, string> Valid => new()
    {
        { "AND", "[Neuron(Weights = new[] { 1f, 1f }, Threshold = 2f)] public partial class Gate;" },
        { "inputs matching", "[Neuron(Weights = new[] { 1f, -1f, 0f }, Threshold = 0f, Inputs = 3)] public partial class Gate;" },
        { "negative threshold", "[Neuron(Weights = new[] { -1f, -1f }, Threshold = -1f)] public partial class Gate;" },
        { "threshold unset", "[Neuron(Weights = new[] { 1f })] public partial class Gate;" },
        { "perceptron defaults", "[Perceptron(Inputs = 1)] public partial class P;" },
        { "perceptron several outputs", "[Perceptron(Inputs = 4, Outputs = 3, LearningRate = 1f)] public partial class P;" },
        { "nested", "public static partial class Outer { [Perceptron(Inputs = 2)] internal sealed partial class P; }" },
        { "keyword names", "namespace @namespace { [Perceptron(Inputs = 2)] public partial class @object; }" },
        { "overload that does not collide", "[Neuron(Weights = new[] { 1f })] public partial class Gate { public int Fire(float x) => 0; }" },
    };

    [Theory]
    [MemberData(nameof(Reporting))]
    public void ReportsTheRuleAtItsSpan(string id, string name, string declaration)
    {
        (string source, List<TextSpan> spans) = ClassicModelHarness.Unmark("using CompiledNN;\n" + declaration);
        ClassicModelHarness.Result result = ClassicModelHarness.Run(source);

        List<Diagnostic> diagnostics = [.. result.Analyzer.OrderBy(static d => d.Location.SourceSpan.Start)];
        Assert.True(diagnostics.All(d => d.Id == id), $"{name}: expected only {id}, got {string.Join("; ", diagnostics)}");
        Assert.Equal(spans, diagnostics.Select(static d => d.Location.SourceSpan));

        // A declaration with an error gets no code: the analyzer's diagnostic is the only explanation.
        Assert.Empty(result.Generated);
    }

    [Theory]
    [MemberData(nameof(Valid))]
    public void AcceptsAValidDeclarationAndItsCodeCompiles(string name, string declaration)
    {
        ClassicModelHarness.Result result = ClassicModelHarness.Run("using CompiledNN;\n" + declaration);
        Assert.True(result.Analyzer.IsEmpty, $"{name}: {string.Join("; ", result.Analyzer)}");
        Assert.Empty(result.Compiler.Where(static d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Single(result.Generated);
    }

    [Theory]
    [InlineData("[Neuron(Weights = new[] { 1f })] public partial class Gate; [Neuron(Weights = new[] { 1f })] public partial class Gate;")]
    [InlineData("[Perceptron(Inputs = 2)] public partial class P; [Perceptron(Inputs = 2)] public partial class P;")]
    public void AnAttributeOnTwoPartialDeclarationsIsLeftToTheCompilerAndGeneratesOnce(string declaration)
    {
        // Run throws if a generator threw, as adding the same file twice would make it.
        ClassicModelHarness.Result result = ClassicModelHarness.Run("using CompiledNN;\n" + declaration);
        Assert.Contains(result.Compiler, static d => d.Id == "CS0579");
        Assert.Single(result.Generated);
    }

    [Fact]
    public void MessagesSayWhatToDo()
    {
        Assert.Equal(
            "Neuron 'Gate' declares Inputs = 3 but has 2 weights; give exactly one weight per input",
            Message("[Neuron(Weights = new[] { 1f, 1f }, Inputs = 3)] public partial class Gate;"));
        Assert.Equal(
            "Weight 1 of neuron 'Gate' is NaN; it must be a finite number",
            Message("[Neuron(Weights = new[] { 1f, float.NaN })] public partial class Gate;"));
        Assert.Equal(
            "Inputs of perceptron 'P' is 0; set it to the number of input features (at least 1), e.g. [Perceptron(Inputs = 2, Outputs = 1)]",
            Message("[Perceptron] public partial class P;"));
        Assert.Equal(
            "LearningRate of perceptron 'P' is -1; it must be a finite value greater than 0, e.g. 0.1",
            Message("[Perceptron(Inputs = 2, LearningRate = -1f)] public partial class P;"));
        Assert.Equal(
            "'Both' carries [Neuron] and [Perceptron]; a type can be only one kind of network",
            Message("[Neuron(Weights = new[] { 1f })] [Perceptron(Inputs = 1)] public partial class Both;", first: true));
    }

    [Fact]
    public void ANetworkBesideAClassicModelIsLeftToTheNetworkRulesButGetsNoClassicCode()
    {
        ClassicModelHarness.Result result = ClassicModelHarness.Run("""
            using CompiledNN;
            [Network, Input(2), Dense(1, Activation.Sigmoid)]
            [Neuron(Weights = new[] { 1f, 1f })]
            public partial class Mixed;
            """);
        Assert.Empty(result.Analyzer);
        Assert.DoesNotContain(result.Generated.Keys, static hint => hint.EndsWith(".Neuron.g.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void WeightsOfTheWrongTypeAreLeftToTheCompiler()
    {
        ClassicModelHarness.Result result = ClassicModelHarness.Run("using CompiledNN;\n[Neuron(Weights = new[] { 1, 2 })] public partial class Gate;");
        Assert.Empty(result.Analyzer);
        Assert.Contains(result.Compiler, static d => d.Severity == DiagnosticSeverity.Error);
        Assert.Empty(result.Generated);
    }

    [Fact]
    public void EveryClassicDescriptorIsTestedSupportedDocumentedAndTracked()
    {
        string root = RepositoryRoot();
        string docs = File.ReadAllText(Path.Combine(root, "docs", "diagnostics.md")).Replace("\r\n", "\n");
        string releases = File.ReadAllText(Path.Combine(root, "generators", "CompiledNN.Generators", "AnalyzerReleases.Unshipped.md")).Replace("\r\n", "\n");
        var tested = Reporting.Select(static row => (string)row[0]).ToHashSet();
        var supported = new ClassicModelAnalyzer().SupportedDiagnostics.Select(static d => d.Id).ToHashSet();
        List<DiagnosticDescriptor> classic = typeof(DiagnosticDescriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(static f => f.GetValue(null)).OfType<DiagnosticDescriptor>()
            .Where(static d => d.Id.StartsWith("CNN01", StringComparison.Ordinal)).ToList();

        Assert.Equal(5, classic.Count);
        foreach (DiagnosticDescriptor descriptor in classic)
        {
            string id = descriptor.Id;
            Assert.Contains(id, tested);
            Assert.Contains(id, supported);
            Assert.Contains($"\n## {id}\n", docs, StringComparison.Ordinal);
            Assert.Contains($"\n{id} | {descriptor.Category} | {descriptor.DefaultSeverity} | {descriptor.Title}", releases, StringComparison.Ordinal);
            Assert.Equal("https://github.com/compilednn/compilednn/blob/main/docs/diagnostics.md#" + id.ToLowerInvariant(), descriptor.HelpLinkUri);
            Assert.Equal(DiagnosticSeverity.Error, descriptor.DefaultSeverity);
        }
    }

    private static string Message(string declaration, bool first = false)
    {
        ClassicModelHarness.Result result = ClassicModelHarness.Run("using CompiledNN;\n" + declaration);
        Diagnostic diagnostic = first ? result.Analyzer.OrderBy(static d => d.Location.SourceSpan.Start).First() : Assert.Single(result.Analyzer);
        return diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CompiledNN.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("CompiledNN.sln not found above " + AppContext.BaseDirectory);
    }
}
