using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace CompiledNN.Generators.Tests.Weights;

public sealed class WeightsGeneratorTests
{
    private const string Path = "Fixtures/torch-2-3-1.weights.json";

    private static string Network(string options) => $$"""
        using CompiledNN;

        namespace Demo;

        [Network]
        [Input(2)]
        [Dense(3, Activation.ReLU)]
        [Dense(1, Activation.Sigmoid)]
        [Weights("{{Path}}"{{options}})]
        public partial class Sparse;

        public static class Use
        {
            public static float Run()
            {
                var output = new float[1];
                {{(options.Length > 0 ? "Sparse.Predict(new float[] { 1f, 2f }, output);" : "new Sparse().Predict(new float[] { 1f, 2f }, output);")}}
                return output[0];
            }
        }
        """;

    private static AdditionalText File => new InMemoryAdditionalText("/repo/" + Path, WeightsHarness.Fixture("torch-2-3-1.weights.json"));

    [Theory]
    [InlineData("")]
    [InlineData(", InferenceOnly = true")]
    public void Generated_code_with_weights_compiles_without_warnings(string options)
    {
        (_, Compilation output) = WeightsHarness.Run(Network(options), File);

        Assert.Empty(WeightsHarness.Problems(output));
    }

    [Fact]
    public void Inference_only_form_runs_the_trainable_forward_pass_over_the_baked_weights_and_has_no_training_state()
    {
        (GeneratorDriver driver, _) = WeightsHarness.Run(Network(", InferenceOnly = true"), File);

        SyntaxTree tree = Assert.Single(driver.GetRunResult().GeneratedTrees);
        string code = tree.ToString();
        Assert.EndsWith("Demo.Sparse.Inference.g.cs", tree.FilePath, System.StringComparison.Ordinal);
        Assert.Contains("public static void Predict(", code, System.StringComparison.Ordinal);
        Assert.Contains("private readonly Nnr::AlignedBuffer _parameters = new(BakedParameters);", code, System.StringComparison.Ordinal);
        Assert.Contains("private void Dense1Row(", code, System.StringComparison.Ordinal);
        Assert.DoesNotContain("TrainStep", code, System.StringComparison.Ordinal);
        Assert.DoesNotContain("SetParameters", code, System.StringComparison.Ordinal);
        Assert.DoesNotContain("public int MaxDegreeOfParallelism", code, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Persistence_and_inference_only_files_match_their_snapshots()
    {
        (GeneratorDriver trainable, _) = WeightsHarness.Run(Network(""), File);
        (GeneratorDriver inference, _) = WeightsHarness.Run(Network(", InferenceOnly = true"), File);

        Helpers.Snapshot.Verify(trainable.GetRunResult().GeneratedTrees.Single(static t => t.FilePath.EndsWith(".Persistence.g.cs", System.StringComparison.Ordinal)).ToString(), "Persistence");
        Helpers.Snapshot.Verify(inference.GetRunResult().GeneratedTrees.Single().ToString(), "Inference");
    }

    [Fact]
    public void Unchanged_file_and_an_added_comment_keep_the_output_cached()
    {
        GeneratorDriver driver = WeightsHarness.CreateDriver(File);
        Compilation compilation = Helpers.GeneratorHarness.Compile(Network(""));
        driver = driver.RunGenerators(compilation);

        driver = driver.RunGenerators(compilation.AddSyntaxTrees(Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("// a comment", Helpers.GeneratorHarness.ParseOptions)));

        var steps = driver.GetRunResult().Results.Single().TrackedSteps[TrackingNames.ValidNetworks];
        Assert.All(steps.SelectMany(static s => s.Outputs), static o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
    }

    [Fact]
    public void Damaging_the_weights_file_removes_the_generated_code()
    {
        AdditionalText file = File;
        GeneratorDriver driver = WeightsHarness.CreateDriver(file);
        Compilation compilation = Helpers.GeneratorHarness.Compile(Network(", InferenceOnly = true"));
        driver = driver.RunGenerators(compilation);
        Assert.Single(driver.GetRunResult().GeneratedTrees);
        AdditionalText damaged = new InMemoryAdditionalText("/repo/" + Path, WeightsHarness.Fixture("torch-2-3-1.weights.json").Replace("SrIiPwAAAAD", "SrIiPwAAAAE").Replace("crc32:dbe14864", "crc32:00000000"));

        driver = driver.ReplaceAdditionalText(file, damaged).RunGenerators(compilation);

        // The replacement fails its checksum, so the network is no longer generated (and the analyzer says why).
        Assert.Empty(driver.GetRunResult().GeneratedTrees);
    }
}
