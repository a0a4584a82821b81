using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CompiledNN.Generators.Diagnostics;
using CompiledNN.Generators.Validation;
using Microsoft.CodeAnalysis;

namespace CompiledNN.Generators.Onnx;

/// <summary>
/// Maps a chain-shaped ONNX graph onto dense layers, following the model's inference semantics: Gemm, or MatMul with
/// an Add, opens a layer; an activation closes it; BatchNormalization is folded into the layer before it (or, after
/// an activation, into the next one); Flatten, Reshape to <c>[N, -1]</c>, Identity and Dropout change nothing. GELU,
/// SiLU and Mish written out of several operators are read as one activation (<see cref="ActivationPatterns"/>). The
/// folding is done in double precision and rounded once to float32.
/// </summary>
internal sealed class OnnxImporter
{
    /// <summary>The operator sets whose operators the importer knows.</summary>
    public const int MinOpset = 9, MaxOpset = 21;

    private readonly OnnxModel _model;
    private readonly string _path;
    private readonly int _attributeIndex;
    private readonly Dictionary<string, OnnxTensor> _constants;
    private readonly Dictionary<string, int> _consumers = new();
    private readonly List<ImportedLayer> _layers = [];

    // The data flowing along the chain: its name, its features per row, and whether it is already [N, features].
    private string _current = "";
    private int _inputSize;
    private int _features;
    private bool _flat;

    // The newest layer while it is still linear, and a per-feature affine map (from a batch norm after an activation)
    // that waits to be folded into the next layer's weights.
    private ImportedLayer? _open;
    private double[]? _pendingScale, _pendingShift;
    private OnnxNode? _pendingNode;

    private OnnxImporter(OnnxModel model, string path, int attributeIndex)
    {
        _model = model;
        _path = path;
        _attributeIndex = attributeIndex;
        _constants = new Dictionary<string, OnnxTensor>(model.Graph.Initializers);
    }

    /// <summary>The dense layers of <paramref name="model"/>, or the first problem; problems point at the attribute's path argument.</summary>
    public static ImportedNetwork Import(OnnxModel model, string path, int attributeIndex)
    {
        var importer = new OnnxImporter(model, path, attributeIndex);
        ValidationProblem? problem = importer.Run();
        return new ImportedNetwork(importer._inputSize, importer._layers, problem);
    }

    private ValidationProblem? Run()
    {
        if (_model.Opset is < MinOpset or > MaxOpset)
        {
            return Problem(DiagnosticDescriptors.OnnxOpsetUnsupported, _model.Opset);
        }

        OnnxGraph graph = _model.Graph;
        var inputs = graph.Inputs.Where(i => !graph.Initializers.ContainsKey(i.Name)).ToList();
        if (inputs.Count != 1 || graph.Outputs.Count != 1)
        {
            return Problem(DiagnosticDescriptors.OnnxNotAChain, $"it has {inputs.Count} inputs and {graph.Outputs.Count} outputs");
        }

        if (ReadInput(inputs[0]) is { } inputProblem)
        {
            return inputProblem;
        }

        if (graph.Outputs[0].ElementType is not (0 or OnnxTensor.Float))
        {
            return Problem(DiagnosticDescriptors.OnnxUnsupportedElementType, $"the output '{graph.Outputs[0].Name}'", ElementTypeName(graph.Outputs[0].ElementType));
        }

        List<OnnxNode> nodes = ActivationPatterns.Fuse(graph.Nodes, graph.Initializers, graph.Outputs[0].Name);
        foreach (OnnxNode node in nodes)
        {
            foreach (string input in node.Inputs)
            {
                _consumers[input] = _consumers.TryGetValue(input, out int count) ? count + 1 : 1;
            }
        }

        foreach (OnnxNode node in nodes)
        {
            if (Step(node) is { } problem)
            {
                return problem;
            }
        }

        if (_current != graph.Outputs[0].Name)
        {
            return Problem(DiagnosticDescriptors.OnnxNotAChain, $"the chain from the input ends at '{_current}', not at the output '{graph.Outputs[0].Name}'");
        }

        if (_pendingNode is not null)
        {
            return Unsupported(_pendingNode, "a batch normalization after the last layer's activation has no following layer to be folded into");
        }

        if (_layers.Count == 0)
        {
            return Problem(DiagnosticDescriptors.OnnxNotAChain, "it has no Gemm or MatMul, so no dense layer");
        }

        CloseOpenLayer();
        return null;
    }

    private ValidationProblem? ReadInput(OnnxValueInfo input)
    {
        string what = $"the input '{input.Name}'";
        if (input.ElementType != OnnxTensor.Float)
        {
            return Problem(DiagnosticDescriptors.OnnxUnsupportedElementType, what, ElementTypeName(input.ElementType));
        }

        if (!input.HasShape || input.Dims.Count < 2)
        {
            return Problem(DiagnosticDescriptors.OnnxNotAChain, $"{what} has {(input.HasShape ? input.Dims.Count + " dimensions" : "no shape")}, not a batch axis followed by the row's own");
        }

        long features = 1;
        for (int axis = 1; axis < input.Dims.Count; axis++)
        {
            OnnxDimension dim = input.Dims[axis];
            if (dim.Value is not { } size || size <= 0)
            {
                return Problem(DiagnosticDescriptors.OnnxDynamicDimension, what, dim.Parameter is { } name ? $"'{name}'" : "of unknown size", axis);
            }

            features *= size;
            if (features > int.MaxValue)
            {
                return Problem(DiagnosticDescriptors.OnnxNotAChain, $"{what} has more than {int.MaxValue} features per row");
            }
        }

        _current = input.Name;
        _features = _inputSize = (int)features;
        _flat = input.Dims.Count == 2;
        return null;
    }

    private ValidationProblem? Step(OnnxNode node)
    {
        if (node.Domain is not ("" or "ai.onnx"))
        {
            return Unsupported(node, $"it belongs to the operator domain '{node.Domain}', and the importer reads the standard ONNX operators only");
        }

        if (node.OpType == "Constant")
        {
            if (node.Outputs.Count == 1 && node.Attributes.TryGetValue("value", out OnnxAttribute? value) && value.Tensor is { } tensor)
            {
                _constants[node.Outputs[0]] = tensor;
            }

            return null;
        }

        // Exporters may leave a weight's transpose (or a copy of it) as a node of its own: it is computed here.
        if (node.OpType is "Transpose" or "Identity" && node.Inputs.Count == 1 && node.Outputs.Count == 1 &&
            node.Inputs[0] != _current && _constants.TryGetValue(node.Inputs[0], out OnnxTensor? constant))
        {
            return FoldConstant(node, constant);
        }

        // The data input: the previous node's output; Add may take it second.
        int dataInput = node.OpType == "Add" && node.Inputs.Count == 2 && node.Inputs[1] == _current ? 1 : 0;
        if (node.Inputs.Count == 0 || node.Inputs[dataInput] != _current)
        {
            string taken = node.Inputs.Count == 0 ? "no input" : $"'{node.Inputs[dataInput]}'";
            return Problem(DiagnosticDescriptors.OnnxNotAChain, $"node {Describe(node)} takes {taken}, not the output '{_current}' of the node before it");
        }

        if (_consumers.TryGetValue(_current, out int consumers) && consumers > 1)
        {
            return Problem(DiagnosticDescriptors.OnnxNotAChain, $"'{_current}' feeds {consumers} nodes (a branch or a skip connection)");
        }

        for (int i = 0; i < node.Inputs.Count; i++)
        {
            if (i != dataInput && node.Inputs[i].Length > 0 && !_constants.ContainsKey(node.Inputs[i]))
            {
                return Problem(DiagnosticDescriptors.OnnxNotAChain, $"node {Describe(node)} also takes '{node.Inputs[i]}', which is neither a weight nor a constant (a branch or a skip connection)");
            }
        }

        for (int i = 1; i < node.Outputs.Count; i++)
        {
            if (node.Outputs[i].Length > 0 && (_consumers.ContainsKey(node.Outputs[i]) || node.Outputs[i] == _model.Graph.Outputs[0].Name))
            {
                return Problem(DiagnosticDescriptors.OnnxNotAChain, $"the output '{node.Outputs[i]}' of node {Describe(node)} is used");
            }
        }

        ValidationProblem? problem = node.OpType switch
        {
            "Gemm" => Gemm(node),
            "MatMul" => MatMul(node),
            "Add" => Add(node, node.Inputs[1 - dataInput]),
            "BatchNormalization" => BatchNormalization(node),
            "Relu" => Activate(node, Activation.ReLU, 0f),
            "LeakyRelu" => Activate(node, Activation.LeakyReLU, FloatAttribute(node, "alpha", 0.01f)),
            "Elu" => Activate(node, Activation.ELU, FloatAttribute(node, "alpha", 1f)),
            "Sigmoid" => Activate(node, Activation.Sigmoid, 0f),
            "Tanh" => Activate(node, Activation.Tanh, 0f),
            "Softplus" => Activate(node, Activation.Softplus, 0f),
            ActivationPatterns.Gelu => Activate(node, Activation.GELU, 0f),
            ActivationPatterns.Silu => Activate(node, Activation.SiLU, 0f),
            ActivationPatterns.Mish => Activate(node, Activation.Mish, 0f),
            "Softmax" => Softmax(node),
            "Flatten" => Flatten(node),
            "Reshape" => Reshape(node),
            "Identity" or "Dropout" => null,
            _ => Unsupported(node, "the importer maps Gemm, MatMul + Add, BatchNormalization, Relu, LeakyRelu, Elu, Sigmoid, Tanh, Softplus, Mish, GELU and SiLU (as PyTorch writes them out), Softmax, Flatten, Reshape, Identity and Dropout onto dense layers"),
        };
        if (problem is null)
        {
            _current = node.Outputs.Count > 0 ? node.Outputs[0] : "";
        }

        return problem;
    }

    private ValidationProblem? Gemm(OnnxNode node)
    {
        if (IntAttribute(node, "transA", 0) != 0)
        {
            return UnsupportedAttribute(node, "transA = 1", "export the linear layer as x · Wᵀ, as torch.nn.Linear does");
        }

        bool transB = IntAttribute(node, "transB", 0) != 0;
        if (node.Inputs.Count < 2)
        {
            return Unsupported(node, "it has no weight input");
        }

        return Linear(node, node.Inputs[1], transB, FloatAttribute(node, "alpha", 1f), node.Inputs.Count > 2 && node.Inputs[2].Length > 0 ? node.Inputs[2] : null, FloatAttribute(node, "beta", 1f));
    }

    private ValidationProblem? MatMul(OnnxNode node) =>
        node.Inputs.Count < 2 ? Unsupported(node, "it has no weight input") : Linear(node, node.Inputs[1], transposed: false, 1f, bias: null, 0f);

    /// <summary>Opens a layer <c>alpha · x · B + beta · C</c> (B transposed when <paramref name="transposed"/>).</summary>
    private ValidationProblem? Linear(OnnxNode node, string weightName, bool transposed, float alpha, string? bias, float beta)
    {
        if (!_flat)
        {
            return Unsupported(node, "its input still has several axes per row; a dense layer needs a Flatten before it");
        }

        if (Tensor(node, weightName, out OnnxTensor? weight) is { } problem)
        {
            return problem;
        }

        if (weight!.Dims.Count != 2 || weight.Dims[transposed ? 1 : 0] != _features)
        {
            return Unsupported(node, $"its weight '{weightName}' has dimensions [{string.Join(", ", weight.Dims)}], not the {(transposed ? "[units, " + _features + "]" : "[" + _features + ", units]")} of a dense layer over {_features} features");
        }

        int units = (int)weight.Dims[transposed ? 0 : 1];
        if (units <= 0)
        {
            return Unsupported(node, $"its weight '{weightName}' has no units");
        }

        CloseOpenLayer();
        int inputs = _features;
        double[] w = new double[(long)units * inputs];
        double[] b = new double[units];
        float[] values = weight.Floats!;
        for (int u = 0; u < units; u++)
        {
            for (int k = 0; k < inputs; k++)
            {
                w[(u * inputs) + k] = alpha * (double)values[transposed ? (u * inputs) + k : (k * units) + u];
            }
        }

        if (bias is not null)
        {
            if (AddBias(node, bias, b, beta) is { } biasProblem)
            {
                return biasProblem;
            }
        }

        // A batch norm after the previous activation is the affine map x → s ⊙ x + t applied to this layer's input.
        if (_pendingScale is not null)
        {
            for (int u = 0; u < units; u++)
            {
                for (int k = 0; k < inputs; k++)
                {
                    b[u] += w[(u * inputs) + k] * _pendingShift![k];
                    w[(u * inputs) + k] *= _pendingScale[k];
                }
            }

            _pendingScale = _pendingShift = null;
            _pendingNode = null;
        }

        _open = new ImportedLayer(inputs, units, w, b);
        _layers.Add(_open);
        _features = units;
        return null;
    }

    private ValidationProblem? Add(OnnxNode node, string biasName)
    {
        if (_open is null || _open.Activation is not null)
        {
            return Unsupported(node, "an Add is imported only as the bias of the Gemm or MatMul just before it");
        }

        return AddBias(node, biasName, _open.Bias, 1f);
    }

    /// <summary>Adds <paramref name="scale"/> times the tensor <paramref name="name"/> (one value, or one per unit) to <paramref name="bias"/>.</summary>
    private ValidationProblem? AddBias(OnnxNode node, string name, double[] bias, float scale)
    {
        if (Tensor(node, name, out OnnxTensor? tensor) is { } problem)
        {
            return problem;
        }

        float[] values = tensor!.Floats!;
        bool broadcast = values.Length == 1;
        if (!broadcast && (values.Length != bias.Length || tensor.Dims.Take(tensor.Dims.Count - 1).Any(static d => d != 1)))
        {
            return Unsupported(node, $"its bias '{name}' has dimensions [{string.Join(", ", tensor.Dims)}], not one value per unit ({bias.Length})");
        }

        for (int u = 0; u < bias.Length; u++)
        {
            bias[u] += scale * (double)values[broadcast ? 0 : u];
        }

        return null;
    }

    private ValidationProblem? BatchNormalization(OnnxNode node)
    {
        if (IntAttribute(node, "training_mode", 0) != 0)
        {
            return UnsupportedAttribute(node, "training_mode = 1", "export the model in eval() mode, so that batch normalization uses its running statistics");
        }

        if (!_flat || node.Inputs.Count < 5)
        {
            return Unsupported(node, !_flat ? "it normalizes channels of a row with several axes, and the importer reads dense layers only" : "it lacks its scale, bias, mean or variance");
        }

        var parameters = new float[4][];
        for (int i = 0; i < 4; i++)
        {
            if (Tensor(node, node.Inputs[i + 1], out OnnxTensor? tensor) is { } problem)
            {
                return problem;
            }

            if (tensor!.Floats!.Length != _features)
            {
                return Unsupported(node, $"its input '{node.Inputs[i + 1]}' has {tensor.Floats.Length} values for {_features} features");
            }

            parameters[i] = tensor.Floats;
        }

        // eval(): y = (x − mean) · γ / √(var + ε) + β = k ⊙ x + c.
        double epsilon = FloatAttribute(node, "epsilon", 1e-5f);
        double[] k = new double[_features], c = new double[_features];
        for (int j = 0; j < _features; j++)
        {
            k[j] = parameters[0][j] / Math.Sqrt(parameters[3][j] + epsilon);
            c[j] = parameters[1][j] - (parameters[2][j] * k[j]);
        }

        if (_open is { Activation: null } open)
        {
            for (int u = 0; u < open.Units; u++)
            {
                for (int i = 0; i < open.Inputs; i++)
                {
                    open.Weights[(u * open.Inputs) + i] *= k[u];
                }

                open.Bias[u] = (open.Bias[u] * k[u]) + c[u];
            }

            return null;
        }

        // After an activation (or at the input): compose with any waiting map, for the next layer to absorb.
        CloseOpenLayer();
        for (int j = 0; j < _features; j++)
        {
            double scale = _pendingScale?[j] ?? 1d, shift = _pendingShift?[j] ?? 0d;
            k[j] *= scale;
            c[j] += (parameters[0][j] / Math.Sqrt(parameters[3][j] + epsilon)) * shift;
        }

        _pendingScale = k;
        _pendingShift = c;
        _pendingNode = node;
        return null;
    }

    private ValidationProblem? Activate(OnnxNode node, Activation activation, float alpha)
    {
        if (_open is not { Activation: null } || _pendingScale is not null)
        {
            return Unsupported(node, "an activation is imported only right after a Gemm or MatMul (with its bias and batch normalization)");
        }

        _open.Activation = activation;
        _open.Alpha = alpha;
        return null;
    }

    private ValidationProblem? Softmax(OnnxNode node)
    {
        // Before opset 13, Softmax flattens from its axis (default 1); on [N, units] that is the last axis either way.
        long axis = IntAttribute(node, "axis", _model.Opset >= 13 ? -1 : 1);
        return axis is 1 or -1
            ? Activate(node, Activation.Softmax, 0f)
            : UnsupportedAttribute(node, $"axis = {axis}", "a softmax is imported over the last axis (the units) only");
    }

    private ValidationProblem? Flatten(OnnxNode node)
    {
        long axis = IntAttribute(node, "axis", 1);
        if (axis != 1)
        {
            return UnsupportedAttribute(node, $"axis = {axis}", "a Flatten is imported only as torch.nn.Flatten's [N, -1] (axis = 1)");
        }

        _flat = true;
        return null;
    }

    private ValidationProblem? Reshape(OnnxNode node)
    {
        if (node.Inputs.Count < 2 || !_constants.TryGetValue(node.Inputs[1], out OnnxTensor? shape) || shape.Longs is not { Length: 2 } dims)
        {
            return Unsupported(node, "only a Reshape to the constant shape [N, -1] can be imported");
        }

        bool copiesBatch = dims[0] == 0 && IntAttribute(node, "allowzero", 0) == 0;
        bool keepsRow = dims[1] == -1 || dims[1] == _features;
        if (!(copiesBatch && keepsRow) && !(dims[0] == -1 && dims[1] == _features))
        {
            return UnsupportedAttribute(node, $"the shape [{dims[0]}, {dims[1]}]", $"a Reshape is imported only to [0, -1], [0, {_features}] or [-1, {_features}], which keep the batch axis");
        }

        _flat = true;
        return null;
    }

    /// <summary>Records the output of a <c>Transpose</c> (of a matrix) or <c>Identity</c> of a constant as a constant.</summary>
    private ValidationProblem? FoldConstant(OnnxNode node, OnnxTensor constant)
    {
        if (node.OpType == "Identity")
        {
            _constants[node.Outputs[0]] = constant;
            return null;
        }

        bool swaps = !node.Attributes.TryGetValue("perm", out OnnxAttribute? perm) || (perm.Ints.Count == 2 && perm.Ints[0] == 1 && perm.Ints[1] == 0);
        if (constant.Dims.Count != 2 || !swaps || constant.DataType != OnnxTensor.Float || constant.Floats is null)
        {
            return Unsupported(node, "a Transpose is imported only as the transpose of a float32 weight matrix");
        }

        int rows = (int)constant.Dims[0], columns = (int)constant.Dims[1];
        var transposed = new OnnxTensor { Name = node.Outputs[0], DataType = OnnxTensor.Float, Floats = new float[constant.Floats.Length] };
        transposed.Dims.Add(columns);
        transposed.Dims.Add(rows);
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                transposed.Floats[(c * rows) + r] = constant.Floats[(r * columns) + c];
            }
        }

        _constants[node.Outputs[0]] = transposed;
        return null;
    }

    /// <summary>The float32 initializer or constant <paramref name="name"/>.</summary>
    private ValidationProblem? Tensor(OnnxNode node, string name, out OnnxTensor? tensor)
    {
        if (!_constants.TryGetValue(name, out tensor))
        {
            return Unsupported(node, $"its input '{name}' is not a weight in the file");
        }

        if (tensor.DataType != OnnxTensor.Float)
        {
            return Problem(DiagnosticDescriptors.OnnxUnsupportedElementType, $"the tensor '{name}' of node {Describe(node)}", ElementTypeName(tensor.DataType));
        }

        return tensor.IsExternal || tensor.Floats is null
            ? Unsupported(node, $"the values of '{name}' are stored in a separate file; export the model with the weights inside it")
            : null;
    }

    private void CloseOpenLayer()
    {
        if (_open is not null)
        {
            _open.Activation ??= Activation.Identity;
            _open = null;
        }
    }

    private static long IntAttribute(OnnxNode node, string name, long fallback) =>
        node.Attributes.TryGetValue(name, out OnnxAttribute? attribute) ? attribute.Int : fallback;

    private static float FloatAttribute(OnnxNode node, string name, float fallback) =>
        node.Attributes.TryGetValue(name, out OnnxAttribute? attribute) ? attribute.Float : fallback;

    /// <summary>How messages name a node: its name, operator and the model's operator set.</summary>
    private string Describe(OnnxNode node) =>
        $"'{(node.Name.Length > 0 ? node.Name : string.Join(", ", node.Outputs))}' ({node.OpType}, opset {_model.Opset.ToString(CultureInfo.InvariantCulture)})";

    private ValidationProblem Unsupported(OnnxNode node, string reason) =>
        Problem(DiagnosticDescriptors.OnnxUnsupportedOperator, Describe(node), reason);

    private ValidationProblem UnsupportedAttribute(OnnxNode node, string value, string advice) =>
        Problem(DiagnosticDescriptors.OnnxUnsupportedAttribute, Describe(node), value, advice);

    private ValidationProblem Problem(DiagnosticDescriptor descriptor, params object[] arguments) =>
        new(descriptor, _attributeIndex, "0", [_path, .. arguments]);

    /// <summary>The name of a <c>TensorProto.DataType</c>.</summary>
    public static string ElementTypeName(int type) => type switch
    {
        0 => "UNDEFINED",
        1 => "FLOAT",
        2 => "UINT8",
        3 => "INT8",
        4 => "UINT16",
        5 => "INT16",
        6 => "INT32",
        7 => "INT64",
        8 => "STRING",
        9 => "BOOL",
        10 => "FLOAT16",
        11 => "DOUBLE",
        12 => "UINT32",
        13 => "UINT64",
        16 => "BFLOAT16",
        _ => type.ToString(CultureInfo.InvariantCulture),
    };
}
