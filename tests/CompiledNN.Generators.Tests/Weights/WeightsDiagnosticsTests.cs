using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;

namespace CompiledNN.Generators.Tests.Weights;

public sealed class WeightsDiagnosticsTests
{
    private const string Path = "Fixtures/torch-4-8-3.weights.json";

    private static string Network(string weights, string layers = "[Dense(8, Activation.Tanh)]") => $$"""
        using CompiledNN;

        namespace Demo;

        [Network]
        [Input(4)]
        {{layers}}
        [Dense(3, Activation.Softmax)]
        [Weights({{weights}})]
        public partial class Net;
        """;

    /// <summary>Asserts exactly one diagnostic, with <paramref name="id"/>, on the text <paramref name="span"/> of <paramref name="source"/>.</summary>
    private static Diagnostic Single(ImmutableArray<Diagnostic> diagnostics, string id, string source, string span)
    {
        Diagnostic diagnostic = Assert.Single(diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(source.IndexOf(span, System.StringComparison.Ordinal), diagnostic.Location.SourceSpan.Start);
        Assert.Equal(span.Length, diagnostic.Location.SourceSpan.Length);
        return diagnostic;
    }

    [Fact]
    public async Task Int8_weights_of_a_convolutional_network_are_not_read_and_generate_nothing()
    {
        string source = $$"""
            using CompiledNN;

            namespace Demo;

            [Network]
            [Input(1, 6, 6)]
            [Conv2D(2, 3, Activation.ReLU)]
            [Dense(3, Activation.Softmax)]
            [Weights("{{Path}}", InferenceOnly = true, Quantization = Quantization.Int8)]
            public partial class Net;
            """;

        // NetworkAnalyzer reports CNN0046 (a reporting case of DiagnosticCases); the weights file, for another network, is not judged.
        Assert.Empty(await WeightsHarness.Analyze(source, new InMemoryAdditionalText("/repo/" + Path, WeightsHarness.TorchWeights)));
        (_, Compilation output) = WeightsHarness.Run(source, new InMemoryAdditionalText("/repo/" + Path, WeightsHarness.TorchWeights));
        Assert.DoesNotContain(output.SyntaxTrees, static tree => tree.FilePath.EndsWith(".g.cs", System.StringComparison.Ordinal) && tree.ToString().Contains("class Net", System.StringComparison.Ordinal));
    }

    [Fact]
    public async Task Baked_weights_of_a_convolutional_network_are_checked_against_its_layers()
    {
        string source = $$"""
            using CompiledNN;

            namespace Demo;

            [Network]
            [Input(1, 6, 6)]
            [Conv2D(2, 3, Activation.ReLU)]
            [Dense(3, Activation.Softmax)]
            [Weights("{{Path}}", InferenceOnly = true)]
            public partial class Net;
            """;

        // The file is the dense 4-8-3 network's: the convolution's architecture does not match it.
        Diagnostic diagnostic = Single(await WeightsHarness.Analyze(source, new InMemoryAdditionalText("/repo/" + Path, WeightsHarness.TorchWeights)), "CNN0202", source, $"\"{Path}\"");

        Assert.Contains("Conv2D", diagnostic.GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_file_is_CNN0201_on_the_path()
    {
        string source = Network("\"Fixtures/missing.weights.json\"");

        Diagnostic diagnostic = Single(await WeightsHarness.Analyze(source, new InMemoryAdditionalText("/repo/" + Path, WeightsHarness.TorchWeights)), "CNN0201", source, "\"Fixtures/missing.weights.json\"");

        Assert.Contains("add <AdditionalFiles Include=\"Fixtures/missing.weights.json\" />", diagnostic.GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_architecture_is_CNN0202_naming_both()
    {
        string source = Network($"\"{Path}\"", "[Dense(16, Activation.Tanh)]");

        Diagnostic diagnostic = Single(await WeightsHarness.Analyze(source, new InMemoryAdditionalText("/repo/" + Path, WeightsHarness.TorchWeights)), "CNN0202", source, $"\"{Path}\"");

        Assert.Contains("saved for 4-8-3, this network is 4-16-3", diagnostic.GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_activation_is_CNN0202()
    {
        string source = Network($"\"{Path}\"", "[Dense(8, Activation.ReLU)]");

        Diagnostic diagnostic = Single(await WeightsHarness.Analyze(source, new InMemoryAdditionalText("/repo/" + Path, WeightsHarness.TorchWeights)), "CNN0202", source, $"\"{Path}\"");

        Assert.Contains("layer 1 was saved with activation Tanh, this network's layer 1 uses ReLU", diagnostic.GetMessage(), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("crc32:ca6954d1", "crc32:ca6954d0", "do not match their checksum")]
    [InlineData("\"parameters\": \"oinx", "\"parameters\": \"xinx", "do not match their checksum")]
    [InlineData("\"version\": 1", "\"version\": 7", "version 7 is not supported")]
    [InlineData("\"format\"", "'format'", "expected a property name in double quotes")]
    public async Task Damaged_file_is_CNN0203_saying_what_is_wrong(string part, string replacement, string message)
    {
        string source = Network($"@\"{Path}\"");
        string damaged = WeightsHarness.TorchWeights.Replace(part, replacement);
        Assert.NotEqual(WeightsHarness.TorchWeights, damaged);

        Diagnostic diagnostic = Single(await WeightsHarness.Analyze(source, new InMemoryAdditionalText("/repo/" + Path, damaged)), "CNN0203", source, $"@\"{Path}\"");

        Assert.Contains(message, diagnostic.GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Oversized_file_is_CNN0203_without_being_parsed()
    {
        string source = Network($"\"{Path}\"");
        string oversized = WeightsHarness.TorchWeights + new string(' ', 70_000);

        Diagnostic diagnostic = Single(await WeightsHarness.Analyze(source, new InMemoryAdditionalText("/repo/" + Path, oversized)), "CNN0203", source, $"\"{Path}\"");

        Assert.Contains("more than the", diagnostic.GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_matching_files_are_CNN0204()
    {
        string source = Network("path: \"torch-4-8-3.weights.json\"");

        Diagnostic diagnostic = Single(
            await WeightsHarness.Analyze(source, new InMemoryAdditionalText("/repo/a/torch-4-8-3.weights.json", WeightsHarness.TorchWeights), new InMemoryAdditionalText("/repo/b/torch-4-8-3.weights.json", WeightsHarness.TorchWeights)),
            "CNN0204", source, "path: \"torch-4-8-3.weights.json\"");

        Assert.Contains("/repo/a/torch-4-8-3.weights.json, /repo/b/torch-4-8-3.weights.json", diagnostic.GetMessage(), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Fixtures/torch-4-8-3.weights.json")]
    [InlineData("torch-4-8-3.weights.json")]
    [InlineData("./Fixtures/torch-4-8-3.weights.json")]
    [InlineData("Fixtures\\\\torch-4-8-3.weights.json")]
    public async Task A_valid_file_matched_by_path_suffix_has_no_diagnostic_and_is_baked(string weightsPath)
    {
        string source = Network($"\"{weightsPath}\"");
        var file = new InMemoryAdditionalText("C:\\repo\\Fixtures\\torch-4-8-3.weights.json", WeightsHarness.TorchWeights);

        Assert.Empty(await WeightsHarness.Analyze(source, file));
        (GeneratorDriver driver, Compilation output) = WeightsHarness.Run(source, file);

        Assert.Empty(WeightsHarness.Problems(output));
        Assert.Contains(driver.GetRunResult().GeneratedTrees, static tree => tree.ToString().Contains("ToInternalLayout(BakedParameters, _parameters.Span);", System.StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_suffix_that_is_not_a_whole_file_name_does_not_match()
    {
        string source = Network("\"8-3.weights.json\"");

        Single(await WeightsHarness.Analyze(source, new InMemoryAdditionalText("/repo/" + Path, WeightsHarness.TorchWeights)), "CNN0201", source, "\"8-3.weights.json\"");
    }

    [Fact]
    public void A_file_that_does_not_pass_generates_no_code()
    {
        string source = Network("\"Fixtures/missing.weights.json\"");

        (GeneratorDriver driver, _) = WeightsHarness.Run(source, new InMemoryAdditionalText("/repo/" + Path, WeightsHarness.TorchWeights));

        Assert.Empty(driver.GetRunResult().GeneratedTrees);
    }

    [Fact]
    public async Task Network_errors_are_left_to_the_network_analyzer()
    {
        string source = Network("\"Fixtures/missing.weights.json\"").Replace("public partial class", "public class");

        Assert.Empty(await WeightsHarness.Analyze(source));
    }

    [Theory]
    [InlineData("")]
    [InlineData("[Perceptron(Inputs = 4, Outputs = 3)]\n")]
    public async Task Weights_on_a_type_that_is_not_a_network_is_CNN0205(string otherAttribute)
    {
        string source = $"using CompiledNN;\n\nnamespace Demo;\n\n{otherAttribute}[Weights(\"{Path}\")]\npublic partial class Net;\n";

        Diagnostic diagnostic = Single(await WeightsHarness.Analyze(source, new InMemoryAdditionalText("/repo/" + Path, WeightsHarness.TorchWeights)), "CNN0205", source, $"Weights(\"{Path}\")");

        Assert.Contains("'Net' declares [Weights] but carries no [Network]", diagnostic.GetMessage(), System.StringComparison.Ordinal);
    }
}
