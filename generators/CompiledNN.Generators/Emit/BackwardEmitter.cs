using CompiledNN.Generators.Model;

namespace CompiledNN.Generators.Emit;

/// <summary>
/// Writes backpropagation: one method per layer that, from <c>delta = ∂L/∂z</c> and the layer's input <c>x</c>,
/// accumulates <c>∂L/∂W = delta xᵀ</c> and <c>∂L/∂b = delta</c> into the gradient and, below the first layer, writes
/// <c>∂L/∂x = Wᵀ delta</c> for the layer beneath; and the activation derivative calls between layers.
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

    /// <summary>The call that turns <paramref name="delta"/> from ∂L/∂a into ∂L/∂z for <paramref name="layer"/>, or null for Identity.</summary>
    public static string? ActivationGradientCall(LayerSpec layer, string z, string a, string delta) => layer.Activation switch
    {
        Activation.Identity => null,
        Activation.Sigmoid or Activation.Tanh or Activation.Softmax => $"{Names.ActivationGradients}.{layer.Activation}({a}, {delta});",
        Activation.LeakyReLU or Activation.ELU => $"{Names.ActivationGradients}.{layer.Activation}({z}, {delta}, {IndentedTextWriter.Float(layer.Alpha)});",
        _ => $"{Names.ActivationGradients}.{layer.Activation}({z}, {delta});",
    };

    private static void WriteLayerBackward(IndentedTextWriter writer, LayerSpec layer)
    {
        bool first = layer.Number == 1;
        string parameters = $"{Names.ReadOnlySpan} x, {Names.ReadOnlySpan} delta, {Names.Span} gradient" + (first ? "" : $", {Names.Span} inputDelta");
        writer.Line(first
            ? $"/// <summary>{layer.Name} backward: adds ∂L/∂W = delta xᵀ and ∂L/∂b = delta to the gradient (the first layer needs no ∂L/∂x).</summary>"
            : $"/// <summary>{layer.Name} backward: adds ∂L/∂W = delta xᵀ and ∂L/∂b = delta to the gradient, and writes ∂L/∂x = Wᵀ delta into <paramref name=\"inputDelta\"/>.</summary>");
        using (writer.Block($"private void {layer.Name}Backward({parameters})"))
        {
            if (!first)
            {
                writer.Line($"{Names.ReadOnlySpan} w = new {Names.ReadOnlySpan}(_parameters, {layer.Name}Weights, {layer.WeightCount});");
                writer.Line("inputDelta.Clear();");
            }

            writer.Line($"{Names.Span} weightGradient = gradient.Slice({layer.Name}Weights, {layer.WeightCount});");
            writer.Line($"{Names.Span} biasGradient = gradient.Slice({layer.Name}Bias, {layer.Units});");
            using (writer.Block($"for (int j = 0; j < {layer.Units}; j++)"))
            {
                writer.Line("float d = delta[j];");
                if (layer.Activation is Activation.ReLU)
                {
                    writer.Line("// ReLU zeroes the deltas of inactive units; they add nothing.");
                    using (writer.Block("if (d == 0f)"))
                    {
                        writer.Line("continue;");
                    }
                }

                writer.Line("biasGradient[j] += d;");
                writer.Line($"{Names.Kernels}.MultiplyAdd(weightGradient.Slice(j * {layer.Inputs}, {layer.Inputs}), x, d);");
                if (!first)
                {
                    writer.Line($"{Names.Kernels}.MultiplyAdd(inputDelta, w.Slice(j * {layer.Inputs}, {layer.Inputs}), d);");
                }
            }
        }

        writer.Line();
    }
}
