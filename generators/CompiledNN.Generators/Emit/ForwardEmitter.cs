using System.Linq;
using System.Text;
using CompiledNN.Generators.Model;

namespace CompiledNN.Generators.Emit;

/// <summary>
/// Writes the forward pass: <c>Predict</c>, <c>PredictClass</c>, <c>PredictBatch</c>, and one method per layer for
/// its pre-activations <c>z = W x + b</c> — straight-line code for small layers, SIMD dot products for large ones.
/// One method per layer keeps each well below the size at which the JIT stops optimising.
/// </summary>
internal static class ForwardEmitter
{
    /// <summary>Scratch for the hidden activations up to this many bytes comes from the stack; more, from the shared pool.</summary>
    public const int StackBudgetBytes = 16 * 1024;

    public static void WriteMembers(IndentedTextWriter writer, NetworkSpec network)
    {
        WritePrediction(writer, network, isStatic: false);
        foreach (LayerSpec layer in network.Layers)
        {
            if (layer.Unrolled)
            {
                WriteUnrolledLinear(writer, layer);
            }
            else
            {
                WriteVectorizedLinear(writer, layer);
            }
        }
    }

    /// <summary>The activation call for <paramref name="layer"/> from <paramref name="z"/> into <paramref name="a"/>, or null for Identity.</summary>
    public static string? ActivationCall(LayerSpec layer, string z, string a) => layer.Activation switch
    {
        Activation.Identity => null,
        Activation.LeakyReLU or Activation.ELU => $"{Names.Activations}.{layer.Activation}({z}, {a}, {IndentedTextWriter.Float(layer.Alpha)});",
        _ => $"{Names.Activations}.{layer.Activation}({z}, {a});",
    };

    /// <summary>
    /// Writes <c>Predict</c>, <c>PredictClass</c>, <c>PredictBatch</c> and <c>Forward</c>, which calls one
    /// <c>DenseNLinear</c> method per layer; static for the inference-only form, whose weights are constants.
    /// </summary>
    public static void WritePrediction(IndentedTextWriter writer, NetworkSpec network, bool isStatic)
    {
        WritePredict(writer, network, isStatic);
        WritePredictClass(writer, network, isStatic);
        WritePredictBatch(writer, isStatic);
        WriteForward(writer, network, isStatic);
    }

    private static string Modifier(bool isStatic) => isStatic ? "static " : "";

    private static void WritePredict(IndentedTextWriter writer, NetworkSpec network, bool isStatic)
    {
        string outputs = network.Output.Activation == Activation.Softmax ? "class probabilities" : "outputs";
        writer.Line("/// <summary>");
        writer.Line($"/// Runs the network on one row of {network.InputSize} features. Allocates nothing; safe to call from several threads at once");
        writer.Line(isStatic ? "/// (the weights are constants)." : "/// while no training step runs.");
        writer.Line("/// </summary>");
        writer.Line($"/// <param name=\"input\">{network.InputSize} input features.</param>");
        writer.Line($"/// <param name=\"output\">Receives the {network.OutputSize} {outputs}.</param>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">A span does not have the length above.</exception>");
        writer.Line(Names.GeneratedCode);
        using (writer.Block($"public {Modifier(isStatic)}void Predict({Names.ReadOnlySpan} input, {Names.Span} output)"))
        {
            writer.Line($"{Names.Guard}.Length(input, InputSize, nameof(input), \"input features\");");
            writer.Line($"{Names.Guard}.Length(output, OutputSize, nameof(output), \"outputs\");");
            writer.Line("Forward(input, output);");
        }

        writer.Line();
    }

    private static void WritePredictClass(IndentedTextWriter writer, NetworkSpec network, bool isStatic)
    {
        LayerSpec output = network.Output;
        if (output.Activation is not (Activation.Softmax or Activation.Sigmoid))
        {
            return;
        }

        bool binary = output.Activation == Activation.Sigmoid && output.Units == 1;
        writer.Line("/// <summary>");
        writer.Line(binary
            ? "/// Classifies one row: 1 when the sigmoid output is at least 0.5, else 0."
            : $"/// Classifies one row: the index of the largest of the {output.Units} outputs (the first on ties).");
        writer.Line("/// </summary>");
        writer.Line($"/// <param name=\"input\">{network.InputSize} input features.</param>");
        writer.Line(binary ? "/// <returns>0 or 1.</returns>" : $"/// <returns>A class from 0 to {output.Units - 1}.</returns>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">The input does not have the length above.</exception>");
        writer.Line(Names.GeneratedCode);
        using (writer.Block($"public {Modifier(isStatic)}int PredictClass({Names.ReadOnlySpan} input)"))
        {
            writer.Line($"{Names.Guard}.Length(input, InputSize, nameof(input), \"input features\");");
            writer.Line($"{Names.Span} output = stackalloc float[OutputSize];");
            writer.Line("Forward(input, output);");
            writer.Line(binary ? "return output[0] >= 0.5f ? 1 : 0;" : $"return {Names.Kernels}.ArgMax(output);");
        }

        writer.Line();
    }

    private static void WritePredictBatch(IndentedTextWriter writer, bool isStatic)
    {
        writer.Line("/// <summary>Runs the network on consecutive rows; row <c>r</c> of <paramref name=\"outputs\"/> is the prediction for row <c>r</c> of <paramref name=\"inputs\"/>.</summary>");
        writer.Line("/// <param name=\"inputs\">Rows of <see cref=\"InputSize\"/> features, one after the other.</param>");
        writer.Line("/// <param name=\"outputs\">Receives as many rows of <see cref=\"OutputSize\"/> outputs.</param>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">The lengths are not whole, matching numbers of rows.</exception>");
        writer.Line(Names.GeneratedCode);
        using (writer.Block($"public {Modifier(isStatic)}void PredictBatch({Names.ReadOnlySpan} inputs, {Names.Span} outputs)"))
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

    private static void WriteForward(IndentedTextWriter writer, NetworkSpec network, bool isStatic)
    {
        int hidden = network.Layers.Take(network.Layers.Count - 1).Sum(static l => l.Units);
        bool pooled = hidden * sizeof(float) > StackBudgetBytes;
        writer.Line("/// <summary>The forward pass on checked spans: each layer's activations feed the next; the last layer writes the output.</summary>");
        using (writer.Block($"private {Modifier(isStatic)}void Forward({Names.ReadOnlySpan} input, {Names.Span} output)"))
        {
            if (pooled)
            {
                writer.Line($"// {hidden * sizeof(float)} bytes of hidden activations exceed the {StackBudgetBytes}-byte stack budget, so they come from the pool.");
                writer.Line($"float[] scratch = {Names.ArrayPool}.Shared.Rent({hidden});");
                writer.Line("try");
                writer.Line("{");
                using (writer.Indent())
                {
                    WriteForwardBody(writer, network, pooled);
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
            else
            {
                WriteForwardBody(writer, network, pooled);
            }
        }

        writer.Line();
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
            if (ActivationCall(layer, activations, activations) is { } call)
            {
                writer.Line(call);
            }

            previous = activations;
        }
    }

    private static void WriteLinearHeader(IndentedTextWriter writer, LayerSpec layer, string form)
    {
        writer.Line($"/// <summary>{layer.Name} pre-activations, z = W x + b with W of {layer.Units} × {layer.Inputs}, {form}.</summary>");
    }

    private static void WriteUnrolledLinear(IndentedTextWriter writer, LayerSpec layer)
    {
        WriteLinearHeader(writer, layer, "as straight-line code");
        using (writer.Block($"private void {layer.Name}Linear({Names.ReadOnlySpan} x, {Names.Span} z)"))
        {
            WriteLayerSpans(writer, layer);
            writer.Line("// Constant lengths let the JIT prove every constant index below in range and drop the bounds checks.");
            writer.Line($"x = x.Slice(0, {layer.Inputs});");
            writer.Line($"z = z.Slice(0, {layer.Units});");
            for (int j = 0; j < layer.Units; j++)
            {
                var sum = new StringBuilder($"z[{j}] = b[{j}]");
                int row = j * layer.Inputs;
                for (int i = 0; i < layer.Inputs; i++)
                {
                    // Eight terms a line keeps wide layers readable.
                    if (i > 0 && i % 8 == 0)
                    {
                        writer.Line(sum.ToString());
                        sum.Clear().Append("    ");
                    }

                    sum.Append($" + w[{row + i}] * x[{i}]");
                }

                writer.Line(sum.Append(';').ToString());
            }
        }

        writer.Line();
    }

    private static void WriteVectorizedLinear(IndentedTextWriter writer, LayerSpec layer)
    {
        WriteLinearHeader(writer, layer, "as one SIMD dot product per unit");
        using (writer.Block($"private void {layer.Name}Linear({Names.ReadOnlySpan} x, {Names.Span} z)"))
        {
            WriteLayerSpans(writer, layer);
            using (writer.Block($"for (int j = 0; j < {layer.Units}; j++)"))
            {
                writer.Line($"z[j] = b[j] + {Names.Kernels}.Dot(w.Slice(j * {layer.Inputs}, {layer.Inputs}), x);");
            }
        }

        writer.Line();
    }

    private static void WriteLayerSpans(IndentedTextWriter writer, LayerSpec layer)
    {
        writer.Line($"{Names.ReadOnlySpan} w = new {Names.ReadOnlySpan}(_parameters, {layer.Name}Weights, {layer.WeightCount});");
        writer.Line($"{Names.ReadOnlySpan} b = new {Names.ReadOnlySpan}(_parameters, {layer.Name}Bias, {layer.Units});");
    }
}
