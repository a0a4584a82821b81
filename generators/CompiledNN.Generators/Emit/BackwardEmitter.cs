using CompiledNN.Generators.Model;

namespace CompiledNN.Generators.Emit;

/// <summary>
/// Writes backpropagation: one method per layer that, from a block of rows' <c>delta = ∂L/∂z</c> and the layer's inputs
/// <c>x</c>, adds the weight and bias gradients through the matrix kernels and, above the first layer, writes the
/// delta for the layer beneath; and the activation derivative calls between layers.
/// </summary>
internal static class BackwardEmitter
{
    public static void WriteMembers(IndentedTextWriter writer, NetworkSpec network)
    {
        foreach (LayerSpec layer in network.Layers)
        {
            WriteLayerBackward(writer, layer);
        }
    }

    /// <summary>Turns <paramref name="delta"/> of a block of rows from ∂L/∂a into ∂L/∂z for <paramref name="layer"/>: element-wise at once, Softmax row by row.</summary>
    public static void WriteActivationGradient(IndentedTextWriter writer, LayerSpec layer, string z, string a, string delta)
    {
        if (layer.Activation == Activation.Softmax)
        {
            using (writer.Block($"for (int row = 0; row < rows; row++)"))
            {
                writer.Line(ActivationGradientCall(layer, z, $"{a}.Slice(row * {layer.Units}, {layer.Units})", $"{delta}.Slice(row * {layer.Units}, {layer.Units})")!);
            }
        }
        else if (ActivationGradientCall(layer, z, a, delta) is { } call)
        {
            writer.Line(call);
        }
    }

    /// <summary>The call that turns <paramref name="delta"/> from ∂L/∂a into ∂L/∂z for <paramref name="layer"/>, or null for Identity.</summary>
    private static string? ActivationGradientCall(LayerSpec layer, string z, string a, string delta) => layer.Activation switch
    {
        Activation.Identity => null,
        Activation.Sigmoid or Activation.Tanh or Activation.Softmax => $"{Names.ActivationGradients}.{layer.Activation}({a}, {delta});",
        Activation.LeakyReLU or Activation.ELU => $"{Names.ActivationGradients}.{layer.Activation}({z}, {delta}, {IndentedTextWriter.Float(layer.Alpha)});",
        _ => $"{Names.ActivationGradients}.{layer.Activation}({z}, {delta});",
    };

    private static void WriteLayerBackward(IndentedTextWriter writer, LayerSpec layer)
    {
        bool first = layer.Number == 1;
        string parameters = $"{Names.ReadOnlySpan} x, {Names.ReadOnlySpan} delta, int rows, {Names.Span} gradient" + (first ? "" : $", {Names.Span} inputDelta");
        writer.Line(first
            ? $"/// <summary>{layer.Name} backward over a block of rows: adds ∂L/∂Wᵀ = xᵀ delta and ∂L/∂b = Σ delta to the gradient (the first layer needs no ∂L/∂x).</summary>"
            : $"/// <summary>{layer.Name} backward over a block of rows: adds ∂L/∂Wᵀ = xᵀ delta and ∂L/∂b = Σ delta to the gradient, and writes ∂L/∂x = delta W into <paramref name=\"inputDelta\"/>.</summary>");
        using (writer.Block($"private void {layer.Name}Backward({parameters})"))
        {
            writer.Line($"{Names.MatrixKernels}.AddWeightGradient(x, delta, gradient.Slice({layer.Name}Weights, {layer.WeightCount}), gradient.Slice({layer.Name}Bias, {layer.Units}), rows, {layer.Inputs}, {layer.Units});");
            if (!first)
            {
                writer.Line($"{Names.MatrixKernels}.InputGradient(delta, new {Names.ReadOnlySpan}(_parameters, {layer.Name}Weights, {layer.WeightCount}), inputDelta, rows, {layer.Inputs}, {layer.Units});");
            }
        }

        writer.Line();
    }
}
