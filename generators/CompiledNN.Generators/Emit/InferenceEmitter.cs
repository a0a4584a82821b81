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
        WritePredict(writer, network);
        WritePredictClass(writer, network);
        WritePredictBatch(writer);
        WriteForward(writer, network);
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

    private static void WritePredict(IndentedTextWriter writer, NetworkSpec network)
    {
        writer.Line($"/// <summary>Runs the network, with the weights baked in at compile time, on one row of {network.InputSize} features. Allocates nothing; thread-safe.</summary>");
        writer.Line($"/// <param name=\"input\">{network.InputSize} input features.</param>");
        writer.Line($"/// <param name=\"output\">Receives the {network.OutputSize} outputs.</param>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">A span does not have the length above.</exception>");
        writer.Line(Names.GeneratedCode);
        using (writer.Block($"public static void Predict({Names.ReadOnlySpan} input, {Names.Span} output)"))
        {
            writer.Line($"{Names.Guard}.Length(input, InputSize, nameof(input), \"input features\");");
            writer.Line($"{Names.Guard}.Length(output, OutputSize, nameof(output), \"outputs\");");
            writer.Line("Forward(input, output);");
        }

        writer.Line();
    }

    private static void WritePredictClass(IndentedTextWriter writer, NetworkSpec network)
    {
        LayerSpec output = network.Output;
        if (output.Activation is not (Activation.Softmax or Activation.Sigmoid))
        {
            return;
        }

        bool binary = output.Activation == Activation.Sigmoid && output.Units == 1;
        writer.Line(binary
            ? "/// <summary>Classifies one row: 1 when the sigmoid output is at least 0.5, else 0.</summary>"
            : $"/// <summary>Classifies one row: the index of the largest of the {output.Units} outputs (the first on ties).</summary>");
        writer.Line($"/// <param name=\"input\">{network.InputSize} input features.</param>");
        writer.Line(binary ? "/// <returns>0 or 1.</returns>" : $"/// <returns>A class from 0 to {output.Units - 1}.</returns>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">The input does not have the length above.</exception>");
        writer.Line(Names.GeneratedCode);
        using (writer.Block($"public static int PredictClass({Names.ReadOnlySpan} input)"))
        {
            writer.Line($"{Names.Guard}.Length(input, InputSize, nameof(input), \"input features\");");
            writer.Line($"{Names.Span} output = stackalloc float[OutputSize];");
            writer.Line("Forward(input, output);");
            writer.Line(binary ? "return output[0] >= 0.5f ? 1 : 0;" : $"return {Names.Kernels}.ArgMax(output);");
        }

        writer.Line();
    }

    private static void WritePredictBatch(IndentedTextWriter writer)
    {
        writer.Line("/// <summary>Runs the network on consecutive rows; row <c>r</c> of <paramref name=\"outputs\"/> is the prediction for row <c>r</c> of <paramref name=\"inputs\"/>.</summary>");
        writer.Line("/// <param name=\"inputs\">Rows of <see cref=\"InputSize\"/> features, one after the other.</param>");
        writer.Line("/// <param name=\"outputs\">Receives as many rows of <see cref=\"OutputSize\"/> outputs.</param>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">The lengths are not whole, matching numbers of rows.</exception>");
        writer.Line(Names.GeneratedCode);
        using (writer.Block($"public static void PredictBatch({Names.ReadOnlySpan} inputs, {Names.Span} outputs)"))
        {
            writer.Line($"int rows = {Names.Guard}.Rows(inputs, InputSize, nameof(inputs), \"input features\");");
            writer.Line($"{Names.Guard}.Rows(outputs, rows, OutputSize, nameof(outputs), \"outputs\");");
            using (writer.Block("for (int row = 0; row < rows; row++)"))
            {
                writer.Line("Forward(inputs.Slice(row * InputSize, InputSize), outputs.Slice(row * OutputSize, OutputSize));");
            }
        }

        writer.Line();
    }

    private static void WriteForward(IndentedTextWriter writer, NetworkSpec network)
    {
        int hidden = network.Layers.Take(network.Layers.Count - 1).Sum(static l => l.Units);
        bool pooled = hidden * sizeof(float) > ForwardEmitter.StackBudgetBytes;
        writer.Line("/// <summary>The forward pass on checked spans: each layer's activations feed the next; the last layer writes the output.</summary>");
        using (writer.Block($"private static void Forward({Names.ReadOnlySpan} input, {Names.Span} output)"))
        {
            if (!pooled)
            {
                WriteForwardBody(writer, network, pooled: false);
            }
            else
            {
                WritePooledForwardBody(writer, network, hidden);
            }
        }

        writer.Line();
    }

    private static void WritePooledForwardBody(IndentedTextWriter writer, NetworkSpec network, int hidden)
    {
        writer.Line($"// {hidden * sizeof(float)} bytes of hidden activations exceed the {ForwardEmitter.StackBudgetBytes}-byte stack budget, so they come from the pool.");
        writer.Line($"float[] scratch = {Names.ArrayPool}.Shared.Rent({hidden});");
        writer.Line("try");
        writer.Line("{");
        using (writer.Indent())
        {
            WriteForwardBody(writer, network, pooled: true);
        }

        writer.Line("}");
        writer.Line("finally");
        writer.Line("{");
        using (writer.Indent())
        {
            writer.Line($"{Names.ArrayPool}.Shared.Return(scratch);");
        }

        writer.Line("}");
    }

    private static void WriteForwardBody(IndentedTextWriter writer, NetworkSpec network, bool pooled)
    {
        int offset = 0;
        string previous = "input";
        foreach (LayerSpec layer in network.Layers)
        {
            string activations = layer == network.Output ? "output" : layer.Name.ToLowerInvariant();
            if (layer != network.Output)
            {
                writer.Line(pooled
                    ? $"{Names.Span} {activations} = new {Names.Span}(scratch, {offset}, {layer.Units});"
                    : $"{Names.Span} {activations} = stackalloc float[{layer.Units}];");
                offset += layer.Units;
            }

            writer.Line($"{layer.Name}Linear({previous}, {activations});");
            if (ForwardEmitter.ActivationCall(layer, activations, activations) is { } call)
            {
                writer.Line(call);
            }

            previous = activations;
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
