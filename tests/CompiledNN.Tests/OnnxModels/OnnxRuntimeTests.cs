using System;
using System.IO;
using System.Linq;
using CompiledNN.Persistence;
using CompiledNN.Tests.Helpers;
using CompiledNN.Tests.Networks;
using CompiledNN.Tests.Parity.Convolutions;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Xunit;

namespace CompiledNN.Tests.OnnxModels;

/// <summary>
/// ONNX Runtime as the independent reference: it runs the PyTorch exports the imported networks were compiled from,
/// and the models <see cref="Onnx"/> exports.
/// </summary>
public sealed class OnnxRuntimeTests
{
    private const double Tolerance = 1e-5;

    /// <summary>Runs <paramref name="model"/> in ONNX Runtime on <paramref name="rows"/> rows of <paramref name="inputShape"/>.</summary>
    private static float[] Run(byte[] model, float[] inputs, int rows, int[] inputShape)
    {
        using var session = new InferenceSession(model);
        var tensor = new DenseTensor<float>(inputs, [rows, .. inputShape]);
        using IDisposableReadOnlyCollection<DisposableNamedOnnxValue> results = session.Run([NamedOnnxValue.CreateFromTensor("input", tensor)]);
        return results.Single(r => r.Name == "output").AsEnumerable<float>().ToArray();
    }

    private static float[] RandomRows(int rows, int size, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, rows * size).Select(_ => (float)((random.NextDouble() * 6) - 3)).ToArray();
    }

    private static void AgreeRowByRow(float[] expected, float[] actual, int outputs, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int row = 0; row < expected.Length / outputs; row++)
        {
            Compare.AllClose(expected.AsSpan(row * outputs, outputs), actual.AsSpan(row * outputs, outputs), Tolerance, $"{what}, row {row}");
        }
    }

    [Theory]
    [InlineData("mlp-4-16-16-3", new[] { 4 })]
    [InlineData("bn-dropout-6-12-8-2", new[] { 6 })]
    [InlineData("flatten-softmax-2x3-10-10-4", new[] { 2, 3 })]
    [InlineData("matmul-add-5-7-3", new[] { 5 })]
    [InlineData("ops-reshape-dropout-3x2-5-4", new[] { 3, 2 })]
    [InlineData("transpose-matmul-4-5-2", new[] { 4 })]
    [InlineData("gelu-silu-mish-6-12-10-8-3", new[] { 6 })]
    public void Imported_networks_agree_with_ONNX_Runtime_on_the_same_file(string fixture, int[] inputShape)
    {
        (int inputSize, int outputSize, PredictBatch predict) = fixture switch
        {
            "mlp-4-16-16-3" => (4, 3, new OnnxMlp().PredictBatch),
            "bn-dropout-6-12-8-2" => (6, 2, new OnnxBatchNormNet().PredictBatch),
            "flatten-softmax-2x3-10-10-4" => (6, 4, OnnxSoftmaxNet.PredictBatch),
            "matmul-add-5-7-3" => (5, 3, new OnnxMatMulNet().PredictBatch),
            "transpose-matmul-4-5-2" => (4, 2, new OnnxTransposeNet().PredictBatch),
            "gelu-silu-mish-6-12-10-8-3" => (6, 3, new OnnxSmoothNet().PredictBatch),
            _ => (6, 4, (PredictBatch)OnnxOpsNet.PredictBatch),
        };
        int rows = 64;
        float[] inputs = RandomRows(rows, inputSize, seed: fixture.Length);
        float[] expected = Run(Persistence.Fixtures.Bytes("Onnx/" + fixture + ".onnx"), inputs, rows, inputShape);
        var actual = new float[rows * outputSize];
        predict(inputs, actual);

        AgreeRowByRow(expected, actual, outputSize, fixture);
    }

    [Fact]
    public void Exported_network_with_every_activation_agrees_with_ONNX_Runtime()
    {
        var network = new ExportNet(seed: 7);
        int rows = 100;
        float[] inputs = RandomRows(rows, ExportNet.InputSize, seed: 1);
        using var stream = new MemoryStream();
        Onnx.Export(network, stream);
        float[] expected = Run(stream.ToArray(), inputs, rows, [ExportNet.InputSize]);
        var actual = new float[rows * ExportNet.OutputSize];
        network.PredictBatch(inputs, actual);

        AgreeRowByRow(expected, actual, ExportNet.OutputSize, nameof(ExportNet));
    }

    [Fact]
    public void Exported_GELU_SiLU_and_Mish_written_out_at_opset_13_agree_with_ONNX_Runtime()
    {
        // Inputs from -3 to 3 reach the activations far into both tails, where the forms differ most.
        foreach ((IPersistentNetwork network, int inputs, int outputs) in new (IPersistentNetwork, int, int)[] { (new SmoothExportNet(seed: 11), 5, 4), (new MishOutputExportNet(seed: 12), 4, 3) })
        {
            int rows = 100;
            float[] x = RandomRows(rows, inputs, seed: 2);
            using var stream = new MemoryStream();
            Onnx.Export(network, stream);
            float[] expected = Run(stream.ToArray(), x, rows, [inputs]);
            var actual = new float[rows * outputs];
            network.PredictBatch(x, actual);

            AgreeRowByRow(expected, actual, outputs, network.GetType().Name);
        }
    }

    [Fact]
    public void Exported_convolutional_networks_take_the_rows_own_shape_and_agree_with_ONNX_Runtime()
    {
        // Conv1D and Conv2D with stride, padding and dilation; max, average (overlapping) and global pooling; explicit
        // and implicit flattening before a dense layer.
        IPersistentNetwork[] networks =
        [
            new ImageSgdCrossEntropyNet(seed: 1), new SignalAdamMseNet(seed: 2), new DilatedImageMomentumBceNet(seed: 3),
            new OverlappingMaxPoolRmsPropNet(seed: 4), new TwoConvAdamWCrossEntropyNet(seed: 5),
        ];
        foreach (IPersistentNetwork network in networks)
        {
            int rows = 9;
            float[] x = RandomRows(rows, network.InputSize, seed: network.InputSize);
            using var stream = new MemoryStream();
            Onnx.Export(network, stream);
            float[] expected = Run(stream.ToArray(), x, rows, [.. network.Architecture.InputShape]);
            var actual = new float[rows * network.OutputSize];
            network.PredictBatch(x, actual);

            AgreeRowByRow(expected, actual, network.OutputSize, network.GetType().Name);
        }
    }

    [Fact]
    public void Exported_file_with_a_linear_output_names_its_Gemm_output_and_runs_any_batch_size()
    {
        var network = new LinearOutputExportNet(seed: 3);
        string path = Path.Combine(Path.GetTempPath(), $"compilednn-{Guid.NewGuid():N}.onnx");
        try
        {
            Onnx.Export(network, path);
            byte[] model = File.ReadAllBytes(path);
            foreach (int rows in new[] { 1, 7 })
            {
                float[] inputs = RandomRows(rows, 3, seed: rows);
                var actual = new float[rows * 2];
                network.PredictBatch(inputs, actual);
                AgreeRowByRow(Run(model, inputs, rows, [3]), actual, 2, $"{rows} rows");
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Export_checks_its_arguments()
    {
        Assert.Throws<ArgumentNullException>(() => Onnx.Export(null!, new MemoryStream()));
        Assert.Throws<ArgumentNullException>(() => Onnx.Export(new IrisNet(), (Stream)null!));
    }

    private delegate void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs);
}
