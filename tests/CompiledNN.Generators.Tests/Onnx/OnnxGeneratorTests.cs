using System.Linq;
using CompiledNN.Generators.Tests.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace CompiledNN.Generators.Tests.Onnx;

public sealed class OnnxGeneratorTests
{
    private const string Source = """
        using CompiledNN;

        namespace Demo;

        [OnnxModel("mlp-4-16-16-3.onnx")]
        public partial class Net;
        """;

    private static AdditionalText File => OnnxHarness.Encoded("/repo/mlp-4-16-16-3.onnx", OnnxHarness.Fixture("mlp-4-16-16-3.onnx"));

    [Theory]
    [InlineData("")]
    [InlineData(", InferenceOnly = true")]
    public void Imported_network_compiles_without_warnings_in_both_forms(string options)
    {
        (_, Compilation output) = OnnxHarness.Run(Source.Replace("\")]", "\"" + options + ")]"), File);

        Assert.Empty(OnnxHarness.Problems(output));
        Assert.Contains(output.SyntaxTrees, static t => System.IO.Path.GetFileName(t.FilePath).StartsWith("Demo.Net.", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Unchanged_file_and_an_added_comment_keep_the_output_cached()
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new OnnxModelGenerator().AsSourceGenerator()],
            additionalTexts: [File],
            parseOptions: GeneratorHarness.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        Compilation compilation = GeneratorHarness.Compile(Source);
        driver = driver.RunGenerators(compilation);

        driver = driver.RunGenerators(compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("// a comment", GeneratorHarness.ParseOptions)));

        var steps = driver.GetRunResult().Results.Single().TrackedSteps[TrackingNames.OnnxPlans];
        Assert.NotEmpty(steps);
        Assert.All(steps.SelectMany(static s => s.Outputs), static o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
    }
}
