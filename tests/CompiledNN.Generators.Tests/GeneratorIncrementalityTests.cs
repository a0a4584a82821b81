using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using CompiledNN.Generators.Emit;
using CompiledNN.Generators.Helpers;
using CompiledNN.Generators.Model;
using CompiledNN.Generators.Tests.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace CompiledNN.Generators.Tests;

/// <summary>
/// The pipeline caches: a run on an equivalent compilation reuses every tracked step and regenerates nothing, and a
/// change to the network regenerates it. Every step's outputs are checked for anything from the compilation, which
/// would both defeat the cache and keep old compilations alive.
/// </summary>
public sealed class GeneratorIncrementalityTests
{
    private const string Network = """
        using CompiledNN;

        namespace Samples;

        [Network]
        [Input(4)]
        [Dense(16, Activation.ReLU)]
        [Dense(3, Activation.Softmax)]
        public partial class IrisNet;

        [Network(CodeShape = CodeShape.Vectorized)]
        [Input(2)]
        [Dense(8, Activation.Tanh)]
        [Dense(1, Activation.Sigmoid)]
        public partial class XorNet;
        """;

    /// <summary>The steps of the network generator (the classic models' generators track their own).</summary>
    private static readonly string[] AllTrackingNames = [TrackingNames.NetworkSpecs, TrackingNames.ValidNetworks];

    [Fact]
    public void A_cloned_compilation_reuses_every_step()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(Network);

        (GeneratorRunResult first, GeneratorRunResult second) = RunTwice(compilation, compilation.Clone());

        AssertCached(first, second);
    }

    [Fact]
    public void A_comment_only_edit_reuses_every_step()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(Network);
        CSharpCompilation edited = ReplaceSource(compilation, Network.Replace("[Input(4)]", "// Four measurements of a flower.\n[Input(4)]"));

        (GeneratorRunResult first, GeneratorRunResult second) = RunTwice(compilation, edited);

        AssertCached(first, second);
    }

    [Fact]
    public void An_unrelated_new_file_reuses_every_step()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(Network);
        CSharpCompilation extended = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Samples; public class Unrelated { }", GeneratorHarness.ParseOptions, path: "Unrelated.cs"));

        (GeneratorRunResult first, GeneratorRunResult second) = RunTwice(compilation, extended);

        AssertCached(first, second);
    }

    [Fact]
    public void Changing_a_layer_size_regenerates_that_network_only()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(Network);
        CSharpCompilation edited = ReplaceSource(compilation, Network.Replace("[Dense(16, Activation.ReLU)]", "[Dense(12, Activation.ReLU)]"));

        (GeneratorRunResult first, GeneratorRunResult second) = RunTwice(compilation, edited);

        Assert.Equal(
            [IncrementalStepRunReason.Modified, IncrementalStepRunReason.Unchanged],
            Reasons(second, TrackingNames.NetworkSpecs));
        Assert.Equal(
            [IncrementalStepRunReason.Modified, IncrementalStepRunReason.Cached],
            Reasons(second, TrackingNames.ValidNetworks));

        Dictionary<string, string> before = Sources(first);
        Dictionary<string, string> after = Sources(second);
        Assert.Equal(before.Keys.OrderBy(static k => k), after.Keys.OrderBy(static k => k));
        // Every file that depends on a layer's size changes; the optimizer's file works on the whole parameter block by
        // its named constant, so it may stay the same.
        Assert.All(
            before.Keys.Where(static k => k.Contains("IrisNet") && !k.EndsWith(".Optimizer.g.cs", System.StringComparison.Ordinal)),
            key => Assert.NotEqual(before[key], after[key]));
        Assert.All(before.Keys.Where(static k => k.Contains("XorNet")), key => Assert.Equal(before[key], after[key]));
        Assert.Contains("Dense1Weights, 64)", before["Samples.IrisNet.Forward.g.cs"]);
        Assert.Contains("Dense1Weights, 48)", after["Samples.IrisNet.Forward.g.cs"]);
    }

    [Fact]
    public void Tracked_step_outputs_hold_nothing_from_the_compilation()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(Network);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(new NetworkGenerator()).RunGenerators(compilation);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();

        var walker = new ModelWalker();
        foreach (string name in AllTrackingNames)
        {
            Assert.True(result.TrackedSteps.ContainsKey(name), $"The step {name} did not run.");
            foreach (IncrementalGeneratorRunStep step in result.TrackedSteps[name])
            {
                foreach ((object value, _) in step.Outputs)
                {
                    walker.Walk(value, name);
                }
            }
        }

        Assert.Empty(walker.Problems);

        // The walk reached the leaves of the spec, so it did not pass for want of looking.
        Assert.Contains(typeof(NetworkSpec), walker.Visited);
        Assert.Contains(typeof(DenseSpec), walker.Visited);
        Assert.Contains(typeof(TypeDeclarationInfo), walker.Visited);
        Assert.Contains(typeof(TrainingSpec), walker.Visited);
    }

    [Fact]
    public void The_model_walker_finds_symbols_syntax_and_locations_wherever_they_hide()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(Network);
        INamedTypeSymbol symbol = compilation.GetTypeByMetadataName("Samples.IrisNet")!;
        SyntaxNode root = compilation.SyntaxTrees[0].GetRoot();
        var walker = new ModelWalker();

        walker.Walk(new Holder(new EquatableArray<Holder>([new Holder(default, symbol)]), null), "spec");
        walker.Walk(new Holder(default, ImmutableArray.Create<object>(1, "text", root)), "spec");
        walker.Walk((3, root.GetLocation()), "spec");
        walker.Walk(compilation, "spec");

        Assert.Equal(4, walker.Problems.Count);
        Assert.StartsWith("spec.<Children>k__BackingField._items[0].<Payload>k__BackingField is a ISymbol", walker.Problems[0]);
        Assert.Contains("is a SyntaxNode", walker.Problems[1]);
        Assert.Contains("is a Location", walker.Problems[2]);
        Assert.Contains("is a Compilation", walker.Problems[3]);
    }

    private static (GeneratorRunResult First, GeneratorRunResult Second) RunTwice(Compilation compilation, Compilation next)
    {
        GeneratorDriver driver = GeneratorHarness.CreateDriver(new NetworkGenerator()).RunGenerators(compilation);
        GeneratorRunResult first = driver.GetRunResult().Results.Single();
        driver = driver.RunGenerators(next);
        GeneratorRunResult second = driver.GetRunResult().Results.Single();
        Assert.Null(first.Exception);
        Assert.Null(second.Exception);
        Assert.Equal(2 * NetworkEmitter.Concerns.Length, first.GeneratedSources.Length);
        return (first, second);
    }

    private static CSharpCompilation ReplaceSource(CSharpCompilation compilation, string source)
    {
        SyntaxTree old = compilation.SyntaxTrees.Single();
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions, path: old.FilePath));
    }

    /// <summary>Every tracked step ran, produced what the first run did, and was served from the cache.</summary>
    private static void AssertCached(GeneratorRunResult first, GeneratorRunResult second)
    {
        foreach (string name in AllTrackingNames)
        {
            ImmutableArray<IncrementalGeneratorRunStep> before = first.TrackedSteps[name];
            ImmutableArray<IncrementalGeneratorRunStep> after = second.TrackedSteps[name];
            Assert.Equal(
                before.SelectMany(static s => s.Outputs).Select(static o => o.Value),
                after.SelectMany(static s => s.Outputs).Select(static o => o.Value));
            Assert.All(
                after.SelectMany(static s => s.Outputs),
                output => Assert.True(
                    output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                    $"{name} ran again with reason {output.Reason}."));
        }

        Assert.All(
            second.TrackedOutputSteps.SelectMany(static s => s.Value).SelectMany(static s => s.Outputs),
            static output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
        Assert.Equal(Sources(first), Sources(second));
    }

    private static IncrementalStepRunReason[] Reasons(GeneratorRunResult result, string step) =>
        result.TrackedSteps[step].SelectMany(static s => s.Outputs).Select(static o => o.Reason).ToArray();

    private static Dictionary<string, string> Sources(GeneratorRunResult result) =>
        result.GeneratedSources.ToDictionary(static s => s.HintName, static s => s.SourceText.ToString());

    private sealed record Holder(EquatableArray<Holder> Children, object? Payload);
}
