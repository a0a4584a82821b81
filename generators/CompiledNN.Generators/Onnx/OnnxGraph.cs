using System.Collections.Generic;

namespace CompiledNN.Generators.Onnx;

/// <summary>The parts of an ONNX <c>ModelProto</c> the importer reads; everything else in the file is passed over.</summary>
/// <param name="Opset">The version of the default (<c>ai.onnx</c>) operator set, or 0 when the model imports none.</param>
/// <param name="Graph">The main graph.</param>
internal sealed record OnnxModel(long Opset, OnnxGraph Graph);

/// <summary>A <c>GraphProto</c>: nodes in the file's (topological) order, the initializers by name, inputs and outputs.</summary>
internal sealed class OnnxGraph
{
    public List<OnnxNode> Nodes { get; } = [];

    public Dictionary<string, OnnxTensor> Initializers { get; } = new();

    public List<OnnxValueInfo> Inputs { get; } = [];

    public List<OnnxValueInfo> Outputs { get; } = [];
}

/// <summary>A <c>NodeProto</c>.</summary>
internal sealed class OnnxNode
{
    public string Name { get; set; } = "";

    public string OpType { get; set; } = "";

    public string Domain { get; set; } = "";

    public List<string> Inputs { get; } = [];

    public List<string> Outputs { get; } = [];

    public Dictionary<string, OnnxAttribute> Attributes { get; } = new();
}

/// <summary>An <c>AttributeProto</c>: the scalar, integer-list and tensor values the importer uses; the rest is skipped.</summary>
internal sealed class OnnxAttribute
{
    public string Name { get; set; } = "";

    public float Float { get; set; }

    public long Int { get; set; }

    public OnnxTensor? Tensor { get; set; }

    public List<long> Ints { get; } = [];
}

/// <summary>A <c>TensorProto</c> with its values decoded: floats for FLOAT, longs for INT64, nothing for other types.</summary>
internal sealed class OnnxTensor
{
    public const int Float = 1;
    public const int Int64 = 7;

    public string Name { get; set; } = "";

    public int DataType { get; set; }

    public List<long> Dims { get; } = [];

    public float[]? Floats { get; set; }

    public long[]? Longs { get; set; }

    /// <summary>The values live in a separate file (<c>data_location = EXTERNAL</c>), which the importer does not read.</summary>
    public bool IsExternal { get; set; }

    /// <summary>The number of values the dimensions promise, or -1 when that overflows.</summary>
    public long ElementCount
    {
        get
        {
            long count = 1;
            foreach (long dim in Dims)
            {
                if (dim < 0 || (dim > 0 && count > long.MaxValue / dim))
                {
                    return -1;
                }

                count *= dim;
            }

            return count;
        }
    }
}

/// <summary>A <c>ValueInfoProto</c> of a tensor: its element type and dimensions (a value, a name, or neither).</summary>
internal sealed class OnnxValueInfo
{
    public string Name { get; set; } = "";

    public int ElementType { get; set; }

    /// <summary>The shape is given at all (a value without one has unknown rank).</summary>
    public bool HasShape { get; set; }

    public List<OnnxDimension> Dims { get; } = [];
}

/// <summary>One dimension of a shape: a fixed size, a symbolic name (<c>dim_param</c>), or unknown (neither).</summary>
internal sealed record OnnxDimension(long? Value, string? Parameter);
