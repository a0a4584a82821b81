using System;
using System.Collections.Generic;

namespace CompiledNN.Generators.Onnx;

/// <summary>
/// Reads the parts of an ONNX file the importer needs (field numbers from onnx.proto). The structure it follows is
/// fixed and not recursive (model, graph, node, attribute, tensor; a subgraph attribute is skipped unread), so the
/// nesting depth is bounded whatever the file says; all sizes are checked by <see cref="ProtoReader"/>.
/// </summary>
internal static class OnnxModelReader
{
    /// <summary>The largest ONNX file the generator reads: its weights become constants or an initial parameter block.</summary>
    public const int MaxFileBytes = 64 * 1024 * 1024;

    /// <summary>Reads <paramref name="bytes"/> as a <c>ModelProto</c>; throws <see cref="OnnxFormatException"/> when it is not one.</summary>
    public static OnnxModel Read(byte[] bytes)
    {
        var reader = new ProtoReader(bytes, 0, bytes.Length);
        long irVersion = 0, opset = 0;
        OnnxGraph? graph = null;
        while (reader.HasMore)
        {
            int field = reader.ReadTag(out int wire);
            switch (field, wire)
            {
                case (1, 0):
                    irVersion = reader.ReadInt64();
                    break;
                case (7, 2):
                    ProtoReader graphReader = reader.ReadMessage();
                    graph = ReadGraph(ref graphReader);
                    break;
                case (8, 2):
                    ProtoReader opsetReader = reader.ReadMessage();
                    if (ReadOpset(ref opsetReader) is { } version)
                    {
                        opset = version;
                    }

                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        // Protobuf has no magic number: a file of other bytes may happen to parse, but it has no IR version and graph.
        if (irVersion <= 0 || graph is null)
        {
            throw new OnnxFormatException(irVersion <= 0 ? "it has no ONNX IR version, so it is not an ONNX model" : "it has no graph");
        }

        return new OnnxModel(opset, graph);
    }

    private static long? ReadOpset(ref ProtoReader reader)
    {
        string domain = "";
        long version = 0;
        while (reader.HasMore)
        {
            int field = reader.ReadTag(out int wire);
            switch (field, wire)
            {
                case (1, 2):
                    domain = reader.ReadString();
                    break;
                case (2, 0):
                    version = reader.ReadInt64();
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return domain is "" or "ai.onnx" ? version : null;
    }

    private static OnnxGraph ReadGraph(ref ProtoReader reader)
    {
        var graph = new OnnxGraph();
        while (reader.HasMore)
        {
            int field = reader.ReadTag(out int wire);
            ProtoReader inner;
            switch (field, wire)
            {
                case (1, 2):
                    inner = reader.ReadMessage();
                    graph.Nodes.Add(ReadNode(ref inner));
                    break;
                case (5, 2):
                    inner = reader.ReadMessage();
                    OnnxTensor tensor = ReadTensor(ref inner);
                    graph.Initializers[tensor.Name] = tensor;
                    break;
                case (11, 2):
                    inner = reader.ReadMessage();
                    graph.Inputs.Add(ReadValueInfo(ref inner));
                    break;
                case (12, 2):
                    inner = reader.ReadMessage();
                    graph.Outputs.Add(ReadValueInfo(ref inner));
                    break;
                case (15, 2):
                    throw new OnnxFormatException("it has sparse initializers, which the importer does not read");
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return graph;
    }

    private static OnnxNode ReadNode(ref ProtoReader reader)
    {
        var node = new OnnxNode();
        while (reader.HasMore)
        {
            int field = reader.ReadTag(out int wire);
            switch (field, wire)
            {
                case (1, 2):
                    node.Inputs.Add(reader.ReadString());
                    break;
                case (2, 2):
                    node.Outputs.Add(reader.ReadString());
                    break;
                case (3, 2):
                    node.Name = reader.ReadString();
                    break;
                case (4, 2):
                    node.OpType = reader.ReadString();
                    break;
                case (7, 2):
                    node.Domain = reader.ReadString();
                    break;
                case (5, 2):
                    ProtoReader inner = reader.ReadMessage();
                    OnnxAttribute attribute = ReadAttribute(ref inner);
                    node.Attributes[attribute.Name] = attribute;
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return node;
    }

    private static OnnxAttribute ReadAttribute(ref ProtoReader reader)
    {
        var attribute = new OnnxAttribute();
        while (reader.HasMore)
        {
            int field = reader.ReadTag(out int wire);
            switch (field, wire)
            {
                case (1, 2):
                    attribute.Name = reader.ReadString();
                    break;
                case (2, 5):
                    attribute.Float = reader.ReadFloat();
                    break;
                case (3, 0):
                    attribute.Int = reader.ReadInt64();
                    break;
                case (5, 2):
                    ProtoReader inner = reader.ReadMessage();
                    attribute.Tensor = ReadTensor(ref inner);
                    break;
                case (8, _):
                    ReadInts(ref reader, wire, attribute.Ints);
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return attribute;
    }

    private static OnnxTensor ReadTensor(ref ProtoReader reader)
    {
        var tensor = new OnnxTensor();
        var floats = new List<float>();
        var longs = new List<long>();
        byte[]? raw = null;
        while (reader.HasMore)
        {
            int field = reader.ReadTag(out int wire);
            switch (field, wire)
            {
                case (1, _):
                    ReadInts(ref reader, wire, tensor.Dims);
                    break;
                case (2, 0):
                    tensor.DataType = (int)reader.ReadInt64();
                    break;
                case (4, _):
                    ReadFloats(ref reader, wire, floats);
                    break;
                case (7, _):
                    ReadInts(ref reader, wire, longs);
                    break;
                case (8, 2):
                    tensor.Name = reader.ReadString();
                    break;
                case (9, 2):
                    raw = reader.ReadBytes();
                    break;
                case (14, 0):
                    tensor.IsExternal = reader.ReadInt64() == 1;
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        Decode(tensor, raw, floats, longs);
        return tensor;
    }

    /// <summary>Takes the values from <c>raw_data</c> (little-endian) or the typed field, checking the count against the dimensions.</summary>
    private static void Decode(OnnxTensor tensor, byte[]? raw, List<float> floats, List<long> longs)
    {
        if (tensor.IsExternal || tensor.DataType is not (OnnxTensor.Float or OnnxTensor.Int64))
        {
            return;
        }

        long count = tensor.ElementCount;
        int size = tensor.DataType == OnnxTensor.Float ? 4 : 8;
        long available = raw is not null ? raw.Length / size : tensor.DataType == OnnxTensor.Float ? floats.Count : longs.Count;
        if (count < 0 || count != available || (raw is not null && raw.Length % size != 0))
        {
            throw new OnnxFormatException($"tensor '{tensor.Name}' has dimensions [{string.Join(", ", tensor.Dims)}] but {(raw is not null ? raw.Length + " bytes of data" : available + " values")}");
        }

        if (tensor.DataType == OnnxTensor.Float)
        {
            tensor.Floats = raw is null ? floats.ToArray() : new float[count];
            if (raw is not null)
            {
                for (int i = 0; i < count; i++)
                {
                    tensor.Floats[i] = BitConverter.ToSingle(raw, 4 * i);
                }
            }
        }
        else
        {
            tensor.Longs = raw is null ? longs.ToArray() : new long[count];
            if (raw is not null)
            {
                for (int i = 0; i < count; i++)
                {
                    tensor.Longs[i] = BitConverter.ToInt64(raw, 8 * i);
                }
            }
        }
    }

    private static OnnxValueInfo ReadValueInfo(ref ProtoReader reader)
    {
        var info = new OnnxValueInfo();
        while (reader.HasMore)
        {
            int field = reader.ReadTag(out int wire);
            switch (field, wire)
            {
                case (1, 2):
                    info.Name = reader.ReadString();
                    break;
                case (2, 2):
                    // TypeProto: only tensor_type (1) is a tensor; the other kinds leave the element type 0.
                    ProtoReader type = reader.ReadMessage();
                    while (type.HasMore)
                    {
                        int typeField = type.ReadTag(out int typeWire);
                        if (typeField == 1 && typeWire == 2)
                        {
                            ProtoReader tensorType = type.ReadMessage();
                            ReadTensorType(ref tensorType, info);
                        }
                        else
                        {
                            type.Skip(typeWire);
                        }
                    }

                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return info;
    }

    private static void ReadTensorType(ref ProtoReader reader, OnnxValueInfo info)
    {
        while (reader.HasMore)
        {
            int field = reader.ReadTag(out int wire);
            switch (field, wire)
            {
                case (1, 0):
                    info.ElementType = (int)reader.ReadInt64();
                    break;
                case (2, 2):
                    info.HasShape = true;
                    ProtoReader shape = reader.ReadMessage();
                    while (shape.HasMore)
                    {
                        int shapeField = shape.ReadTag(out int shapeWire);
                        if (shapeField == 1 && shapeWire == 2)
                        {
                            ProtoReader dim = shape.ReadMessage();
                            info.Dims.Add(ReadDimension(ref dim));
                        }
                        else
                        {
                            shape.Skip(shapeWire);
                        }
                    }

                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }
    }

    private static OnnxDimension ReadDimension(ref ProtoReader reader)
    {
        long? value = null;
        string? parameter = null;
        while (reader.HasMore)
        {
            int field = reader.ReadTag(out int wire);
            switch (field, wire)
            {
                case (1, 0):
                    value = reader.ReadInt64();
                    break;
                case (2, 2):
                    parameter = reader.ReadString();
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return new OnnxDimension(value, parameter);
    }

    /// <summary>A repeated int64: one varint (wire type 0) or a packed run (wire type 2).</summary>
    private static void ReadInts(ref ProtoReader reader, int wire, List<long> values)
    {
        if (wire == 0)
        {
            values.Add(reader.ReadInt64());
            return;
        }

        if (wire != 2)
        {
            throw new OnnxFormatException($"a list of integers with wire type {wire}");
        }

        ProtoReader packed = reader.ReadMessage();
        while (packed.HasMore)
        {
            values.Add(packed.ReadInt64());
        }
    }

    /// <summary>A repeated float: one fixed32 (wire type 5) or a packed run (wire type 2).</summary>
    private static void ReadFloats(ref ProtoReader reader, int wire, List<float> values)
    {
        if (wire == 5)
        {
            values.Add(reader.ReadFloat());
            return;
        }

        if (wire != 2)
        {
            throw new OnnxFormatException($"a list of floats with wire type {wire}");
        }

        ProtoReader packed = reader.ReadMessage();
        while (packed.HasMore)
        {
            values.Add(packed.ReadFloat());
        }
    }
}
