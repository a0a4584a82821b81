using System;
using System.Collections.Generic;
using System.Linq;

namespace CompiledNN.Generators.Onnx;

/// <summary>
/// Finds the activations exporters write out of several operators, because opset 13 has no single one for them, and
/// replaces each by one node the importer reads as that activation: GELU (erf form) as torch 1.13 writes it,
/// <c>Mul(Mul(x, Add(Erf(Div(x, √2)), 1)), 0.5)</c> (the division may be a multiplication by 1/√2, the multiplications'
/// operands in either order); SiLU, <c>Mul(x, Sigmoid(x))</c>; Mish, <c>Mul(x, Tanh(Softplus(x)))</c>. A pattern is
/// taken only when its intermediate values feed nothing else, so that it computes exactly the activation.
/// </summary>
internal static class ActivationPatterns
{
    /// <summary>
    /// The operator of the node that stands for a GELU; not opset 20's <c>Gelu</c>, whose <c>approximate</c> attribute may
    /// ask for the tanh form.
    /// </summary>
    public const string Gelu = "x·½(1+Erf(x/√2))";

    /// <summary>The operator of the node that stands for a SiLU (x · Sigmoid(x)); no ONNX operator has this name.</summary>
    public const string Silu = "x·Sigmoid(x)";

    /// <summary>The operator of the node that stands for a Mish (x · Tanh(Softplus(x))), opset 18's operator of that name.</summary>
    public const string Mish = "Mish";

    private static readonly double Sqrt2 = Math.Sqrt(2);

    /// <summary>
    /// <paramref name="nodes"/> with each pattern replaced, where its last node was, by a node of one input and one
    /// output named after the pattern's first node; <paramref name="constants"/> are the initializers.
    /// </summary>
    public static List<OnnxNode> Fuse(IReadOnlyList<OnnxNode> nodes, IReadOnlyDictionary<string, OnnxTensor> constants, string graphOutput)
    {
        var scalars = new Dictionary<string, float>();
        foreach (KeyValuePair<string, OnnxTensor> constant in constants)
        {
            AddScalar(scalars, constant.Key, constant.Value);
        }

        var consumers = new Dictionary<string, List<OnnxNode>>();
        foreach (OnnxNode node in nodes)
        {
            if (node.OpType == "Constant" && node.Outputs.Count == 1 && node.Attributes.TryGetValue("value", out OnnxAttribute? value) && value.Tensor is { } tensor)
            {
                AddScalar(scalars, node.Outputs[0], tensor);
            }

            foreach (string input in node.Inputs.Distinct())
            {
                (consumers.TryGetValue(input, out List<OnnxNode>? list) ? list : consumers[input] = []).Add(node);
            }
        }

        var replaced = new Dictionary<OnnxNode, OnnxNode?>();
        foreach (OnnxNode node in nodes)
        {
            if (replaced.ContainsKey(node) || node.Domain is not ("" or "ai.onnx") || node.Inputs.Count == 0 || node.Outputs.Count != 1)
            {
                continue;
            }

            string x = node.Inputs[0];
            (string Op, OnnxNode[] Pattern)? match = node.OpType switch
            {
                "Sigmoid" => Chain(node, x, Silu),
                "Softplus" => Next(node, "Tanh") is { } tanh ? Chain(tanh, x, Mish, node) : null,
                "Div" or "Mul" when node.Inputs.Count == 2 && Scalar(node.Inputs[1]) is { } c && IsGeluScale(node.OpType, c) => GeluFrom(node, x),
                _ => null,
            };
            if (match is not { } found)
            {
                continue;
            }

            OnnxNode last = found.Pattern[found.Pattern.Length - 1];
            var fused = new OnnxNode { Name = node.Name, OpType = found.Op };
            fused.Inputs.Add(x);
            fused.Outputs.Add(last.Outputs[0]);
            foreach (OnnxNode member in found.Pattern)
            {
                replaced[member] = member == last ? fused : null;
            }
        }

        return nodes.Select(n => replaced.TryGetValue(n, out OnnxNode? r) ? r : n).Where(static n => n is not null).ToList()!;

        float? Scalar(string name) => scalars.TryGetValue(name, out float value) ? value : null;

        // The only consumer of the node's single output, when it has that operator.
        OnnxNode? Next(OnnxNode node, string op) =>
            node.Outputs.Count == 1 && node.Outputs[0] != graphOutput && consumers.TryGetValue(node.Outputs[0], out List<OnnxNode>? next) &&
            next.Count == 1 && next[0].OpType == op && next[0].Outputs.Count == 1 ? next[0] : null;

        // x feeds exactly the pattern's first node and a final Mul(x, tail) (either order).
        (string, OnnxNode[])? Chain(OnnxNode tail, string x, string op, params OnnxNode[] before)
        {
            OnnxNode first = before.Length > 0 ? before[0] : tail;
            return Next(tail, "Mul") is { } mul && Takes(mul, x, tail.Outputs[0]) && FeedsOnly(x, first, mul)
                ? (op, [.. before, tail, mul])
                : null;
        }

        (string, OnnxNode[])? GeluFrom(OnnxNode scale, string x)
        {
            if (Next(scale, "Erf") is not { } erf || Next(erf, "Add") is not { } add || Next(add, "Mul") is not { } timesX || Next(timesX, "Mul") is not { } half)
            {
                return null;
            }

            bool addsOne = add.Inputs.Count == 2 && Scalar(add.Inputs[add.Inputs[0] == erf.Outputs[0] ? 1 : 0]) == 1f;
            bool halves = half.Inputs.Count == 2 && Scalar(half.Inputs[half.Inputs[0] == timesX.Outputs[0] ? 1 : 0]) == 0.5f;
            return addsOne && halves && Takes(timesX, x, add.Outputs[0]) && FeedsOnly(x, scale, timesX) ? (Gelu, [scale, erf, add, timesX, half]) : null;
        }

        static bool Takes(OnnxNode node, string a, string b) =>
            node.Inputs.Count == 2 && ((node.Inputs[0] == a && node.Inputs[1] == b) || (node.Inputs[0] == b && node.Inputs[1] == a));

        bool FeedsOnly(string x, OnnxNode first, OnnxNode second) =>
            consumers.TryGetValue(x, out List<OnnxNode>? users) && users.Count == 2 && users.Contains(first) && users.Contains(second);
    }

    /// <summary>Whether x / <paramref name="c"/> (Div) or x · <paramref name="c"/> (Mul) is x / √2 to float32's precision.</summary>
    private static bool IsGeluScale(string op, float c) =>
        Math.Abs((op == "Div" ? c / Sqrt2 : c * Sqrt2) - 1) < 1e-6;

    private static void AddScalar(Dictionary<string, float> scalars, string name, OnnxTensor tensor)
    {
        if (tensor.DataType == OnnxTensor.Float && tensor.Floats is { Length: 1 } values && !tensor.IsExternal)
        {
            scalars[name] = values[0];
        }
    }
}
