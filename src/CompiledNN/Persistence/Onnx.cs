using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;

namespace CompiledNN.Persistence;

/// <summary>
/// Exports a network as an ONNX model (https://onnx.ai), which ONNX Runtime, Netron and the other ONNX tools read.
/// </summary>
/// <remarks>
/// The model uses operator set 13. Its input is named <c>"input"</c> and its output <c>"output"</c>, both
/// <c>float32</c> of shape <c>[batch, features]</c> with a dynamic batch axis. Each dense layer is a <c>Gemm</c> with
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
    /// <exception cref="NotSupportedException">A layer's activation (Step) has no ONNX form here, or a layer is not dense.</exception>
    public static void Export(IPersistentNetwork network, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stream);
        NetworkArchitecture architecture = network.Architecture;
        foreach (LayerArchitecture layer in architecture.Layers)
        {
            if (layer.Kind != LayerKind.Dense)
            {
                throw new NotSupportedException($"ONNX export is written for dense layers; this network has a {layer.Kind} layer.");
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
        int offset = 0;
        for (int k = 0; k < architecture.Layers.Count; k++)
        {
            LayerArchitecture layer = architecture.Layers[k];
            int inputs = architecture.InputsOf(k);
            bool last = k == architecture.Layers.Count - 1;
            string name = "dense" + (k + 1).ToString(CultureInfo.InvariantCulture);
            string? op = OperatorOf(layer.Activation);
            string linear = last && op is null ? "output" : name;
            WriteNode(graph, name, "Gemm", [current, name + ".weight", name + ".bias"], linear, ("transB", null, 1L));
            WriteTensor(graph, name + ".weight", [layer.Units, inputs], parameters.AsSpan(offset, layer.Units * inputs));
            offset += layer.Units * inputs;
            WriteTensor(graph, name + ".bias", [layer.Units], parameters.AsSpan(offset, layer.Units));
            offset += layer.Units;
            current = linear;
            if (op is not null)
            {
                current = WriteActivation(graph, name, layer, op, current, last ? "output" : name + "." + op.ToLowerInvariant());
            }
        }

        graph.WriteString(2, "CompiledNN");
        graph.WriteMessage(11, architecture.InputSize, static (info, size) => WriteValueInfo(info, "input", size));
        graph.WriteMessage(12, architecture.Layers[architecture.Layers.Count - 1].Units, static (info, size) => WriteValueInfo(info, "output", size));
    }

    /// <summary>Writes the nodes of <paramref name="layer"/>'s activation from <paramref name="input"/> to <paramref name="output"/>, which it returns.</summary>
    private static string WriteActivation(ProtoWriter graph, string name, LayerArchitecture layer, string op, string input, string output)
    {
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
        graph.WriteMessage(1, (name, op, inputs, output, attributes), static (node, n) =>
        {
            foreach (string input in n.inputs)
            {
                node.WriteString(1, input);
            }

            node.WriteString(2, n.output);
            node.WriteString(3, n.name);
            node.WriteString(4, n.op);
            foreach ((string Name, float? Float, long? Int) attribute in n.attributes)
            {
                node.WriteMessage(5, attribute, static (a, value) =>
                {
                    a.WriteString(1, value.Name);
                    if (value.Float is { } f)
                    {
                        a.WriteFloat(2, f);
                        a.WriteInt64(20, 1);
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

    /// <summary>A float32 tensor of shape <c>[batch, size]</c> with a dynamic batch axis.</summary>
    private static void WriteValueInfo(ProtoWriter info, string name, int size)
    {
        info.WriteString(1, name);
        info.WriteMessage(2, size, static (type, size) => type.WriteMessage(1, size, static (tensor, size) =>
        {
            tensor.WriteInt64(1, FloatType);
            tensor.WriteMessage(2, size, static (shape, size) =>
            {
                shape.WriteMessage(1, 0, static (dim, _) => dim.WriteString(2, "batch"));
                shape.WriteMessage(1, size, static (dim, size) => dim.WriteInt64(1, size));
            });
        }));
    }
}
