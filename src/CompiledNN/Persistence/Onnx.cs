using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace CompiledNN.Persistence;

/// <summary>
/// Exports a network as an ONNX model (https://onnx.ai), which ONNX Runtime, Netron and the other ONNX tools read.
/// </summary>
/// <remarks>
/// The model uses operator set 13. Its input is named <c>"input"</c> and its output <c>"output"</c>, both
/// <c>float32</c> with a dynamic batch axis: the input <c>[batch, features]</c>, or the row's own shape
/// (<c>[batch, channels, length]</c>, <c>[batch, channels, height, width]</c>) for signals and images. A convolution is a
/// <c>Conv</c> over <c>convK.weight</c> (PyTorch's <c>[filters, channels, k(, k)]</c>) and <c>convK.bias</c>; pooling is
/// <c>MaxPool</c>, <c>AveragePool</c>, or <c>GlobalAveragePool</c> then <c>Flatten</c>; a dense layer after channels
/// starts with a <c>Flatten</c>, as <c>nn.Flatten</c>. Each dense layer is a <c>Gemm</c> with
/// <c>transB = 1</c> over initializers <c>denseK.weight</c> (<c>[units, inputs]</c>, as <c>nn.Linear</c>) and
/// <c>denseK.bias</c>, followed by its activation's operator (<c>Relu</c>, <c>LeakyRelu</c> and <c>Elu</c> with their
/// alpha, <c>Sigmoid</c>, <c>Tanh</c>, <c>Softplus</c>, <c>Softmax</c> over the last axis; none for Identity). Opset 13
/// has no operator for GELU, SiLU and Mish, so they are written out as PyTorch's exporter writes them: GELU as
/// <c>0.5 · x · (1 + Erf(x / √2))</c>, SiLU as <c>x · Sigmoid(x)</c>, Mish as <c>x · Tanh(Softplus(x))</c>.
/// <c>[OnnxModel]</c> imports such a file back into the same network.
/// </remarks>
public static class Onnx
{
    /// <summary>The operator set the exported models use.</summary>
    public const int OpsetVersion = 13;

    // ONNX IR version 7 is the one that introduced operator set 13.
    private const int IrVersion = 7;
    private const int FloatType = 1;

    /// <summary>Writes <paramref name="network"/> as an ONNX model to <paramref name="stream"/>.</summary>
    /// <exception cref="NotSupportedException">A layer's activation (Step) has no ONNX form here, or the network has a normalisation layer.</exception>
    public static void Export(IPersistentNetwork network, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stream);
        NetworkArchitecture architecture = network.Architecture;
        foreach (LayerArchitecture layer in architecture.Layers)
        {
            if (layer.Kind is LayerKind.BatchNorm or LayerKind.LayerNorm)
            {
                throw new NotSupportedException($"ONNX export is written for dense, convolution, pooling and flatten layers; this network has a {layer.Kind} layer.");
            }

            _ = OperatorOf(layer.Activation);
        }

        float[] parameters = new float[network.ParameterCount];
        network.GetParameters(parameters);
        var model = new ProtoWriter();
        model.WriteInt64(1, IrVersion);
        model.WriteString(2, "CompiledNN");
        model.WriteMessage(7, (architecture, parameters), static (graph, state) => WriteGraph(graph, state.architecture, state.parameters));
        model.WriteMessage(8, 0, static (opset, _) =>
        {
            opset.WriteString(1, "");
            opset.WriteInt64(2, OpsetVersion);
        });
        stream.Write(model.Written);
    }

    /// <summary>Writes <paramref name="network"/> as an ONNX model to the file at <paramref name="path"/>, replacing it all at once.</summary>
    /// <exception cref="NotSupportedException">A layer's activation (Step) has no ONNX form here.</exception>
    public static void Export(IPersistentNetwork network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.Write(path, network, static (network, stream) => Export(network, stream));
    }

    private static void WriteGraph(ProtoWriter graph, NetworkArchitecture architecture, float[] parameters)
    {
        string current = "input";
        int[] shape = [.. architecture.InputShape];
        int offset = 0;
        for (int k = 0; k < architecture.Layers.Count; k++)
        {
            LayerArchitecture layer = architecture.Layers[k];
            string number = (k + 1).ToString(CultureInfo.InvariantCulture);
            bool last = k == architecture.Layers.Count - 1;
            string? linear = last && OperatorOf(layer.Activation) is null ? "output" : null;
            switch (layer.Kind)
            {
                case LayerKind.Dense:
                    if (shape.Length > 1)
                    {
                        current = WriteFlatten(graph, "flatten" + number, current, ref shape, last: false);
                    }

                    string dense = "dense" + number;
                    WriteNode(graph, dense, "Gemm", [current, dense + ".weight", dense + ".bias"], linear ?? dense, ("transB", null, 1L));
                    WriteTensor(graph, dense + ".weight", [layer.Units, shape[0]], parameters.AsSpan(offset, layer.Units * shape[0]));
                    offset += layer.Units * shape[0];
                    WriteTensor(graph, dense + ".bias", [layer.Units], parameters.AsSpan(offset, layer.Units));
                    offset += layer.Units;
                    shape = [layer.Units];
                    current = WriteActivation(graph, dense, layer, linear ?? dense, last);
                    break;
                case LayerKind.Conv1D or LayerKind.Conv2D:
                    string conv = "conv" + number;
                    long[] weightShape = [.. Enumerable.Select(architecture.WeightShapeOf(k)!, static d => (long)d)];
                    int weights = (int)Enumerable.Aggregate(weightShape, 1L, static (a, d) => a * d);
                    WriteNode(graph, conv, "Conv", [current, conv + ".weight", conv + ".bias"], linear ?? conv, Window(layer, shape.Length - 1, pads: layer.Padding, dilations: layer.Dilation));
                    WriteTensor(graph, conv + ".weight", weightShape, parameters.AsSpan(offset, weights));
                    offset += weights;
                    WriteTensor(graph, conv + ".bias", [layer.Units], parameters.AsSpan(offset, layer.Units));
                    offset += layer.Units;
                    shape = Windowed(shape, layer, layer.Units);
                    current = WriteActivation(graph, conv, layer, linear ?? conv, last);
                    break;
                case LayerKind.MaxPool1D or LayerKind.MaxPool2D or LayerKind.AvgPool1D or LayerKind.AvgPool2D:
                    string pool = "pool" + number;
                    bool max = layer.Kind is LayerKind.MaxPool1D or LayerKind.MaxPool2D;
                    WriteNode(graph, pool, max ? "MaxPool" : "AveragePool", [current], last ? "output" : pool, Window(layer, shape.Length - 1, pads: null, dilations: null));
                    shape = Windowed(shape, layer, shape[0]);
                    current = last ? "output" : pool;
                    break;
                case LayerKind.GlobalAvgPool:
                    string global = "pool" + number;
                    WriteNode(graph, global, "GlobalAveragePool", [current], global);
                    shape = [shape[0]];
                    current = WriteFlatten(graph, global + ".flatten", global, ref shape, last);
                    break;
                case LayerKind.Flatten:
                    current = WriteFlatten(graph, "flatten" + number, current, ref shape, last);
                    break;
            }
        }

        graph.WriteString(2, "CompiledNN");
        graph.WriteMessage(11, architecture.InputShape, static (info, dims) => WriteValueInfo(info, "input", dims));
        graph.WriteMessage(12, shape, static (info, dims) => WriteValueInfo(info, "output", dims));
    }

    /// <summary>Flattens <paramref name="input"/> to <c>[batch, features]</c> (as <c>nn.Flatten</c>) and returns the flat value's name.</summary>
    private static string WriteFlatten(ProtoWriter graph, string name, string input, ref int[] shape, bool last)
    {
        string output = last ? "output" : name;
        WriteNode(graph, name, "Flatten", [input], output, ("axis", null, 1L));
        shape = [Enumerable.Aggregate(shape, 1, static (a, d) => a * d)];
        return output;
    }

    /// <summary>The attributes of a window over <paramref name="dimensions"/> spatial dimensions: kernel, strides, and for a convolution its pads and dilations.</summary>
    private static (string Name, float? Float, long? Int, long[]? Ints)[] Window(LayerArchitecture layer, int dimensions, int? pads, int? dilations)
    {
        var attributes = new List<(string, float?, long?, long[]?)>
        {
            ("kernel_shape", null, null, Repeat(layer.KernelSize, dimensions)),
            ("strides", null, null, Repeat(layer.Stride, dimensions)),
        };
        if (pads is int p)
        {
            attributes.Add(("pads", null, null, Repeat(p, 2 * dimensions)));
        }

        if (dilations is int d)
        {
            attributes.Add(("dilations", null, null, Repeat(d, dimensions)));
        }

        return [.. attributes];
    }

    private static long[] Repeat(int value, int count) => [.. Enumerable.Repeat((long)value, count)];

    /// <summary>The shape after a window layer: <paramref name="channels"/>, then each spatial size as PyTorch computes it (partial windows dropped).</summary>
    private static int[] Windowed(int[] shape, LayerArchitecture layer, int channels)
    {
        int[] output = new int[shape.Length];
        output[0] = channels;
        int dilation = layer.Kind is LayerKind.Conv1D or LayerKind.Conv2D ? layer.Dilation : 1;
        for (int d = 1; d < shape.Length; d++)
        {
            output[d] = ((shape[d] + (2 * layer.Padding) - (dilation * (layer.KernelSize - 1)) - 1) / layer.Stride) + 1;
        }

        return output;
    }

    /// <summary>Writes the nodes of <paramref name="layer"/>'s activation from <paramref name="input"/>; returns the activated value's name (<c>"output"</c> after the <paramref name="last"/> layer), or <paramref name="input"/> for Identity.</summary>
    private static string WriteActivation(ProtoWriter graph, string name, LayerArchitecture layer, string input, bool last)
    {
        if (OperatorOf(layer.Activation) is not { } op)
        {
            return input;
        }

        string output = last ? "output" : name + "." + op.ToLowerInvariant();
        string node = name + "." + op.ToLowerInvariant();
        switch (layer.Activation)
        {
            case Activation.GELU:
                WriteScalar(graph, node + ".sqrt2", MathF.Sqrt(2f));
                WriteScalar(graph, node + ".one", 1f);
                WriteScalar(graph, node + ".half", 0.5f);
                WriteNode(graph, node + ".div", "Div", [input, node + ".sqrt2"], node + ".div");
                WriteNode(graph, node + ".erf", "Erf", [node + ".div"], node + ".erf");
                WriteNode(graph, node + ".add", "Add", [node + ".erf", node + ".one"], node + ".add");
                WriteNode(graph, node + ".mul", "Mul", [input, node + ".add"], node + ".mul");
                WriteNode(graph, node + ".half", "Mul", [node + ".mul", node + ".half"], output);
                break;
            case Activation.SiLU:
                WriteNode(graph, node + ".sigmoid", "Sigmoid", [input], node + ".sigmoid");
                WriteNode(graph, node + ".mul", "Mul", [input, node + ".sigmoid"], output);
                break;
            case Activation.Mish:
                WriteNode(graph, node + ".softplus", "Softplus", [input], node + ".softplus");
                WriteNode(graph, node + ".tanh", "Tanh", [node + ".softplus"], node + ".tanh");
                WriteNode(graph, node + ".mul", "Mul", [input, node + ".tanh"], output);
                break;
            default:
                (string, float?, long?)[] attributes = layer.Activation switch
                {
                    Activation.LeakyReLU or Activation.ELU => [("alpha", layer.Alpha, null)],
                    Activation.Softmax => [("axis", null, -1L)],
                    _ => [],
                };
                WriteNode(graph, node, op, [input], output, attributes);
                break;
        }

        return output;
    }

    /// <summary>The ONNX operator of an activation (the one it is named by, for those written out of several), <see langword="null"/> for Identity.</summary>
    private static string? OperatorOf(Activation activation) => activation switch
    {
        Activation.Identity => null,
        Activation.ReLU => "Relu",
        Activation.LeakyReLU => "LeakyRelu",
        Activation.ELU => "Elu",
        Activation.Sigmoid => "Sigmoid",
        Activation.Tanh => "Tanh",
        Activation.Softplus => "Softplus",
        Activation.Softmax => "Softmax",
        Activation.GELU => "Gelu",
        Activation.SiLU => "Silu",
        Activation.Mish => "Mish",
        _ => throw new NotSupportedException($"The activation {activation} has no ONNX export."),
    };

    private static void WriteNode(ProtoWriter graph, string name, string op, string[] inputs, string output, params (string Name, float? Float, long? Int)[] attributes) =>
        WriteNode(graph, name, op, inputs, output, [.. Enumerable.Select(attributes, static a => (a.Name, a.Float, a.Int, (long[]?)null))]);

    private static void WriteNode(ProtoWriter graph, string name, string op, string[] inputs, string output, (string Name, float? Float, long? Int, long[]? Ints)[] attributes) =>
        graph.WriteMessage(1, (name, op, inputs, output, attributes), static (node, n) =>
        {
            foreach (string input in n.inputs)
            {
                node.WriteString(1, input);
            }

            node.WriteString(2, n.output);
            node.WriteString(3, n.name);
            node.WriteString(4, n.op);
            foreach ((string Name, float? Float, long? Int, long[]? Ints) attribute in n.attributes)
            {
                node.WriteMessage(5, attribute, static (a, value) =>
                {
                    a.WriteString(1, value.Name);
                    if (value.Float is { } f)
                    {
                        a.WriteFloat(2, f);
                        a.WriteInt64(20, 1);
                    }
                    else if (value.Ints is { } ints)
                    {
                        a.WritePackedInt64(8, ints);
                        a.WriteInt64(20, 7);
                    }
                    else
                    {
                        a.WriteInt64(3, value.Int!.Value);
                        a.WriteInt64(20, 2);
                    }
                });
            }
        });

    private static void WriteTensor(ProtoWriter graph, string name, long[] dims, ReadOnlySpan<float> values)
    {
        // raw_data is little-endian; MemoryMarshal gives the floats' own bytes, which are little-endian on every
        // platform .NET runs on.
        byte[] raw = MemoryMarshal.AsBytes(values).ToArray();
        graph.WriteMessage(5, (name, dims, raw), static (tensor, t) =>
        {
            tensor.WritePackedInt64(1, t.dims);
            tensor.WriteInt64(2, FloatType);
            tensor.WriteString(8, t.name);
            tensor.WriteBytes(9, t.raw);
        });
    }

    private static void WriteScalar(ProtoWriter graph, string name, float value) => WriteTensor(graph, name, [], [value]);

    /// <summary>A float32 tensor of shape <c>[batch, dims…]</c> with a dynamic batch axis.</summary>
    private static void WriteValueInfo(ProtoWriter info, string name, IReadOnlyList<int> dims)
    {
        info.WriteString(1, name);
        info.WriteMessage(2, dims, static (type, dims) => type.WriteMessage(1, dims, static (tensor, dims) =>
        {
            tensor.WriteInt64(1, FloatType);
            tensor.WriteMessage(2, dims, static (shape, dims) =>
            {
                shape.WriteMessage(1, 0, static (dim, _) => dim.WriteString(2, "batch"));
                foreach (int size in dims)
                {
                    shape.WriteMessage(1, size, static (dim, size) => dim.WriteInt64(1, size));
                }
            });
        }));
    }
}
