extern alias runtime;

using System;
using System.IO;
using System.Linq;
using CompiledNN.Generators.Onnx;
using runtime::CompiledNN.Persistence;
using Xunit;
using RuntimeActivation = runtime::CompiledNN.Activation;

namespace CompiledNN.Generators.Tests.Onnx;

/// <summary>
/// What <c>CompiledNN.Persistence.Onnx.Export</c> writes, the importer reads back as the same layers and the same
/// parameter bits, so the network compiled from an exported file is the exported network.
/// </summary>
public sealed class OnnxRoundTripTests
{
    [Fact]
    public void Exported_network_imports_as_the_same_layers_and_parameter_bits() => RoundTrip(new NetworkArchitecture(5, [
        new LayerArchitecture(7, RuntimeActivation.LeakyReLU, 0.1f),
        new LayerArchitecture(6, RuntimeActivation.ELU, 0.7f),
        new LayerArchitecture(5, RuntimeActivation.Softplus),
        new LayerArchitecture(4, RuntimeActivation.Identity),
        new LayerArchitecture(3, RuntimeActivation.Softmax),
    ]));

    [Fact]
    public void Exported_GELU_SiLU_and_Mish_written_out_of_several_operators_import_as_those_activations() => RoundTrip(new NetworkArchitecture(4, [
        new LayerArchitecture(7, RuntimeActivation.GELU),
        new LayerArchitecture(6, RuntimeActivation.SiLU),
        new LayerArchitecture(5, RuntimeActivation.Mish),
        new LayerArchitecture(4, RuntimeActivation.SiLU),
        new LayerArchitecture(3, RuntimeActivation.GELU),
    ]));

    private static void RoundTrip(NetworkArchitecture architecture)
    {
        var random = new Random(5);
        float[] parameters = Enumerable.Range(0, architecture.ParameterCount).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        parameters[3] = -0f;
        using var stream = new MemoryStream();
        runtime::CompiledNN.Persistence.Onnx.Export(new FixedNetwork(architecture, parameters), stream);

        ImportedNetwork imported = OnnxImporter.Import(OnnxModelReader.Read(stream.ToArray()), "model.onnx", 0);

        Assert.Null(imported.Problem);
        Assert.Equal(architecture.InputSize, imported.InputSize);
        Assert.Equal(architecture.Layers.Select(static l => (l.Units, (int)l.Activation, l.Alpha)), imported.Layers.Select(static l => (l.Units, (int)l.Activation!.Value, l.Alpha)));
        float[] read = imported.Layers.SelectMany(static l => l.Weights.Concat(l.Bias)).Select(static v => (float)v).ToArray();
        Assert.Equal(parameters.Select(BitConverter.SingleToInt32Bits), read.Select(BitConverter.SingleToInt32Bits));
    }

    /// <summary>A network that is only its architecture and parameters, which is all an export reads.</summary>
    private sealed class FixedNetwork(NetworkArchitecture architecture, float[] parameters) : IPersistentNetwork
    {
        public NetworkArchitecture Architecture => architecture;

        public int InputSize => architecture.InputSize;

        public int OutputSize => architecture.Layers[^1].Units;

        public int ParameterCount => parameters.Length;

        public void GetParameters(Span<float> destination) => parameters.CopyTo(destination);

        public void SetParameters(ReadOnlySpan<float> source) => throw new NotSupportedException();

        public void Predict(ReadOnlySpan<float> input, Span<float> output) => throw new NotSupportedException();

        public void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs) => throw new NotSupportedException();
    }
}
