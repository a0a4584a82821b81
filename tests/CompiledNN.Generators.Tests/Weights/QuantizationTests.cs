using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace CompiledNN.Generators.Tests.Weights;

/// <summary><c>Quantization = Quantization.Int8</c>: the int8 code, its size, and the diagnostics of the option.</summary>
public sealed class QuantizationTests
{
    private const string Fashion = "Fixtures/fashion-784-64-10.weights.json";
    private const string Torch = "Fixtures/torch-4-8-3.weights.json";

    /// <summary>The Fashion-MNIST 784-64-10 declared with <c>[Weights]</c> and <paramref name="options"/> after the path.</summary>
    internal static string FashionNetwork(string options) => $$"""
        using CompiledNN;

        namespace Demo;

        [Network]
        [Input(784)]
        [Dense(64, Activation.ReLU)]
        [Dense(10, Activation.Softmax)]
        [Weights("{{Fashion}}"{{options}})]
        public partial class Fashion;
        """;

    internal static AdditionalText FashionFile => new InMemoryAdditionalText("/repo/" + Fashion, WeightsHarness.Fixture("fashion-784-64-10.weights.json"));

    [Fact]
    public void Int8_code_compiles_without_warnings_and_its_table_says_which_layers_run_in_int8()
    {
        (GeneratorDriver driver, Compilation output) = WeightsHarness.Run(FashionNetwork(", InferenceOnly = true, Quantization = Quantization.Int8"), FashionFile);

        Assert.Empty(WeightsHarness.Problems(output));
        string code = Assert.Single(driver.GetRunResult().GeneratedTrees).ToString();
        Assert.Contains("/// layer   units  inputs  activation  runs in  parameters  multiply-adds   bytes", code, StringComparison.Ordinal);
        Assert.Contains("/// Dense1     64     784  ReLU        int8         50,240         50,176  50,688", code, StringComparison.Ordinal);
        Assert.Contains("/// Dense2     10      64  Softmax     int8            650            640     720", code, StringComparison.Ordinal);
        Assert.Contains("QuantizedKernels.Linear(input, Dense1Panels", code, StringComparison.Ordinal);
        Assert.DoesNotContain("MatrixKernels", code, StringComparison.Ordinal);
    }

    [Fact]
    public void Int8_code_with_float_layers_compiles_without_warnings()
    {
        // 4-8-3: both layers are too narrow for int8 and keep float32 weights, transposed for the matrix kernels.
        (GeneratorDriver driver, Compilation output) = WeightsHarness.Run(TorchNetwork(", InferenceOnly = true, Quantization = Quantization.Int8"), TorchFile(WeightsHarness.TorchWeights));

        Assert.Empty(WeightsHarness.Problems(output));
        string code = Assert.Single(driver.GetRunResult().GeneratedTrees).ToString();
        Assert.Contains("MatrixKernels.Linear(input, Dense1Weights, Dense1Bias, dense1, rows, 4, 8);", code, StringComparison.Ordinal);
        Assert.DoesNotContain("QuantizedKernels.Linear", code, StringComparison.Ordinal);
    }

    [Fact]
    public void Baked_bytes_are_at_most_26_percent_of_float32()
    {
        (GeneratorDriver driver, _) = WeightsHarness.Run(FashionNetwork(", InferenceOnly = true, Quantization = Quantization.Int8"), FashionFile);
        SyntaxTree tree = Assert.Single(driver.GetRunResult().GeneratedTrees);

        // Every constant array of the generated code: int8 weights (1 byte each), scales and biases (4 bytes each).
        long bytes = 0;
        foreach (ArrayCreationExpressionSyntax array in tree.GetRoot().DescendantNodes().OfType<ArrayCreationExpressionSyntax>())
        {
            int size = array.Type.ElementType.ToString() switch { "sbyte" => 1, "float" => 4, var other => throw new InvalidOperationException(other) };
            bytes += size * (long)array.Initializer!.Expressions.Count;
        }

        const int FloatBytes = 4 * ((784 * 64) + 64 + (64 * 10) + 10);
        Assert.InRange(bytes, 1, FloatBytes * 26 / 100);
    }

    [Fact]
    public async Task Int8_reports_each_layers_error_bound()
    {
        string source = FashionNetwork(", InferenceOnly = true, Quantization = Quantization.Int8");

        ImmutableArray<Diagnostic> diagnostics = await WeightsHarness.Analyze(source, FashionFile);

        Assert.Equal(["CNN2010", "CNN2010"], diagnostics.Select(static d => d.Id));
        Assert.All(diagnostics, static d => Assert.Equal(DiagnosticSeverity.Info, d.Severity));
        Assert.StartsWith("Dense1 runs in int8: each weight is within 0.", diagnostics[0].GetMessage(), StringComparison.Ordinal);
        Assert.EndsWith("50,688 bytes of weights instead of 200,960", diagnostics[0].GetMessage(), StringComparison.Ordinal);

        // Half a step of the widest unit: at most 0.5 / 127 of the layer's largest |w|.
        double bound = double.Parse(diagnostics[1].GetMessage().Split(' ')[8].TrimEnd('%'), System.Globalization.CultureInfo.InvariantCulture) / 100;
        Assert.InRange(bound, 1e-6, 0.5 / 127);
    }

    [Fact]
    public async Task Narrow_layers_stay_float_and_say_why()
    {
        string source = TorchNetwork(", InferenceOnly = true, Quantization = Quantization.Int8");

        ImmutableArray<Diagnostic> diagnostics = await WeightsHarness.Analyze(source, TorchFile(WeightsHarness.TorchWeights));

        Assert.Equal(["CNN2011", "CNN2011"], diagnostics.Select(static d => d.Id));
        Assert.Equal("Dense1 stays float32: its 4 inputs are fewer than the 32 of one vector of int8 products", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Int8_without_InferenceOnly_is_CNN0210_on_the_option()
    {
        string source = FashionNetwork(", Quantization = Quantization.Int8");

        Diagnostic diagnostic = Assert.Single(await WeightsHarness.Analyze(source, FashionFile));

        Assert.Equal("CNN0210", diagnostic.Id);
        Assert.Equal("Quantization = Quantization.Int8", source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.Empty(WeightsHarness.Run(source, FashionFile).Driver.GetRunResult().GeneratedTrees);
    }

    [Fact]
    public async Task Undefined_quantization_is_CNN0212()
    {
        string source = FashionNetwork(", InferenceOnly = true, Quantization = (Quantization)5");

        Diagnostic diagnostic = Assert.Single(await WeightsHarness.Analyze(source, FashionFile));

        Assert.Equal("CNN0212", diagnostic.Id);
        Assert.Empty(WeightsHarness.Run(source, FashionFile).Driver.GetRunResult().GeneratedTrees);
    }

    [Fact]
    public async Task An_all_zero_unit_is_CNN0211_and_no_code()
    {
        // torch-40-32-4: Dense1 has 40 inputs, so it runs in int8; unit 5's weights become all zero, its scale 0.
        string text = WithDense1Unit(WeightsHarness.Fixture("torch-40-32-4.weights.json"), unit: 5, inputs: 40, 0f);
        string source = """
            using CompiledNN;

            [Network]
            [Input(40)]
            [Dense(32, Activation.ReLU)]
            [Dense(4, Activation.Softmax)]
            [Weights("wide.weights.json", InferenceOnly = true, Quantization = Quantization.Int8)]
            public partial class Wide;
            """;
        AdditionalText file = new InMemoryAdditionalText("/repo/wide.weights.json", text);

        Diagnostic diagnostic = Assert.Single(await WeightsHarness.Analyze(source, file));

        Assert.Equal("CNN0211", diagnostic.Id);
        Assert.StartsWith("Unit 5 of Dense1 in 'wide.weights.json' has int8 scale 0 ", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(WeightsHarness.Run(source, file).Driver.GetRunResult().GeneratedTrees);
    }

    private static string TorchNetwork(string options) => $$"""
        using CompiledNN;

        [Network]
        [Input(4)]
        [Dense(8, Activation.Tanh)]
        [Dense(3, Activation.Softmax)]
        [Weights("{{Torch}}"{{options}})]
        public partial class Net;
        """;

    private static AdditionalText TorchFile(string text) => new InMemoryAdditionalText("/repo/" + Torch, text);

    /// <summary>The weights file with every weight of Dense1's <paramref name="unit"/> set to <paramref name="value"/>, written again by the runtime.</summary>
    private static string WithDense1Unit(string text, int unit, int inputs, float value)
    {
        // The runtime's reader and writer (the generator's linked copy has the same names, hence reflection).
        Type format = typeof(CompiledNN.INetwork).Assembly.GetType("CompiledNN.Persistence.WeightsFormat", throwOnError: true)!;
        object content = format.GetMethod("Read")!.Invoke(null, [text])!;
        object architecture = content.GetType().GetProperty("Architecture")!.GetValue(content)!;
        float[] parameters = (float[])content.GetType().GetProperty("Parameters")!.GetValue(content)!;
        Array.Fill(parameters, value, unit * inputs, inputs);
        return (string)format.GetMethod("Write", [architecture.GetType(), typeof(float[])])!.Invoke(null, [architecture, parameters])!;
    }
}
