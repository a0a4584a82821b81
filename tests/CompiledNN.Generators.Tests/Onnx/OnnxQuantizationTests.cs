using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using CompiledNN.Generators.Tests.Weights;
using Microsoft.CodeAnalysis;
using Xunit;

namespace CompiledNN.Generators.Tests.Onnx;

/// <summary>
/// <c>Quantization</c> on <c>[OnnxModel]</c>: an imported network runs through the int8 code of <c>[Weights]</c>, with
/// the same notes and errors, reported on the option.
/// </summary>
public sealed class OnnxQuantizationTests
{
    private const string File = "fashion-784-64-10.onnx";

    private static string Source(string options) => $$"""
        using CompiledNN;

        namespace Demo;

        [OnnxModel("{{File}}"{{options}})]
        public partial class Fashion;
        """;

    private static AdditionalText Model(byte[]? bytes = null) => OnnxHarness.Encoded("/repo/Models/" + File, bytes ?? OnnxHarness.Fixture(File));

    [Fact]
    public void Int8_import_generates_the_int8_code_of_the_same_weights_baked_by_Weights()
    {
        (GeneratorDriver driver, Compilation output) = OnnxHarness.Run(Source(", InferenceOnly = true, Quantization = Quantization.Int8"), Model());

        Assert.Empty(OnnxHarness.Problems(output));
        string code = Assert.Single(driver.GetRunResult().GeneratedTrees).ToString();
        Assert.Contains("/// Dense1     64     784  ReLU        int8         50,240         50,176  50,688", code, StringComparison.Ordinal);
        Assert.Contains("QuantizedKernels.Linear(input, Dense1Panels", code, StringComparison.Ordinal);
        Assert.DoesNotContain("MatrixKernels", code, StringComparison.Ordinal);

        // The PyTorch export holds the weights of the [Weights] fixture, so the baked int8 arrays are the same.
        string baked = Assert.Single(WeightsHarness.Run(QuantizationTests.FashionNetwork(", InferenceOnly = true, Quantization = Quantization.Int8"), QuantizationTests.FashionFile)
            .Driver.GetRunResult().GeneratedTrees).ToString();
        Assert.Equal(ArrayOf(baked, "Dense1Weights"), ArrayOf(code, "Dense1Weights"));
        Assert.Equal(ArrayOf(baked, "Dense2Scales"), ArrayOf(code, "Dense2Scales"));
    }

    [Fact]
    public void Float_import_keeps_float_weights()
    {
        (GeneratorDriver driver, Compilation output) = OnnxHarness.Run(Source(", InferenceOnly = true"), Model());

        Assert.Empty(OnnxHarness.Problems(output));
        string code = Assert.Single(driver.GetRunResult().GeneratedTrees).ToString();
        Assert.DoesNotContain("QuantizedKernels", code, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Int8_import_reports_each_layers_error_bound()
    {
        ImmutableArray<Diagnostic> diagnostics = await OnnxHarness.Analyze(Source(", InferenceOnly = true, Quantization = Quantization.Int8"), Model());

        Assert.Equal(["CNN2010", "CNN2010"], diagnostics.Select(static d => d.Id));
        Assert.EndsWith("50,688 bytes of weights instead of 200,960", diagnostics[0].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Int8_import_without_InferenceOnly_is_CNN0210_on_the_option_and_no_code()
    {
        string source = Source(", Quantization = Quantization.Int8");

        Diagnostic diagnostic = Assert.Single(await OnnxHarness.Analyze(source, Model()));

        Assert.Equal("CNN0210", diagnostic.Id);
        Assert.Equal("Quantization = Quantization.Int8", source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.Empty(OnnxHarness.Run(source, Model()).Driver.GetRunResult().GeneratedTrees);
    }

    [Fact]
    public async Task Undefined_quantization_on_an_import_is_CNN0212()
    {
        string source = Source(", InferenceOnly = true, Quantization = (Quantization)3");

        Diagnostic diagnostic = Assert.Single(await OnnxHarness.Analyze(source, Model()));

        Assert.Equal("CNN0212", diagnostic.Id);
        Assert.Empty(OnnxHarness.Run(source, Model()).Driver.GetRunResult().GeneratedTrees);
    }

    [Fact]
    public async Task An_imported_all_zero_unit_is_CNN0211_and_no_code()
    {
        // The weights of Dense1's unit 7 are stored contiguously in the Gemm's initializer (W is [units, inputs]):
        // find them by the fixture's first floats of that unit and zero all 784.
        float[] parameters = FashionParameters();
        byte[] bytes = OnnxHarness.Fixture(File);
        byte[] unit = new byte[784 * sizeof(float)];
        Buffer.BlockCopy(parameters, 7 * 784 * sizeof(float), unit, 0, unit.Length);
        int at = bytes.AsSpan().IndexOf(unit);
        Assert.True(at > 0, "unit 7's weights are not stored as raw float32 in the export");
        bytes.AsSpan(at, unit.Length).Clear();
        string source = Source(", InferenceOnly = true, Quantization = Quantization.Int8");

        Diagnostic diagnostic = Assert.Single(await OnnxHarness.Analyze(source, Model(bytes)));

        Assert.Equal("CNN0211", diagnostic.Id);
        Assert.StartsWith($"Unit 7 of Dense1 in '{File}' has int8 scale 0 ", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(OnnxHarness.Run(source, Model(bytes)).Driver.GetRunResult().GeneratedTrees);

        // Without int8 the same file imports: a unit of zeros is a valid float network.
        Assert.Single(OnnxHarness.Run(Source(", InferenceOnly = true"), Model(bytes)).Driver.GetRunResult().GeneratedTrees);
    }

    /// <summary>The initializer text of the generated array <paramref name="name"/>.</summary>
    private static string ArrayOf(string code, string name)
    {
        int start = code.IndexOf($" {name} => ", StringComparison.Ordinal);
        Assert.True(start >= 0, name);
        return code.Substring(start, code.IndexOf(';', start) - start);
    }

    /// <summary>The parameters of the [Weights] fixture the ONNX file was exported from, read by the runtime.</summary>
    private static float[] FashionParameters()
    {
        Type format = typeof(CompiledNN.INetwork).Assembly.GetType("CompiledNN.Persistence.WeightsFormat", throwOnError: true)!;
        object content = format.GetMethod("Read")!.Invoke(null, [WeightsHarness.Fixture("fashion-784-64-10.weights.json")])!;
        return (float[])content.GetType().GetProperty("Parameters")!.GetValue(content)!;
    }
}
