using System.Collections.Generic;
using System.Linq;
using CompiledNN.Generators.Model;
using CompiledNN.Generators.Planning;

namespace CompiledNN.Generators.Emit;

/// <summary>
/// Writes the members a user sees on a network's class: the size constants, the constructors and, for every public
/// method and property, its documentation and a forwarder to the generated <see cref="FileEmitter.Implementation"/>,
/// which holds the state and the code. Nothing else is added to the user's class but the one field that holds it.
/// </summary>
internal static class PublicApiEmitter
{
    /// <summary>A public member: its documentation, its declaration and what it forwards to.</summary>
    /// <param name="Documentation">The <c>///</c> lines, without the slashes.</param>
    /// <param name="Declaration">The declaration up to the body, e.g. <c>public void Predict(…)</c>.</param>
    /// <param name="Body">An expression body (<c>=> …;</c>), accessors on one line (<c>{ get => …; }</c>), or a block of lines.</param>
    private sealed record Member(string[] Documentation, string Declaration, string Body);

    /// <summary>The public API of a trainable network.</summary>
    public static void WriteTrainable(IndentedTextWriter writer, NetworkPlan network)
    {
        WriteSizeConstants(writer, network, hasParameters: true);
        WriteImplementationField(writer, "private readonly", "The network's state and code, behind the public API.");
        WriteConstructors(writer, network);
        foreach (string member in new[] { "int " + Names.INetwork + ".InputSize => InputSize;", "int " + Names.INetwork + ".OutputSize => OutputSize;", "int " + Names.INetwork + ".ParameterCount => ParameterCount;", $"{Names.NetworkArchitecture} {Names.IPersistentNetwork}.Architecture => Architecture;", "int " + Names.IPersistentNetwork + ".BufferCount => BufferCount;" })
        {
            writer.Line(member);
            writer.Line();
        }

        foreach (Member member in Prediction(network, isStatic: false).Concat(Parameters(network)).Concat(Training(network)).Concat(Persistence(network)))
        {
            Write(writer, member);
        }
    }

    /// <summary>The public API of an inference-only network: static prediction over the baked weights.</summary>
    public static void WriteInferenceOnly(IndentedTextWriter writer, NetworkPlan network)
    {
        WriteSizeConstants(writer, network, hasParameters: false);
        WriteImplementationField(writer, "private static readonly", "The forward pass over the baked weights, created when the network is first used.");
        foreach (Member member in Prediction(network, isStatic: true))
        {
            Write(writer, member);
        }
    }

    /// <summary>The one field the user's class holds besides its API: the instance of the hidden implementation.</summary>
    private static void WriteImplementationField(IndentedTextWriter writer, string modifiers, string summary)
    {
        writer.Line($"/// <summary>{summary}</summary>");
        writer.Line(EditorBrowsableNever);
        writer.Line($"{modifiers} {FileEmitter.Implementation} _implementation = new();");
        writer.Line();
    }

    /// <summary>Hides generated plumbing from IntelliSense.</summary>
    public const string EditorBrowsableNever = "[Sys::ComponentModel.EditorBrowsable(Sys::ComponentModel.EditorBrowsableState.Never)]";

    private static void Write(IndentedTextWriter writer, Member member)
    {
        foreach (string line in member.Documentation)
        {
            writer.Line("/// " + line);
        }

        writer.Line(Names.GeneratedCode);
        if (member.Body.StartsWith("{\n", System.StringComparison.Ordinal))
        {
            writer.Line(member.Declaration);
            writer.Lines(member.Body);
        }
        else
        {
            writer.Line(member.Declaration + " " + member.Body);
        }

        writer.Line();
    }

    private static void WriteSizeConstants(IndentedTextWriter writer, NetworkPlan network, bool hasParameters)
    {
        (string Name, int Value, string Meaning)[] sizes =
        [
            ("InputSize", network.InputSize, "The number of input features of one row"),
            ("OutputSize", network.OutputSize, "The number of outputs of one row"),
            ("ParameterCount", network.ParameterCount, "The number of weights and biases"),
        ];
        if (hasParameters)
        {
            sizes = [.. sizes, ("BufferCount", network.Spec.BufferCount, "The number of values of state that are not learned (each BatchNorm layer's running mean, then its running variance; see GetBuffers)")];
        }

        foreach ((string name, int value, string meaning) in hasParameters ? sizes : sizes.Take(2))
        {
            writer.Line($"/// <summary>{meaning}: {value}.</summary>");
            writer.Line(Names.GeneratedCode);
            writer.Line($"public const int {name} = {IndentedTextWriter.Int(value)};");
            writer.Line();
        }
    }

    private static void WriteConstructors(IndentedTextWriter writer, NetworkPlan network)
    {
        string name = network.Type.Name;
        if (network.Weights is { } baked)
        {
            writer.Line($"/// <summary>Creates the network with the weights of '{PersistenceEmitter.Escape(baked.Path)}', baked in at compile time.</summary>");
            writer.Line(Names.GeneratedCode);
            writer.Line($"public {name}() => _implementation.InitializeBaked();");
        }
        else
        {
            writer.Line($"/// <summary>Creates the {network.Shape} network ({network.ParameterCount} parameters) with weights drawn from seed 0 (biases start at 0).</summary>");
            writer.Line(Names.GeneratedCode);
            writer.Line($"public {name}() => _implementation.Initialize(0);");
        }

        writer.Line();
        string inits = string.Join("; ", network.DenseLayers.GroupBy(static l => l.Init).Select(static g => string.Join(", ", g.Select(static l => l.Name)) + " by " + g.Key));
        writer.Line("/// <summary>");
        writer.Line($"/// Creates the {network.Shape} network ({network.ParameterCount} parameters) with weights drawn from <paramref name=\"seed\"/>");
        writer.Line($"/// ({inits}; biases start at 0). The same seed gives the same parameters on every machine.");
        writer.Line("/// </summary>");
        writer.Line("/// <param name=\"seed\">The seed of the <see cref=\"Nn::NetworkRandom\"/> the weights are drawn from.</param>");
        writer.Line(Names.GeneratedCode);
        writer.Line($"public {name}(int seed) => _implementation.Initialize(seed);");
        writer.Line();
    }

    private static IEnumerable<Member> Prediction(NetworkPlan network, bool isStatic)
    {
        string modifier = isStatic ? "public static " : "public ";
        string outputs = network.Output.Activation == Activation.Softmax ? "class probabilities" : "outputs";
        yield return new Member(
            [
                "<summary>",
                $"Runs the network on one row of {network.InputSize} features. Allocates nothing; safe to call from several threads at once",
                isStatic
                    ? "(the weights are constants)."
                    : "while no training step runs; one that overlaps a step may mix the weights from before and after it, never once it has returned.",
                "</summary>",
                $"<param name=\"input\">{network.InputSize} input features.</param>",
                $"<param name=\"output\">Receives the {network.OutputSize} {outputs}.</param>",
                "<exception cref=\"Sys::ArgumentException\">A span does not have the length above.</exception>",
            ],
            $"{modifier}void Predict({Names.ReadOnlySpan} input, {Names.Span} output)",
            "=> _implementation.Predict(input, output);");

        LayerPlan output = network.Output;
        if (output.Activation is Activation.Softmax or Activation.Sigmoid)
        {
            bool binary = output.Activation == Activation.Sigmoid && output.Units == 1;
            yield return new Member(
                [
                    binary
                        ? "<summary>Classifies one row: 1 when the sigmoid output is at least 0.5, else 0.</summary>"
                        : $"<summary>Classifies one row: the index of the largest of the {output.Units} outputs (the first on ties).</summary>",
                    $"<param name=\"input\">{network.InputSize} input features.</param>",
                    binary ? "<returns>0 or 1.</returns>" : $"<returns>A class from 0 to {output.Units - 1}.</returns>",
                    "<exception cref=\"Sys::ArgumentException\">The input does not have the length above.</exception>",
                ],
                $"{modifier}int PredictClass({Names.ReadOnlySpan} input)",
                "=> _implementation.PredictClass(input);");
        }

        bool threads = network.Threads;
        yield return new Member(
            [
                "<summary>",
                "Runs the network on consecutive rows; row <c>r</c> of <paramref name=\"outputs\"/> is the prediction for row <c>r</c> of <paramref name=\"inputs\"/>,",
                "bit-identical to <see cref=\"Predict\"/> on that row. Blocks of rows go through register-blocked matrix kernels" + (threads
                    ? isStatic ? ", on every processor." : ", on up to <see cref=\"MaxDegreeOfParallelism\"/> threads."
                    : "."),
                "</summary>",
                "<param name=\"inputs\">Rows of <see cref=\"InputSize\"/> features, one after the other.</param>",
                "<param name=\"outputs\">Receives as many rows of <see cref=\"OutputSize\"/> outputs.</param>",
                "<exception cref=\"Sys::ArgumentException\">The lengths are not whole, matching numbers of rows.</exception>",
            ],
            $"{modifier}void PredictBatch({Names.ReadOnlySpan} inputs, {Names.Span} outputs)",
            "=> _implementation.PredictBatch(inputs, outputs);");

        if (!isStatic)
        {
            yield return new Member(ParallelismDocumentation(network), "public int MaxDegreeOfParallelism", "{ get => _implementation.MaxDegreeOfParallelism; set => _implementation.MaxDegreeOfParallelism = value; }");
        }
    }

    private static string[] ParallelismDocumentation(NetworkPlan network)
    {
        var lines = new List<string> { "<summary>" };
        int chunkRows = Thresholds.ChunkRows;
        int predictRows = Thresholds.ParallelPredictRows;
        if (network.Threads)
        {
            string millions = ((long)network.Layers.Sum(static l => l.MultiplyAdds) * chunkRows / 1e6).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
            lines.Add("The most threads <see cref=\"PredictBatch\"/> and batch training use: the processor count unless changed (a block of");
            lines.Add($"{chunkRows} rows of this network is {millions} million multiply-adds, which pays for a thread), at most the processor count; only");
            int shared = Thresholds.RowShareWeights / 1024;
            if (network.SplitsLayers)
            {
                lines.Add($"training batches of more than {chunkRows} rows, and predictions from one row on (their layers of {shared} k weights or more share their");
                lines.Add("units between threads), use more than the calling thread. Set 1 when other work keeps the processors busy.");
            }
            else if (network.DenseLayers.Any(static l => l.SharesRowBetweenThreads))
            {
                lines.Add($"predictions of one row (their layers of {shared} k weights or more share their units between threads) or of more than");
                lines.Add($"{predictRows} rows, and training batches of more than {chunkRows}, use more than the calling thread. Set 1 when other work keeps the");
                lines.Add("processors busy.");
            }
            else
            {
                lines.Add($"predictions of more than {predictRows} rows and training batches of more than {chunkRows} use more than the calling thread. Set 1 when other");
                lines.Add("work keeps the processors busy.");
            }

            lines.Add("Results are bit-identical whatever the value: rows are split into fixed blocks whose results are combined in order.");
        }
        else
        {
            lines.Add("The most threads <see cref=\"PredictBatch\"/> and batch training use: 1 (the calling thread) unless changed, at most the");
            lines.Add("processor count. Results are bit-identical whatever the value: rows are split into fixed blocks whose results are combined in order.");
        }

        if (network.TrainsWholeBatch)
        {
            lines.Add("BatchNorm's batch statistics couple a training batch's rows, so training, <c>ComputeLoss</c> and the gradients run on the");
            lines.Add("calling thread, each training batch as one block.");
        }

        lines.Add("</summary>");
        lines.Add("<exception cref=\"Sys::ArgumentOutOfRangeException\">The value is less than 1.</exception>");
        return lines.ToArray();
    }

    private static IEnumerable<Member> Parameters(NetworkPlan network)
    {
        yield return new Member(
            [
                "<summary>",
                "Copies the weights and biases into <paramref name=\"destination\"/> in canonical order: for each layer, W[units, inputs]",
                "row-major (PyTorch's <c>nn.Linear.weight</c>), then b[units].",
                "</summary>",
                $"<param name=\"destination\">Exactly {network.ParameterCount} elements (<see cref=\"ParameterCount\"/>).</param>",
                "<exception cref=\"Sys::ArgumentException\">The length is not <see cref=\"ParameterCount\"/>.</exception>",
            ],
            $"public void GetParameters({Names.Span} destination)",
            "=> _implementation.GetParameters(destination);");
        yield return new Member(
            [
                "<summary>Replaces the weights and biases with <paramref name=\"source\"/>, in canonical order; nothing changes if it is rejected.</summary>",
                $"<param name=\"source\">Exactly {network.ParameterCount} finite values (<see cref=\"ParameterCount\"/>).</param>",
                "<exception cref=\"Sys::ArgumentException\">The length is not <see cref=\"ParameterCount\"/> or a value is not finite.</exception>",
            ],
            $"public void SetParameters({Names.ReadOnlySpan} source)",
            "=> _implementation.SetParameters(source);");
        string buffers = network.Spec.BufferCount == 0
            ? "This network has no BatchNorm layer, so it has no buffers: only an empty span is accepted, and nothing is copied."
            : "Per BatchNorm layer in declaration order: its running mean, then its running variance, one value per feature or channel (PyTorch's <c>running_mean</c>, <c>running_var</c>).";
        yield return new Member(
            [
                "<summary>",
                "Copies the state that is not learned into <paramref name=\"destination\"/>: the running statistics that predictions and",
                "<c>ComputeLoss</c> normalise with. " + buffers,
                "</summary>",
                $"<param name=\"destination\">Exactly {network.Spec.BufferCount} elements (<see cref=\"BufferCount\"/>).</param>",
                "<exception cref=\"Sys::ArgumentException\">The length is not <see cref=\"BufferCount\"/>.</exception>",
            ],
            $"public void GetBuffers({Names.Span} destination)",
            "=> _implementation.GetBuffers(destination);");
        yield return new Member(
            [
                "<summary>Replaces the running statistics with <paramref name=\"source\"/>, in the order of <see cref=\"GetBuffers\"/>; nothing changes if it is rejected.</summary>",
                $"<param name=\"source\">Exactly {network.Spec.BufferCount} finite values (<see cref=\"BufferCount\"/>); variances at least 0.</param>",
                "<exception cref=\"Sys::ArgumentException\">The length is not <see cref=\"BufferCount\"/>, a value is not finite, or a variance is negative.</exception>",
            ],
            $"public void SetBuffers({Names.ReadOnlySpan} source)",
            "=> _implementation.SetBuffers(source);");
    }

    /// <summary>The training members: the learning rate, the optimizer's reset, and one family of four methods per kind of target.</summary>
    private static IEnumerable<Member> Training(NetworkPlan network)
    {
        TrainingSpec training = network.Training;
        yield return new Member(
            [
                $"<summary>The step size η of {training.Optimizer}; {IndentedTextWriter.Float(training.LearningRate).TrimEnd('f')} unless changed. It may be changed between steps.</summary>",
                "<exception cref=\"Sys::ArgumentOutOfRangeException\">The value is not finite and greater than 0.</exception>",
            ],
            "public float LearningRate",
            "{ get => _implementation.LearningRate; set => _implementation.LearningRate = value; }");

        string meanOver = training.Loss == Loss.CrossEntropy ? "the rows" : "every output of every row";
        string oneHot = network.Output.Activation == Activation.Softmax ? " (class probabilities, e.g. one-hot)" : "";
        var byValue = new TargetKind(
            Names.ReadOnlySpan,
            $"{network.OutputSize} targets{oneHot}.",
            $"As many rows of {network.OutputSize} targets (<see cref=\"OutputSize\"/>).",
            $"The {training.Loss} loss",
            "the mean loss",
            $"Rows of {network.InputSize} features (<see cref=\"InputSize\"/>), at least one.",
            $"{network.InputSize} input features.",
            "A span has the wrong length",
            "The lengths are not matching whole rows",
            "A length is wrong");
        foreach (Member member in TrainingFamily(byValue, meanOver, "", "the mean loss", "or the loss is not finite"))
        {
            yield return member;
        }

        if (network.Output.Activation == Activation.Softmax)
        {
            var byClass = new TargetKind(
                "int",
                "The class, from 0 to <see cref=\"OutputSize\"/> − 1.",
                "One class per row, each from 0 to <see cref=\"OutputSize\"/> − 1.",
                "The cross-entropy",
                "the mean cross-entropy",
                "Rows of <see cref=\"InputSize\"/> features, at least one.",
                "One row of <see cref=\"InputSize\"/> features.",
                "The input has the wrong length or the class is out of range",
                "The lengths do not match or a class is out of range",
                "A length is wrong or a class is out of range");
            foreach (Member member in TrainingFamily(byClass, "the rows", ", whose targets are class indices", "the mean cross-entropy of rows whose targets are class indices", null))
            {
                yield return member;
            }
        }

        foreach (Member member in Gradients(network))
        {
            yield return member;
        }

        yield return new Member(
            ["<summary>Clears the optimizer's state and step count, as a freshly constructed optimizer has them; the parameters stay.</summary>"],
            "public void ResetOptimizer()",
            "=> _implementation.ResetOptimizer();");
    }

    /// <summary>How one family of training methods takes its targets: values per output, or a class index per row.</summary>
    private sealed record TargetKind(
        string RowType,
        string RowDocumentation,
        string RowsDocumentation,
        string RowLoss,
        string MeanLoss,
        string InputsDocumentation,
        string InputDocumentation,
        string RowProblem,
        string RowsProblem,
        string LengthProblem)
    {
        /// <summary>The type of a batch's targets: a span of the row's type.</summary>
        public string RowsType => RowType == "int" ? Names.IntSpan : Names.ReadOnlySpan;
    }

    private static IEnumerable<Member> TrainingFamily(TargetKind kind, string meanOver, string batchOf, string gradientOf, string? lossProblem)
    {
        string notFinite = lossProblem is null ? "" : ", " + lossProblem;
        bool byClass = kind.RowType == "int";
        yield return new Member(
            [
                byClass ? "<summary>Forward, backward and one optimizer step on one row whose target is a class index.</summary>" : "<summary>Forward, backward and one optimizer step on one row.</summary>",
                $"<param name=\"input\">{kind.InputDocumentation}</param>",
                $"<param name=\"target\">{kind.RowDocumentation}</param>",
                $"<returns>{kind.RowLoss} before the update.</returns>",
                $"<exception cref=\"Sys::ArgumentException\">{kind.RowProblem}{notFinite}; nothing is updated.</exception>",
            ],
            $"public float TrainStep({Names.ReadOnlySpan} input, {kind.RowType} target)",
            "=> _implementation.TrainStep(input, target);");
        yield return new Member(
            [
                byClass
                    ? "<summary>One optimizer step on the mean gradient of the rows, whose targets are class indices.</summary>"
                    : $"<summary>One optimizer step on the mean gradient of the rows; the loss is the mean over {meanOver}.</summary>",
                $"<param name=\"inputs\">{kind.InputsDocumentation}</param>",
                $"<param name=\"targets\">{kind.RowsDocumentation}</param>",
                $"<returns>{Capitalised(kind.MeanLoss)} before the update.</returns>",
                $"<exception cref=\"Sys::ArgumentException\">{kind.RowsProblem}{notFinite}; nothing is updated.</exception>",
            ],
            $"public float TrainBatch({Names.ReadOnlySpan} inputs, {kind.RowsType} targets)",
            "=> _implementation.TrainBatch(inputs, targets);");
        yield return new Member(
            [
                byClass
                    ? $"<summary>{Capitalised(kind.MeanLoss)} of rows{batchOf}, without changing anything.</summary>"
                    : $"<summary>The mean loss of the rows (over {meanOver}), without changing anything.</summary>",
                $"<param name=\"inputs\">{kind.InputsDocumentation}</param>",
                $"<param name=\"targets\">{kind.RowsDocumentation}</param>",
                "<returns>The mean loss.</returns>",
                $"<exception cref=\"Sys::ArgumentException\">{kind.RowsProblem}.</exception>",
            ],
            $"public float ComputeLoss({Names.ReadOnlySpan} inputs, {kind.RowsType} targets)",
            "=> _implementation.ComputeLoss(inputs, targets);");
        yield return new Member(
            [
                byClass
                    ? $"<summary>The gradient of {gradientOf}, in canonical order.</summary>"
                    : "<summary>The gradient of the mean loss with respect to every parameter, in canonical order, without changing anything.</summary>",
                $"<param name=\"inputs\">{kind.InputsDocumentation}</param>",
                $"<param name=\"targets\">{kind.RowsDocumentation}</param>",
                "<param name=\"gradient\">Receives <see cref=\"ParameterCount\"/> values.</param>",
                $"<exception cref=\"Sys::ArgumentException\">{kind.LengthProblem}.</exception>",
            ],
            $"public void ComputeGradient({Names.ReadOnlySpan} inputs, {kind.RowsType} targets, {Names.Span} gradient)",
            "=> _implementation.ComputeGradient(inputs, targets, gradient);");
    }

    /// <summary><c>Backward</c> and <c>ApplyGradient</c>: the two halves of a training step, for a loss or an optimizer of the caller's own.</summary>
    private static IEnumerable<Member> Gradients(NetworkPlan network)
    {
        string after = network.Output.Activation == Activation.Identity ? "" : $" (after the {network.Output.Activation})";
        yield return new Member(
            [
                "<summary>",
                $"The gradient of Σ over rows of ⟨outputGradients row, outputs row⟩{after} with respect to every parameter,",
                "in canonical order, without changing anything: given ∂L/∂outputs of a loss L of the caller's own, the gradient of L, as",
                "<c>backward()</c> gives it in PyTorch. The rows go in blocks on up to <see cref=\"MaxDegreeOfParallelism\"/> threads as in",
                "<c>ComputeGradient</c>, with the same bits whatever the value.",
                "</summary>",
                $"<param name=\"inputs\">Rows of {network.InputSize} features (<see cref=\"InputSize\"/>), at least one.</param>",
                $"<param name=\"outputGradients\">As many rows of {network.OutputSize} values (<see cref=\"OutputSize\"/>): ∂L/∂outputs, not divided by anything.</param>",
                "<param name=\"gradient\">Receives <see cref=\"ParameterCount\"/> values.</param>",
                "<exception cref=\"Sys::ArgumentException\">The lengths are not matching whole rows, or a value of <paramref name=\"inputs\"/> or <paramref name=\"outputGradients\"/> is not finite.</exception>",
            ],
            $"public void Backward({Names.ReadOnlySpan} inputs, {Names.ReadOnlySpan} outputGradients, {Names.Span} gradient)",
            "=> _implementation.Backward(inputs, outputGradients, gradient);");
        yield return new Member(
            [
                "<summary>",
                $"One {network.Training.Optimizer} step with <paramref name=\"gradient\"/>, the step <c>TrainBatch</c> takes with the mean gradient of its rows:",
                "the same weight decay, step count and optimizer state. With the gradient <c>ComputeGradient</c> gives for a batch of two",
                "rows or more, it leaves the parameters <c>TrainBatch</c> leaves for that batch, bit for bit.",
                "</summary>",
                $"<param name=\"gradient\">{network.ParameterCount} finite values (<see cref=\"ParameterCount\"/>) in canonical order.</param>",
                "<exception cref=\"Sys::ArgumentException\">The length is not <see cref=\"ParameterCount\"/>, a value is not finite, or the step would take a parameter out of range; nothing is updated.</exception>",
            ],
            $"public void ApplyGradient({Names.ReadOnlySpan} gradient)",
            "=> _implementation.ApplyGradient(gradient);");
    }

    private static string Capitalised(string text) => char.ToUpperInvariant(text[0]) + text.Substring(1);

    private static IEnumerable<Member> Persistence(NetworkPlan network)
    {
        yield return new Member(
            [$"<summary>The architecture a weights file must have been saved for to load into this network: {network.Shape}.</summary>"],
            $"public static {Names.NetworkArchitecture} Architecture",
            $"=> {FileEmitter.Implementation}.Architecture;");
        yield return new Member(
            [
                $"<summary>Writes the {network.ParameterCount} parameters of this {network.Shape} network to <paramref name=\"stream\"/> as a CompiledNN weights file (docs/weights-format.md).</summary>",
                "<param name=\"stream\">A writable stream; it is flushed, not closed.</param>",
                "<exception cref=\"Sys::ArgumentException\">A parameter is not finite (training diverged).</exception>",
            ],
            $"public void Save({Names.Stream} stream)",
            $"=> {Names.WeightsFile}.Save(this, stream);");
        yield return new Member(
            [
                "<summary>",
                $"Writes the {network.ParameterCount} parameters of this {network.Shape} network to the file at <paramref name=\"path\"/> as a",
                "CompiledNN weights file, atomically: a crash leaves the old file or the new one, never half of one.",
                "</summary>",
                "<param name=\"path\">The file to create or replace.</param>",
                "<exception cref=\"Sys::ArgumentException\">A parameter is not finite (training diverged).</exception>",
            ],
            "public void Save(string path)",
            $"=> {Names.WeightsFile}.Save(this, path);");

        string name = network.Type.Name;
        string saved = $"A weights file saved by a {network.Shape} network with the same activations ({network.ParameterCount} parameters).";
        const string Rejected = "<exception cref=\"Sys::IO.InvalidDataException\">The file is damaged or was saved for another architecture; the message says which.</exception>";
        foreach ((string type, string parameter, string what) in new[] { (Names.Stream, "stream", "read from <paramref name=\"stream\"/> to its end"), ("string", "path", "at <paramref name=\"path\"/>") })
        {
            yield return new Member(
                [
                    $"<summary>Creates a network with the parameters of the weights file {what}.</summary>",
                    $"<param name=\"{parameter}\">{saved}</param>",
                    "<returns>The loaded network.</returns>",
                    Rejected,
                ],
                $"public static {name} Load({type} {parameter})",
                $"{{\n    var network = new {name}();\n    {Names.WeightsFile}.Load(network, {parameter});\n    return network;\n}}");
            yield return new Member(
                [
                    "<summary>",
                    $"Replaces this network's parameters with those of the weights file {what}. Everything is checked first; if the file",
                    "is rejected the network is left exactly as it was.",
                    "</summary>",
                    $"<param name=\"{parameter}\">{saved}</param>",
                    Rejected,
                ],
                $"public void LoadParameters({type} {parameter})",
                $"=> {Names.WeightsFile}.Load(this, {parameter});");
        }
    }
}
