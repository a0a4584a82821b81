using System;
using System.Linq;
using System.Text;
using CompiledNN.Generators.Model;

namespace CompiledNN.Generators.Emit;

/// <summary>
/// Writes the inference-only form of a network with <c>[Weights(…, InferenceOnly = true)]</c>: static prediction
/// code with the baked weights as constants and no parameter block, training state or persistence. Small layers
/// become straight-line code in which every weight is a literal and zero weights disappear; large layers read their
/// weights from constant data in the assembly image. The arithmetic is the same, in the same order, as the trainable
/// network's forward pass, so both predict the same values.
/// </summary>
internal static class InferenceEmitter
{
    public static void WriteMembers(IndentedTextWriter writer, NetworkSpec network)
    {
        float[] parameters = network.Weights!.Parameters.AsSpan().ToArray();
        NetworkEmitter.WriteSizeConstants(writer, network);
        ForwardEmitter.WritePrediction(writer, network, isStatic: true);
        foreach (LayerSpec layer in network.Layers)
        {
            if (layer.Unrolled)
            {
                WriteConstantLinear(writer, layer, parameters);
            }
            else
            {
                WriteDataLinear(writer, layer, parameters);
            }
        }
    }

    private static void WriteConstantLinear(IndentedTextWriter writer, LayerSpec layer, float[] parameters)
    {
        writer.Line($"/// <summary>{layer.Name} pre-activations, z = W x + b with W of {layer.Units} × {layer.Inputs}, the weights as literals (zero weights omitted).</summary>");
        using (writer.Block($"private static void {layer.Name}Linear({Names.ReadOnlySpan} x, {Names.Span} z)"))
        {
            writer.Line($"x = x.Slice(0, {layer.Inputs});");
            writer.Line($"z = z.Slice(0, {layer.Units});");
            for (int j = 0; j < layer.Units; j++)
            {
                // The bias first and the products in input order, as in the trainable forward pass, so the sums round alike.
                var sum = new StringBuilder($"z[{j}] = {IndentedTextWriter.Float(parameters[layer.BiasOffset + j])}");
                int terms = 0;
                for (int i = 0; i < layer.Inputs; i++)
                {
                    float w = parameters[layer.WeightOffset + (j * layer.Inputs) + i];
                    if (w == 0f)
                    {
                        continue;
                    }

                    if (terms > 0 && terms % 6 == 0)
                    {
                        writer.Line(sum.ToString());
                        sum.Clear().Append("    ");
                    }

                    // a - w·x equals a + (-w)·x exactly, and reads better.
                    sum.Append(w < 0f ? " - " : " + ").Append(IndentedTextWriter.Float(Math.Abs(w))).Append($" * x[{i}]");
                    terms++;
                }

                writer.Line(sum.Append(';').ToString());
            }
        }

        writer.Line();
    }

    private static void WriteDataLinear(IndentedTextWriter writer, LayerSpec layer, float[] parameters)
    {
        PersistenceEmitter.WriteFloatSpan(writer, $"private static {Names.ReadOnlySpan} {layer.Name}Weights", parameters.Skip(layer.WeightOffset).Take(layer.WeightCount).ToArray());
        writer.Line();
        PersistenceEmitter.WriteFloatSpan(writer, $"private static {Names.ReadOnlySpan} {layer.Name}Bias", parameters.Skip(layer.BiasOffset).Take(layer.Units).ToArray());
        writer.Line();
        writer.Line($"/// <summary>{layer.Name} pre-activations, z = W x + b with W of {layer.Units} × {layer.Inputs}, one SIMD dot product per unit over constant data.</summary>");
        using (writer.Block($"private static void {layer.Name}Linear({Names.ReadOnlySpan} x, {Names.Span} z)"))
        {
            writer.Line($"{Names.ReadOnlySpan} w = {layer.Name}Weights;");
            writer.Line($"{Names.ReadOnlySpan} b = {layer.Name}Bias;");
            using (writer.Block($"for (int j = 0; j < {layer.Units}; j++)"))
            {
                writer.Line($"z[j] = b[j] + {Names.Kernels}.Dot(w.Slice(j * {layer.Inputs}, {layer.Inputs}), x);");
            }
        }

        writer.Line();
    }
}
