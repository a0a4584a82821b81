using System.Linq;
using CompiledNN.Generators.Model;

namespace CompiledNN.Generators.Emit;

/// <summary>
/// Writes training: <c>TrainStep</c>, <c>TrainBatch</c>, <c>ComputeLoss</c>, <c>ComputeGradient</c> (and their
/// class-index overloads for Softmax networks), the forward pass that keeps every layer's <c>z</c> and <c>a</c>, the
/// fused loss, and the chain of layer backward calls. Rows are processed one after the other into one gradient, so
/// the scratch is per row and fixed in size: no batch size ever allocates.
/// </summary>
internal static class TrainingEmitter
{
    public static void WriteMembers(IndentedTextWriter writer, NetworkSpec network)
    {
        WriteState(writer, network);
        WritePublicMembers(writer, network);
        if (network.Output.Activation == Activation.Softmax)
        {
            WriteClassMembers(writer);
        }

        WriteEvaluate(writer, network);
        WriteForwardForTraining(writer, network);
        WriteBackward(writer, network);
        BackwardEmitter.WriteMembers(writer, network);
    }

    /// <summary>Whether the loss takes the output layer's logits (its activation fused into the loss).</summary>
    private static bool IsFused(NetworkSpec network) => network.Training.Loss is Loss.CrossEntropy or Loss.BinaryCrossEntropy;

    private static void WriteState(IndentedTextWriter writer, NetworkSpec network)
    {
        writer.Line("// Per-row training scratch: each layer's pre-activations z, activations a and delta = ∂L/∂z, at these offsets.");
        int offset = 0;
        foreach (LayerSpec layer in network.Layers)
        {
            writer.Line($"private const int {layer.Name}Z = {offset};");
            writer.Line($"private const int {layer.Name}A = {offset + layer.Units};");
            writer.Line($"private const int {layer.Name}Delta = {offset + (2 * layer.Units)};");
            offset += 3 * layer.Units;
        }

        writer.Line($"private const int TrainingScratchSize = {offset};");
        writer.Line();
        writer.Line("private readonly float[] _trainingScratch = new float[TrainingScratchSize];");
        writer.Line();
        writer.Line("/// <summary>The mean gradient of the last batch, in canonical order.</summary>");
        writer.Line("private readonly float[] _gradient = new float[ParameterCount];");
        writer.Line();
        writer.Line($"private float _learningRate = {IndentedTextWriter.Float(network.Training.LearningRate)};");
        writer.Line();
    }

    private static void WritePublicMembers(IndentedTextWriter writer, NetworkSpec network)
    {
        TrainingSpec training = network.Training;
        string meanOver = training.Loss == Loss.CrossEntropy ? "the rows" : "every output of every row";

        writer.Line($"/// <summary>The step size η of {training.Optimizer}; {IndentedTextWriter.Float(training.LearningRate).TrimEnd('f')} unless changed. It may be changed between steps.</summary>");
        writer.Line("/// <exception cref=\"global::System.ArgumentOutOfRangeException\">The value is not finite and greater than 0.</exception>");
        writer.Line(Names.GeneratedCode);
        using (writer.Block("public float LearningRate"))
        {
            writer.Line("get => _learningRate;");
            writer.Line("set");
            writer.Line("{");
            using (writer.Indent())
            {
                writer.Line($"{Names.Guard}.LearningRate(value, nameof(value));");
                writer.Line("_learningRate = value;");
            }

            writer.Line("}");
        }

        writer.Line();
        writer.Line("/// <summary>Forward, backward and one optimizer step on one row.</summary>");
        writer.Line($"/// <param name=\"input\">{network.InputSize} input features.</param>");
        writer.Line($"/// <param name=\"target\">{network.OutputSize} targets{(network.Output.Activation == Activation.Softmax ? " (class probabilities, e.g. one-hot)" : "")}.</param>");
        writer.Line($"/// <returns>The {training.Loss} loss before the update.</returns>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">A span has the wrong length, or the loss is not finite; nothing is updated.</exception>");
        writer.Line(Names.GeneratedCode);
        using (writer.Block($"public float TrainStep({Names.ReadOnlySpan} input, {Names.ReadOnlySpan} target)"))
        {
            writer.Line($"{Names.Guard}.Length(input, InputSize, nameof(input), \"input features\");");
            writer.Line($"{Names.Guard}.Length(target, OutputSize, nameof(target), \"targets\");");
            writer.Line("return Train(input, target, default, 1);");
        }

        writer.Line();
        writer.Line($"/// <summary>One optimizer step on the mean gradient of the rows; the loss is the mean over {meanOver}.</summary>");
        writer.Line($"/// <param name=\"inputs\">Rows of {network.InputSize} features (<see cref=\"InputSize\"/>), at least one.</param>");
        writer.Line($"/// <param name=\"targets\">As many rows of {network.OutputSize} targets (<see cref=\"OutputSize\"/>).</param>");
        writer.Line("/// <returns>The mean loss before the update.</returns>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">The lengths are not matching whole rows, or the loss is not finite; nothing is updated.</exception>");
        writer.Line(Names.GeneratedCode);
        using (writer.Block($"public float TrainBatch({Names.ReadOnlySpan} inputs, {Names.ReadOnlySpan} targets)"))
        {
            WriteRowChecks(writer, "targets", byClass: false);
            writer.Line("return Train(inputs, targets, default, rows);");
        }

        writer.Line();
        writer.Line($"/// <summary>The mean loss of the rows (over {meanOver}), without changing anything.</summary>");
        writer.Line($"/// <param name=\"inputs\">Rows of {network.InputSize} features (<see cref=\"InputSize\"/>), at least one.</param>");
        writer.Line($"/// <param name=\"targets\">As many rows of {network.OutputSize} targets (<see cref=\"OutputSize\"/>).</param>");
        writer.Line("/// <returns>The mean loss.</returns>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">The lengths are not matching whole rows.</exception>");
        writer.Line(Names.GeneratedCode);
        using (writer.Block($"public float ComputeLoss({Names.ReadOnlySpan} inputs, {Names.ReadOnlySpan} targets)"))
        {
            WriteRowChecks(writer, "targets", byClass: false);
            writer.Line("return Evaluate(inputs, targets, default, rows, default);");
        }

        writer.Line();
        writer.Line("/// <summary>The gradient of the mean loss with respect to every parameter, in canonical order, without changing anything.</summary>");
        writer.Line($"/// <param name=\"inputs\">Rows of {network.InputSize} features (<see cref=\"InputSize\"/>), at least one.</param>");
        writer.Line($"/// <param name=\"targets\">As many rows of {network.OutputSize} targets (<see cref=\"OutputSize\"/>).</param>");
        writer.Line("/// <param name=\"gradient\">Receives <see cref=\"ParameterCount\"/> values.</param>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">A length is wrong.</exception>");
        writer.Line(Names.GeneratedCode);
        using (writer.Block($"public void ComputeGradient({Names.ReadOnlySpan} inputs, {Names.ReadOnlySpan} targets, {Names.Span} gradient)"))
        {
            WriteRowChecks(writer, "targets", byClass: false);
            writer.Line($"{Names.Guard}.Length(gradient, ParameterCount, nameof(gradient), \"parameters\");");
            writer.Line("Evaluate(inputs, targets, default, rows, gradient);");
        }

        writer.Line();
        writer.Line("/// <summary>Computes the gradient of the rows, refuses a non-finite loss or gradient, then applies one optimizer step.</summary>");
        using (writer.Block($"private float Train({Names.ReadOnlySpan} inputs, {Names.ReadOnlySpan} targets, {Names.IntSpan} classes, int rows)"))
        {
            writer.Line("// A NaN input can vanish in the forward pass (ReLU maps it to 0) and still be bad data: refuse it up front.");
            writer.Line($"{Names.Guard}.Finite(inputs, nameof(inputs));");
            writer.Line("float loss = Evaluate(inputs, targets, classes, rows, _gradient);");
            writer.Line($"{Names.Guard}.FiniteStep(loss, _gradient, nameof(inputs));");
            writer.Line("ApplyOptimizerStep();");
            writer.Line("return loss;");
        }

        writer.Line();
    }

    private static void WriteClassMembers(IndentedTextWriter writer)
    {
        writer.Line("/// <summary>Forward, backward and one optimizer step on one row whose target is a class index.</summary>");
        writer.Line("/// <param name=\"input\">One row of <see cref=\"InputSize\"/> features.</param>");
        writer.Line("/// <param name=\"target\">The class, from 0 to <see cref=\"OutputSize\"/> − 1.</param>");
        writer.Line("/// <returns>The cross-entropy before the update.</returns>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">The input has the wrong length or the class is out of range; nothing is updated.</exception>");
        writer.Line(Names.GeneratedCode);
        using (writer.Block($"public float TrainStep({Names.ReadOnlySpan} input, int target)"))
        {
            writer.Line($"{Names.Guard}.Length(input, InputSize, nameof(input), \"input features\");");
            writer.Line($"{Names.IntSpan} classes = new {Names.IntSpan}(in target);");
            writer.Line($"{Names.Guard}.Classes(classes, 1, OutputSize, nameof(target));");
            writer.Line("return Train(input, default, classes, 1);");
        }

        writer.Line();
        writer.Line("/// <summary>One optimizer step on the mean gradient of the rows, whose targets are class indices.</summary>");
        writer.Line("/// <param name=\"inputs\">Rows of <see cref=\"InputSize\"/> features, at least one.</param>");
        writer.Line("/// <param name=\"targets\">One class per row, each from 0 to <see cref=\"OutputSize\"/> − 1.</param>");
        writer.Line("/// <returns>The mean cross-entropy before the update.</returns>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">The lengths do not match or a class is out of range; nothing is updated.</exception>");
        writer.Line(Names.GeneratedCode);
        using (writer.Block($"public float TrainBatch({Names.ReadOnlySpan} inputs, {Names.IntSpan} targets)"))
        {
            WriteRowChecks(writer, "targets", byClass: true);
            writer.Line("return Train(inputs, default, targets, rows);");
        }

        writer.Line();
        writer.Line("/// <summary>The mean cross-entropy of rows whose targets are class indices, without changing anything.</summary>");
        writer.Line("/// <param name=\"inputs\">Rows of <see cref=\"InputSize\"/> features, at least one.</param>");
        writer.Line("/// <param name=\"targets\">One class per row, each from 0 to <see cref=\"OutputSize\"/> − 1.</param>");
        writer.Line("/// <returns>The mean loss.</returns>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">The lengths do not match or a class is out of range.</exception>");
        writer.Line(Names.GeneratedCode);
        using (writer.Block($"public float ComputeLoss({Names.ReadOnlySpan} inputs, {Names.IntSpan} targets)"))
        {
            WriteRowChecks(writer, "targets", byClass: true);
            writer.Line("return Evaluate(inputs, default, targets, rows, default);");
        }

        writer.Line();
        writer.Line("/// <summary>The gradient of the mean cross-entropy of rows whose targets are class indices, in canonical order.</summary>");
        writer.Line("/// <param name=\"inputs\">Rows of <see cref=\"InputSize\"/> features, at least one.</param>");
        writer.Line("/// <param name=\"targets\">One class per row, each from 0 to <see cref=\"OutputSize\"/> − 1.</param>");
        writer.Line("/// <param name=\"gradient\">Receives <see cref=\"ParameterCount\"/> values.</param>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">A length is wrong or a class is out of range.</exception>");
        writer.Line(Names.GeneratedCode);
        using (writer.Block($"public void ComputeGradient({Names.ReadOnlySpan} inputs, {Names.IntSpan} targets, {Names.Span} gradient)"))
        {
            WriteRowChecks(writer, "targets", byClass: true);
            writer.Line($"{Names.Guard}.Length(gradient, ParameterCount, nameof(gradient), \"parameters\");");
            writer.Line("Evaluate(inputs, default, targets, rows, gradient);");
        }

        writer.Line();
    }

    private static void WriteRowChecks(IndentedTextWriter writer, string targets, bool byClass)
    {
        writer.Line($"int rows = {Names.Guard}.Rows(inputs, InputSize, nameof(inputs), \"input features\");");
        writer.Line($"{Names.Guard}.NotEmpty(rows, nameof(inputs));");
        writer.Line(byClass
            ? $"{Names.Guard}.Classes({targets}, rows, OutputSize, nameof({targets}));"
            : $"{Names.Guard}.Rows({targets}, rows, OutputSize, nameof({targets}), \"targets\");");
    }

    private static void WriteEvaluate(IndentedTextWriter writer, NetworkSpec network)
    {
        LayerSpec output = network.Output;
        Loss loss = network.Training.Loss;
        bool perRow = loss == Loss.CrossEntropy;
        string logitsOrOutput = IsFused(network) ? $"{output.Name}Z" : $"{output.Name}A";

        writer.Line("/// <summary>");
        writer.Line("/// Runs every row forward and sums its loss; when <paramref name=\"gradient\"/> is not empty, backpropagates each row into it.");
        writer.Line("/// Targets are rows of <paramref name=\"targets\"/>, or class indices when <paramref name=\"classes\"/> is not empty.");
        writer.Line("/// </summary>");
        writer.Line("/// <returns>The mean loss, as PyTorch's <c>reduction='mean'</c>.</returns>");
        using (writer.Block($"private float Evaluate({Names.ReadOnlySpan} inputs, {Names.ReadOnlySpan} targets, {Names.IntSpan} classes, int rows, {Names.Span} gradient)"))
        {
            writer.Line(perRow
                ? "// Cross-entropy is averaged over the rows."
                : "// The element-wise losses are averaged over every output of every row.");
            writer.Line(perRow ? "float scale = 1f / rows;" : "float scale = 1f / (rows * OutputSize);");
            writer.Line($"{Names.ReadOnlySpan} prediction = new {Names.ReadOnlySpan}(_trainingScratch, {logitsOrOutput}, OutputSize);");
            writer.Line($"{Names.Span} outputDelta = new {Names.Span}(_trainingScratch, {output.Name}Delta, OutputSize);");
            writer.Line("gradient.Clear();");
            writer.Line("double sum = 0;");
            bool oneHotTargets = output.Activation == Activation.Softmax && loss != Loss.CrossEntropy;
            if (oneHotTargets)
            {
                writer.Line("// Class indices become one-hot rows for the element-wise loss.");
                writer.Line($"{Names.Span} oneHot = stackalloc float[OutputSize];");
            }

            using (writer.Block("for (int row = 0; row < rows; row++)"))
            {
                writer.Line($"{Names.ReadOnlySpan} input = inputs.Slice(row * InputSize, InputSize);");
                writer.Line("ForwardForTraining(input);");
                string rowTarget = "targets.Slice(row * OutputSize, OutputSize)";
                string call = loss switch
                {
                    Loss.CrossEntropy => $"{Names.Losses}.CrossEntropy(prediction, {{0}}, outputDelta, scale)",
                    Loss.BinaryCrossEntropy => $"{Names.Losses}.BinaryCrossEntropy(prediction, {{0}}, outputDelta, scale)",
                    _ => $"{Names.Losses}.MeanSquaredError(prediction, {{0}}, outputDelta, scale)",
                };
                if (output.Activation == Activation.Softmax && loss == Loss.CrossEntropy)
                {
                    writer.Line("sum += classes.IsEmpty");
                    using (writer.Indent())
                    {
                        writer.Line("? " + string.Format(call, rowTarget));
                        writer.Line(": " + string.Format(call, "classes[row]") + ";");
                    }
                }
                else if (oneHotTargets)
                {
                    using (writer.Block("if (!classes.IsEmpty)"))
                    {
                        writer.Line("oneHot.Clear();");
                        writer.Line("oneHot[classes[row]] = 1f;");
                    }

                    writer.Line("sum += " + string.Format(call, $"classes.IsEmpty ? {rowTarget} : oneHot") + ";");
                }
                else
                {
                    writer.Line("sum += " + string.Format(call, rowTarget) + ";");
                }

                using (writer.Block("if (!gradient.IsEmpty)"))
                {
                    writer.Line("Backward(input, gradient);");
                }
            }

            writer.Line("return (float)(sum * scale);");
        }

        writer.Line();
    }

    private static void WriteForwardForTraining(IndentedTextWriter writer, NetworkSpec network)
    {
        writer.Line("/// <summary>The forward pass of one row, keeping each layer's z and a for backpropagation.</summary>");
        using (writer.Block($"private void ForwardForTraining({Names.ReadOnlySpan} input)"))
        {
            string previous = "input";
            foreach (LayerSpec layer in network.Layers)
            {
                string z = layer.Name.ToLowerInvariant() + "Z";
                string a = layer.Name.ToLowerInvariant() + "A";
                writer.Line($"{Names.Span} {z} = new {Names.Span}(_trainingScratch, {layer.Name}Z, {layer.Units});");
                writer.Line($"{Names.Span} {a} = new {Names.Span}(_trainingScratch, {layer.Name}A, {layer.Units});");
                writer.Line($"{layer.Name}Linear({previous}, {z});");
                if (layer == network.Output && IsFused(network))
                {
                    writer.Line($"// The {layer.Activation} of the output is fused into the {network.Training.Loss} loss, which takes the logits.");
                }
                else
                {
                    writer.Line(ForwardEmitter.ActivationCall(layer, z, a) ?? $"{z}.CopyTo({a});");
                }

                previous = a;
            }
        }

        writer.Line();
    }

    private static void WriteBackward(IndentedTextWriter writer, NetworkSpec network)
    {
        writer.Line("/// <summary>Backpropagates the output delta of the row last run forward, adding its share to <paramref name=\"gradient\"/>.</summary>");
        using (writer.Block($"private void Backward({Names.ReadOnlySpan} input, {Names.Span} gradient)"))
        {
            var layers = network.Layers.ToList();
            for (int k = layers.Count - 1; k >= 0; k--)
            {
                LayerSpec layer = layers[k];
                string z = $"new {Names.ReadOnlySpan}(_trainingScratch, {layer.Name}Z, {layer.Units})";
                string a = $"new {Names.ReadOnlySpan}(_trainingScratch, {layer.Name}A, {layer.Units})";
                string delta = $"new {Names.Span}(_trainingScratch, {layer.Name}Delta, {layer.Units})";
                bool fusedOutput = layer == network.Output && IsFused(network);
                if (!fusedOutput && BackwardEmitter.ActivationGradientCall(layer, z, a, delta) is { } call)
                {
                    writer.Line(call);
                }

                if (k == 0)
                {
                    writer.Line($"{layer.Name}Backward(input, {delta}, gradient);");
                }
                else
                {
                    LayerSpec below = layers[k - 1];
                    writer.Line($"{layer.Name}Backward(new {Names.ReadOnlySpan}(_trainingScratch, {below.Name}A, {below.Units}), {delta}, gradient, new {Names.Span}(_trainingScratch, {below.Name}Delta, {below.Units}));");
                }
            }
        }

        writer.Line();
    }
}
