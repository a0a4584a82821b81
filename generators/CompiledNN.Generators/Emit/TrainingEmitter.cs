using System.Collections.Generic;
using System.Linq;
using CompiledNN.Generators.Emit.Layers;
using CompiledNN.Generators.Model;
using CompiledNN.Generators.Planning;

namespace CompiledNN.Generators.Emit;

/// <summary>
/// Writes training: <c>TrainStep</c>, <c>TrainBatch</c>, <c>ComputeLoss</c>, <c>ComputeGradient</c> (and their
/// class-index overloads for Softmax networks), the forward pass that keeps every layer's <c>z</c> and <c>a</c>, the
/// fused loss, and the chain of layer backward calls, which <see cref="GradientEmitter"/>'s members run too. Rows are processed in blocks of a fixed size through the matrix
/// kernels, on several threads for networks large enough to pay; the scratch is per block and per thread, created
/// once, so no batch size allocates after the first call.
/// </summary>
internal static class TrainingEmitter
{
    public static void WriteMembers(IndentedTextWriter writer, NetworkPlan network)
    {
        WriteState(writer, network);
        WritePublicMembers(writer, network);
        if (network.Output.Activation == Activation.Softmax)
        {
            WriteTargetFamily(writer, network, byClass: true);
        }

        WriteEvaluate(writer, network);
        if (network.RowBackward)
        {
            WriteEvaluateRow(writer, network);
        }

        WriteForwardForTraining(writer, network);
        WriteBackward(writer, network);
        GradientEmitter.WriteMembers(writer, network);
        BackwardEmitter.WriteMembers(writer, network);
    }

    private static void WriteState(IndentedTextWriter writer, NetworkPlan network)
    {
        writer.Line("// Training scratch of one block of ChunkRows rows: each layer's pre-activations z, activations a and delta = ∂L/∂z,");
        writer.Line("// rows × units each, at these offsets.");
        // A network that trains each batch as one block has blocks of _blockRows rows, grown to the largest batch trained.
        string declaration = network.TrainsWholeBatch ? "private int" : "private const int";
        string assign = network.TrainsWholeBatch ? "=>" : "=";
        string blockRows = BlockRows(network);
        int offset = 0;
        foreach (LayerPlan layer in network.Layers)
        {
            writer.Line($"{declaration} {layer.Name}Z {assign} {offset} * {blockRows};");
            writer.Line($"{declaration} {layer.Name}A {assign} {offset + layer.Units} * {blockRows};");
            writer.Line($"{declaration} {layer.Name}Delta {assign} {offset + (2 * layer.Units)} * {blockRows};");
            offset += 3 * layer.Units;
        }

        writer.Line($"{declaration} TrainingScratchSize {assign} {offset} * {blockRows};");
        writer.Line();
        if (network.TrainsWholeBatch)
        {
            int statistics = network.BatchNormalizations.Sum(static l => 3 * l.Normalization.Features);
            writer.Line("/// <summary>The rows of a training block: ChunkRows, or the largest batch trained since (batch statistics couple a batch's rows).</summary>");
            writer.Line("private int _blockRows = ChunkRows;");
            writer.Line();
            writer.Line("/// <summary>Each BatchNorm layer's statistics of the last training batch: mean, 1/√(var + ε) and unbiased variance per channel.</summary>");
            writer.Line($"private readonly float[] _batchStatistics = new float[{statistics}];");
            writer.Line();
            writer.Line("/// <summary>A ComputeGradient or Backward left batch statistics that the next ApplyGradient folds into the running ones, as TrainBatch would.</summary>");
            writer.Line("private bool _statisticsPending;");
            writer.Line();
        }
        writer.Line("/// <summary>Each worker thread's training scratch, created on its first use.</summary>");
        writer.Line($"private readonly float[]?[] _trainingScratch = new float[]?[{Names.BatchParallelism}.MaxWorkers];");
        writer.Line();
        writer.Line("/// <summary>The mean gradient of the last batch, in the internal layout.</summary>");
        writer.Line("private readonly float[] _gradient = new float[ParameterCount];");
        writer.Line();
        writer.Line($"private float _learningRate = {IndentedTextWriter.Float(network.Training.LearningRate)};");
        writer.Line();
        if (network.DrawsMasks)
        {
            writer.Line("/// <summary>The seed of the dropout masks, drawn from the network's seed; the training calls so far; the current call's mask state.</summary>");
            writer.Line("private ulong _maskSeed;");
            writer.Line("private ulong _maskCalls;");
            writer.Line("private ulong _callMasks;");
            writer.Line();
        }
    }

    private static void WritePublicMembers(IndentedTextWriter writer, NetworkPlan network)
    {
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
        WriteTargetFamily(writer, network, byClass: false);
        writer.Line("/// <summary>Computes the gradient of the rows, refuses a non-finite loss or gradient, then applies one optimizer step.</summary>");
        using (writer.Block($"private float Train({Names.ReadOnlySpan} inputs, {Names.ReadOnlySpan} targets, {Names.IntSpan} classes, int rows)"))
        {
            writer.Line("// A NaN input can vanish in the forward pass (ReLU maps it to 0) and still be bad data: refuse it up front.");
            writer.Line($"{Names.Guard}.Finite(inputs, nameof(inputs));");
            if (network.RowBackward)
            {
                writer.Line("// One row of a small network goes through straight-line code, which writes every element of the gradient.");
                writer.Line("float loss = rows == 1 && Simd::Vector512.IsHardwareAccelerated");
                using (writer.Indent())
                {
                    writer.Line("? EvaluateRow(inputs, targets, classes)");
                    writer.Line(": Evaluate(inputs, targets, classes, rows, _gradient);");
                }
            }
            else
            {
                writer.Line("float loss = Evaluate(inputs, targets, classes, rows, _gradient);");
            }

            if (network.TrainsWholeBatch)
            {
                writer.Line("_statisticsPending = false;");
            }

            writer.Line($"{Names.Guard}.FiniteStep(loss, _gradient, nameof(inputs));");
            using (writer.Block("if (!TryApplyOptimizerStep())"))
            {
                writer.Line($"{Names.StepRollback}.ThrowUndone(_learningRate, nameof(inputs));");
            }

            if (network.TrainsWholeBatch)
            {
                writer.Line("UpdateRunningStatistics();");
            }

            writer.Line("return loss;");
        }

        writer.Line();
        if (network.TrainsWholeBatch)
        {
            writer.Line("/// <summary>Folds the last training batch's statistics into each BatchNorm layer's running ones, as PyTorch's forward pass in train() does.</summary>");
            using (writer.Block("private void UpdateRunningStatistics()"))
            {
                foreach (NormalizationLayerPlan layer in network.BatchNormalizations)
                {
                    int features = layer.Normalization.Features;
                    writer.Line($"{Names.BatchNormalization}.UpdateRunning(new {Names.Span}(_buffers, {layer.Name}RunningMean, {features}), new {Names.Span}(_buffers, {layer.Name}RunningMean + {features}, {features}), new {Names.ReadOnlySpan}(_batchStatistics, {layer.Name}Statistics, {3 * features}), {IndentedTextWriter.Float(layer.Normalization.Momentum)});");
                }
            }

            writer.Line();
        }
    }

    /// <summary>The rows of a training block, as generated code names them.</summary>
    public static string BlockRows(NetworkPlan network) => network.TrainsWholeBatch ? "_blockRows" : "ChunkRows";

    /// <summary>
    /// <c>TrainStep</c>, <c>TrainBatch</c>, <c>ComputeLoss</c> and <c>ComputeGradient</c> for one kind of target: rows of
    /// values, or (<paramref name="byClass"/>) class indices, which go to the same <c>Train</c> and <c>Evaluate</c> as
    /// <c>classes</c> with empty targets.
    /// </summary>
    private static void WriteTargetFamily(IndentedTextWriter writer, NetworkPlan network, bool byClass)
    {
        string rowsType = byClass ? Names.IntSpan : Names.ReadOnlySpan;
        string targetsThenClasses = byClass ? "default, targets" : "targets, default";
        using (writer.Block($"public float TrainStep({Names.ReadOnlySpan} input, {(byClass ? "int" : Names.ReadOnlySpan)} target)"))
        {
            writer.Line($"{Names.Guard}.Length(input, InputSize, nameof(input), \"input features\");");
            if (byClass)
            {
                writer.Line($"{Names.IntSpan} classes = new {Names.IntSpan}(in target);");
                writer.Line($"{Names.Guard}.Classes(classes, 1, OutputSize, nameof(target));");
                writer.Line("return Train(input, default, classes, 1);");
            }
            else
            {
                writer.Line($"{Names.Guard}.Length(target, OutputSize, nameof(target), \"targets\");");
                writer.Line("return Train(input, target, default, 1);");
            }
        }

        writer.Line();
        using (writer.Block($"public float TrainBatch({Names.ReadOnlySpan} inputs, {rowsType} targets)"))
        {
            WriteRowChecks(writer, byClass);
            writer.Line($"return Train(inputs, {targetsThenClasses}, rows);");
        }

        writer.Line();
        using (writer.Block($"public float ComputeLoss({Names.ReadOnlySpan} inputs, {rowsType} targets)"))
        {
            WriteRowChecks(writer, byClass);
            writer.Line($"return Evaluate(inputs, {targetsThenClasses}, rows, default);");
        }

        writer.Line();
        using (writer.Block($"public void ComputeGradient({Names.ReadOnlySpan} inputs, {rowsType} targets, {Names.Span} gradient)"))
        {
            WriteRowChecks(writer, byClass);
            WriteGradientLengthCheck(writer);
            writer.Line($"Evaluate(inputs, {targetsThenClasses}, rows, _gradient);");
            if (network.TrainsWholeBatch)
            {
                writer.Line("_statisticsPending = true;");
            }

            writer.Line("ToCanonicalLayout(_gradient, gradient);");
        }

        writer.Line();
    }

    /// <summary>Counts the rows of <c>inputs</c>, at least one, and checks that <paramref name="targets"/> has as many rows of <paramref name="what"/> (or class indices).</summary>
    public static void WriteRowChecks(IndentedTextWriter writer, bool byClass, string targets = "targets", string what = "targets")
    {
        writer.Line($"int rows = {Names.Guard}.Rows(inputs, InputSize, nameof(inputs), \"input features\");");
        writer.Line($"{Names.Guard}.NotEmpty(rows, nameof(inputs));");
        writer.Line(byClass
            ? $"{Names.Guard}.Classes({targets}, rows, OutputSize, nameof({targets}));"
            : $"{Names.Guard}.Rows({targets}, rows, OutputSize, nameof({targets}), \"{what}\");");
    }

    /// <summary>Checks that the span <c>gradient</c> holds one value per parameter.</summary>
    public static void WriteGradientLengthCheck(IndentedTextWriter writer) =>
        writer.Line($"{Names.Guard}.Length(gradient, ParameterCount, nameof(gradient), \"parameters\");");

    private static void WriteEvaluate(IndentedTextWriter writer, NetworkPlan network)
    {
        bool perRow = network.Training.Loss == Loss.CrossEntropy;
        bool parallel = network.Threads && !network.TrainsWholeBatch;
        writer.Line("/// <summary>");
        writer.Line("/// Runs every row forward and sums its loss; when <paramref name=\"gradient\"/> is not empty, backpropagates into it. Rows go in");
        writer.Line("/// blocks of <see cref=\"ChunkRows\"/>; each block's gradient and loss are summed on their own and added in block order, so");
        writer.Line("/// the result is the same whichever thread ran a block. Targets are rows of <paramref name=\"targets\"/>, or class indices");
        writer.Line("/// when <paramref name=\"classes\"/> is not empty; with <paramref name=\"targetsAreOutputGradients\"/>, the rows of");
        writer.Line("/// <paramref name=\"targets\"/> are ∂L/∂output, backpropagated as they are, and there is no loss.");
        writer.Line("/// </summary>");
        writer.Line("/// <returns>The mean loss, as PyTorch's <c>reduction='mean'</c>, or 0 for output gradients.</returns>");
        using (writer.Block($"private float Evaluate({Names.ReadOnlySpan} inputs, {Names.ReadOnlySpan} targets, {Names.IntSpan} classes, int rows, {Names.Span} gradient, bool targetsAreOutputGradients = false)"))
        {
            writer.Line(perRow
                ? "// Cross-entropy is averaged over the rows."
                : "// The element-wise losses are averaged over every output of every row.");
            writer.Line(perRow ? "float scale = 1f / rows;" : "float scale = 1f / (rows * OutputSize);");
            if (network.DrawsMasks)
            {
                writer.Line("// Each call that computes a gradient draws new dropout masks; ComputeLoss runs without dropout, as PyTorch's eval().");
                using (writer.Block("if (!gradient.IsEmpty)"))
                {
                    writer.Line($"_callMasks = {Names.Dropout}.CallState(_maskSeed, ++_maskCalls);");
                }
            }

            if (!parallel)
            {
                writer.Line("gradient.Clear();");
            }

            if (network.TrainsWholeBatch)
            {
                writer.Line("// Batch statistics couple the rows: a gradient's batch is one block (grown to fit), on the calling thread.");
                using (writer.Block("if (!gradient.IsEmpty && rows > _blockRows)"))
                {
                    writer.Line("_blockRows = rows;");
                    writer.Line("_trainingScratch[0] = null;");
                }
            }

            writer.Line($"int chunks = (rows + {BlockRows(network)} - 1) / {BlockRows(network)};");
            writer.Line("double sum = 0;");
            if (parallel)
            {
                using (writer.Block($"if (chunks > 1 && {Names.BatchParallelism}.Shares(_maxDegreeOfParallelism))"))
                {
                    writer.Line("// The gradient is _gradient or empty: the blocks' gradients are added into _gradient from the worker threads,");
                    writer.Line("// and the thread of the first block clears it.");
                    writer.Line("sum = EvaluateInParallel(inputs, targets, classes, chunks, scale, !gradient.IsEmpty, targetsAreOutputGradients);");
                }

                using (writer.Block("else"))
                {
                    writer.Line("gradient.Clear();");
                    WriteSerialChunks(writer);
                }
            }
            else
            {
                WriteSerialChunks(writer);
            }

            writer.Line("return (float)(sum * scale);");
        }

        writer.Line();
        if (parallel)
        {
            WriteParallelEvaluate(writer, network);
        }
        else
        {
            writer.Line("/// <summary>Never called: this network's blocks are too small for threads to pay, so it trains on the calling thread.</summary>");
            using (writer.Block($"private void RunTrainingChunk(int chunk, int worker, in {Names.BatchSpans} spans)"))
            {
                writer.Line("throw new Sys::InvalidOperationException(\"Training runs on the calling thread only.\");");
            }

            writer.Line();
        }

        writer.Line("/// <summary>Worker <paramref name=\"worker\"/>'s training scratch, created on its first use.</summary>");
        using (writer.Block("private float[] TrainingScratch(int worker)"))
        {
            writer.Line("return _trainingScratch[worker] ??= new float[TrainingScratchSize];");
        }

        writer.Line();
        WriteEvaluateChunk(writer, network);
    }

    private static void WriteSerialChunks(IndentedTextWriter writer)
    {
        writer.Line("float[] scratch = TrainingScratch(0);");
        using (writer.Block("for (int chunk = 0; chunk < chunks; chunk++)"))
        {
            writer.Line("sum += EvaluateChunk(inputs, targets, classes, chunk, scale, gradient, scratch, targetsAreOutputGradients);");
        }
    }

    private static void WriteParallelEvaluate(IndentedTextWriter writer, NetworkPlan network)
    {
        bool steps = network.StepsInParallel;
        writer.Line("// The blocks of one wave run in parallel: the batch's first block straight into _gradient, cleared by its thread (so with the");
        writer.Line("// bits the serial loop gives), the others each into a gradient of their own. The wave's gradients are then added to _gradient in");
        writer.Line("// block order, in parallel over ranges of parameters: each parameter still gets its additions in the same order.");
        writer.Line("private float[]?[]? _chunkGradients;");
        writer.Line("private double[]? _chunkLosses;");
        writer.Line("private int _waveFirstChunk;");
        writer.Line("private int _waveChunks;");
        writer.Line("private float _waveScale;");
        writer.Line("private bool _waveWantsGradient;");
        writer.Line("private bool _waveTargetsAreOutputGradients;");
        writer.Line("private bool _waveReducing;");
        if (steps)
        {
            writer.Line("private bool _waveStepping;");
        }

        writer.Line();
        writer.Line("/// <summary>Parameters per range of the parallel reduction and optimizer step: a multiple of every vector width, a few per thread.</summary>");
        writer.Line($"private const int ReductionRange = {Thresholds.ReductionRange};");
        writer.Line();
        writer.Line("/// <summary>Evaluates the blocks in waves of up to <see cref=\"MaxDegreeOfParallelism\"/>, adding each wave's gradients to <c>_gradient</c> in block order when <paramref name=\"wantsGradient\"/>.</summary>");
        using (writer.Block($"private double EvaluateInParallel({Names.ReadOnlySpan} inputs, {Names.ReadOnlySpan} targets, {Names.IntSpan} classes, int chunks, float scale, bool wantsGradient, bool targetsAreOutputGradients)"))
        {
            writer.Line($"int workers = Sys::Math.Min(_maxDegreeOfParallelism, {Names.BatchParallelism}.MaxWorkers);");
            writer.Line($"_chunkGradients ??= new float[]?[{Names.BatchParallelism}.MaxWorkers];");
            writer.Line($"double[] chunkLosses = _chunkLosses ??= new double[{Names.BatchParallelism}.MaxWorkers];");
            writer.Line("_waveScale = scale;");
            writer.Line("_waveWantsGradient = wantsGradient;");
            writer.Line("_waveTargetsAreOutputGradients = targetsAreOutputGradients;");
            writer.Line("double sum = 0;");
            using (writer.Block("for (int first = 0; first < chunks; first += workers)"))
            {
                writer.Line("_waveFirstChunk = first;");
                writer.Line("_waveChunks = Sys::Math.Min(workers, chunks - first);");
                writer.Line("_waveReducing = false;");
                writer.Line($"{Names.BatchParallelism}.Run(this, _waveChunks, workers, inputs, targets, classes, default);");
                using (writer.Block("for (int item = 0; item < _waveChunks; item++)"))
                {
                    writer.Line("sum += chunkLosses[item];");
                }

                using (writer.Block("if (wantsGradient)"))
                {
                    writer.Line("_waveReducing = true;");
                    writer.Line($"{Names.BatchParallelism}.Run(this, (ParameterCount + ReductionRange - 1) / ReductionRange, workers, default, default, default, default);");
                }
            }

            writer.Line("return sum;");
        }

        writer.Line();
        writer.Line("/// <summary>On a worker thread: evaluates block <paramref name=\"item\"/> of the current wave, adds the wave's gradients in range <paramref name=\"item\"/>, or steps the parameters of that range.</summary>");
        using (writer.Block($"private void RunTrainingChunk(int item, int worker, in {Names.BatchSpans} spans)"))
        {
            if (steps)
            {
                // First: the last wave's reduction leaves _waveReducing set.
                using (writer.Block("if (_waveStepping)"))
                {
                    writer.Line("StepParameters(item * ReductionRange, Sys::Math.Min(ReductionRange, ParameterCount - (item * ReductionRange)));");
                    writer.Line("return;");
                }
            }

            using (writer.Block("if (_waveReducing)"))
            {
                writer.Line("ReduceRange(item);");
                writer.Line("return;");
            }


            writer.Line($"{Names.Span} gradient = default;");
            using (writer.Block("if (_waveWantsGradient)"))
            {
                writer.Line("gradient = _waveFirstChunk + item == 0 ? _gradient : (_chunkGradients![item] ??= new float[ParameterCount]);");
                writer.Line("gradient.Clear();");
            }

            writer.Line("_chunkLosses![item] = EvaluateChunk(spans.Inputs, spans.Targets, spans.Classes, _waveFirstChunk + item, _waveScale, gradient, TrainingScratch(worker), _waveTargetsAreOutputGradients);");
        }

        writer.Line();
        writer.Line("/// <summary>Adds the current wave's block gradients to <c>_gradient</c> in block order, over parameter range <paramref name=\"range\"/>.</summary>");
        using (writer.Block("private void ReduceRange(int range)"))
        {
            writer.Line("int start = range * ReductionRange;");
            writer.Line("int length = Sys::Math.Min(ReductionRange, ParameterCount - start);");
            writer.Line($"{Names.Span} sum = new {Names.Span}(_gradient, start, length);");
            using (writer.Block("for (int item = _waveFirstChunk == 0 ? 1 : 0; item < _waveChunks; item++)"))
            {
                writer.Line($"{Names.MatrixKernels}.Add(sum, new {Names.ReadOnlySpan}(_chunkGradients![item], start, length));");
            }
        }

        writer.Line();
    }

    private static void WriteEvaluateChunk(IndentedTextWriter writer, NetworkPlan network)
    {
        LayerPlan output = network.Output;
        string logitsOrOutput = network.LossTakesLogits ? $"{output.Name}Z" : $"{output.Name}A";
        writer.Line("/// <summary>Forward, loss and (when <paramref name=\"gradient\"/> is not empty) backward for the rows of block <paramref name=\"chunk\"/>; or forward and backward from the output gradients in <paramref name=\"targets\"/>.</summary>");
        writer.Line("/// <returns>The block's summed loss, or 0 for output gradients.</returns>");
        using (writer.Block($"private double EvaluateChunk({Names.ReadOnlySpan} inputs, {Names.ReadOnlySpan} targets, {Names.IntSpan} classes, int chunk, float scale, {Names.Span} gradient, float[] scratch, bool targetsAreOutputGradients)"))
        {
            writer.Line($"int first = chunk * {BlockRows(network)};");
            writer.Line($"int rows = Sys::Math.Min({BlockRows(network)}, (inputs.Length / InputSize) - first);");
            writer.Line($"{Names.ReadOnlySpan} x = inputs.Slice(first * InputSize, rows * InputSize);");
            writer.Line(network.HasTrainingMode ? "ForwardForTraining(x, rows, scratch, first, training: !gradient.IsEmpty);" : "ForwardForTraining(x, rows, scratch);");
            using (writer.Block("if (targetsAreOutputGradients)"))
            {
                writer.Line("BackwardFromOutputGradients(x, targets.Slice(first * OutputSize, rows * OutputSize), rows, scratch, gradient);");
                writer.Line("return 0;");
            }

            writer.Line($"{Names.ReadOnlySpan} prediction = new {Names.ReadOnlySpan}(scratch, {logitsOrOutput}, rows * OutputSize);");
            writer.Line($"{Names.Span} outputDelta = new {Names.Span}(scratch, {output.Name}Delta, rows * OutputSize);");
            writer.Line("double sum = 0;");
            WriteOneHot(writer, network);
            using (writer.Block("for (int row = 0; row < rows; row++)"))
            {
                WriteRowLoss(
                    writer,
                    network,
                    "sum +=",
                    "prediction.Slice(row * OutputSize, OutputSize)",
                    "outputDelta.Slice(row * OutputSize, OutputSize)",
                    "targets.Slice((first + row) * OutputSize, OutputSize)",
                    "classes[first + row]");
            }

            using (writer.Block("if (!gradient.IsEmpty)"))
            {
                writer.Line("Backward(x, rows, scratch, gradient);");
            }

            writer.Line("return sum;");
        }

        writer.Line();
    }

    private static bool NeedsOneHot(NetworkPlan network) => network.Output.Activation == Activation.Softmax && network.Training.Loss != Loss.CrossEntropy;

    private static void WriteOneHot(IndentedTextWriter writer, NetworkPlan network)
    {
        if (NeedsOneHot(network))
        {
            writer.Line("// Class indices become one-hot rows for the element-wise loss.");
            writer.Line($"{Names.Span} oneHot = stackalloc float[OutputSize];");
        }
    }

    /// <summary>Adds one row's loss to <paramref name="sum"/> and writes its output delta, from a target row or a class index.</summary>
    private static void WriteRowLoss(IndentedTextWriter writer, NetworkPlan network, string sum, string prediction, string delta, string target, string classIndex)
    {
        string call = network.Training.Loss switch
        {
            Loss.CrossEntropy => $"{Names.Losses}.CrossEntropy({prediction}, {{0}}, {delta}, scale)",
            Loss.BinaryCrossEntropy => $"{Names.Losses}.BinaryCrossEntropy({prediction}, {{0}}, {delta}, scale)",
            Loss.Huber => $"{Names.Losses}.Huber({prediction}, {{0}}, {delta}, scale, {IndentedTextWriter.Float(network.Training.HuberDelta)})",
            Loss.L1 => $"{Names.Losses}.L1({prediction}, {{0}}, {delta}, scale)",
            _ => $"{Names.Losses}.MeanSquaredError({prediction}, {{0}}, {delta}, scale)",
        };
        if (network.Output.Activation == Activation.Softmax && network.Training.Loss == Loss.CrossEntropy)
        {
            writer.Line($"{sum} classes.IsEmpty");
            using (writer.Indent())
            {
                writer.Line("? " + string.Format(call, target));
                writer.Line(": " + string.Format(call, classIndex) + ";");
            }
        }
        else if (NeedsOneHot(network))
        {
            using (writer.Block("if (!classes.IsEmpty)"))
            {
                writer.Line("oneHot.Clear();");
                writer.Line($"oneHot[{classIndex}] = 1f;");
            }

            writer.Line($"{sum} " + string.Format(call, $"classes.IsEmpty ? {target} : oneHot") + ";");
        }
        else
        {
            writer.Line($"{sum} " + string.Format(call, target) + ";");
        }
    }

    private static void WriteEvaluateRow(IndentedTextWriter writer, NetworkPlan network)
    {
        LayerPlan output = network.Output;
        writer.Line("/// <summary>");
        writer.Line("/// Forward, loss and backward of one row through the layers' straight-line row code, writing every element of");
        writer.Line("/// <c>_gradient</c> (so nothing needs clearing first). Needs accelerated <c>Vector512</c>.");
        writer.Line("/// </summary>");
        writer.Line("/// <returns>The row's loss, as PyTorch's <c>reduction='mean'</c>.</returns>");
        using (writer.Block($"private float EvaluateRow({Names.ReadOnlySpan} x, {Names.ReadOnlySpan} targets, {Names.IntSpan} classes)"))
        {
            writer.Line(network.Training.Loss == Loss.CrossEntropy ? "float scale = 1f;" : "float scale = 1f / OutputSize;");
            writer.Line("float[] scratch = TrainingScratch(0);");
            string previous = "x";
            var inputsOf = new Dictionary<LayerPlan, string>();
            var derivativeOperand = new Dictionary<LayerPlan, string>();

            bool inRegisters = network.TrainingRowInRegisters;
            if (inRegisters)
            {
                // The whole forward pass in registers, which stores each hidden layer's activations and the output's
                // logits (or activations) on the way: the chains of the layers' row methods, so the same bits.
                writer.Line($"{Names.Span} hidden = stackalloc float[HiddenSize];");
                int offset = 0;
                foreach (DenseLayerPlan layer in network.DenseLayers)
                {
                    string a = layer.Name.ToLowerInvariant() + "A";
                    if (layer != output)
                    {
                        writer.Line($"{Names.Span} {a} = hidden.Slice({offset}, {layer.Units});");
                        offset += layer.Units;
                    }
                    else
                    {
                        string kept = network.LossTakesLogits ? "Z" : "A";
                        writer.Line($"{Names.Span} {layer.Name.ToLowerInvariant()}{kept} = new {Names.Span}(scratch, {layer.Name}{kept}, {layer.Units});");
                    }
                }

                string stored = output.Name.ToLowerInvariant() + (network.LossTakesLogits ? "Z" : "A");
                writer.Line("#if NET9_0_OR_GREATER");
                writer.Line($"{RowEmitter.InRegisters512}(x, {stored}, hidden);");
                if (!network.LossTakesLogits && output.Activation == Activation.Softmax)
                {
                    writer.Line($"{Names.Activations}.Softmax({stored}, {stored});");
                }

                writer.Line("#else");
            }

            // Planned only when every layer is dense.
            foreach (DenseLayerPlan layer in network.DenseLayers)
            {
                string z = layer.Name.ToLowerInvariant() + "Z";
                string a = layer.Name.ToLowerInvariant() + "A";
                inputsOf[layer] = previous;
                if (layer.TrainingRowKeepsActivationsOnly)
                {
                    if (!inRegisters)
                    {
                        writer.Line($"{Names.Span} {a} = new {Names.Span}(scratch, {layer.Name}A, {layer.Units});");
                    }

                    if (layer.SharesUnits)
                    {
                        // Not the row method: it reads the packed weights, which every training step makes stale.
                        ForwardEmitter.WriteRowLinear(writer, layer, previous, a, packed: false, shareUnits: true);
                        ForwardEmitter.WriteActivation(writer, layer, a, a, "1");
                    }
                    else
                    {
                        writer.Line($"{layer.Name}Row({previous}, {a});");
                    }

                    derivativeOperand[layer] = a;
                }
                else
                {
                    if (!inRegisters)
                    {
                        writer.Line($"{Names.Span} {z} = new {Names.Span}(scratch, {layer.Name}Z, {layer.Units});");
                    }

                    writer.Line($"{layer.Name}Linear({previous}, {z}, 1);");
                    derivativeOperand[layer] = z;
                    if (!(layer == output && network.LossTakesLogits))
                    {
                        if (!inRegisters)
                        {
                            writer.Line($"{Names.Span} {a} = new {Names.Span}(scratch, {layer.Name}A, {layer.Units});");
                        }

                        ForwardEmitter.WriteActivation(writer, layer, z, a, "1");
                    }
                }

                previous = a;
            }

            if (inRegisters)
            {
                writer.Line("#endif");
            }

            string prediction = network.LossTakesLogits ? output.Name.ToLowerInvariant() + "Z" : output.Name.ToLowerInvariant() + "A";
            writer.Line($"{Names.Span} {output.Name.ToLowerInvariant()}Delta = new {Names.Span}(scratch, {output.Name}Delta, {output.Units});");
            WriteOneHot(writer, network);
            WriteRowLoss(writer, network, "double sum =", prediction, output.Name.ToLowerInvariant() + "Delta", "targets", "classes[0]");
            var layers = network.DenseLayers.ToList();
            for (int k = layers.Count - 1; k >= 0; k--)
            {
                DenseLayerPlan layer = layers[k];
                string delta = layer.Name.ToLowerInvariant() + "Delta";
                if (!(layer == output && network.LossTakesLogits))
                {
                    string a = layer.Name.ToLowerInvariant() + "A";
                    BackwardEmitter.WriteActivationGradient(writer, layer, derivativeOperand[layer], a, delta, "1");
                }

                if (k == 0)
                {
                    writer.Line($"{layer.Name}RowBackward(x, {delta});");
                }
                else
                {
                    string below = layers[k - 1].Name.ToLowerInvariant() + "Delta";
                    writer.Line($"{Names.Span} {below} = new {Names.Span}(scratch, {layers[k - 1].Name}Delta, {layers[k - 1].Units});");
                    writer.Line($"{layer.Name}RowBackward({inputsOf[layer]}, {delta}, {below});");
                }
            }

            writer.Line("return (float)(sum * scale);");
        }

        writer.Line();
    }

    private static void WriteForwardForTraining(IndentedTextWriter writer, NetworkPlan network)
    {
        writer.Line("/// <summary>The forward pass of a block of rows, keeping each layer's z and a for backpropagation.</summary>");
        using (writer.Block($"private void ForwardForTraining({Names.ReadOnlySpan} x, int rows, float[] scratch" + (network.HasTrainingMode ? ", int first, bool training)" : ")")))
        {
            string previous = "x";
            foreach (LayerPlan layer in network.Layers)
            {
                string z = layer.Name.ToLowerInvariant() + "Z";
                string a = layer.Name.ToLowerInvariant() + "A";
                writer.Line($"{Names.Span} {z} = new {Names.Span}(scratch, {layer.Name}Z, rows * {layer.Units});");
                writer.Line($"{Names.Span} {a} = new {Names.Span}(scratch, {layer.Name}A, rows * {layer.Units});");
                LayerEmitter.For(network, layer).WriteTrainingForward(writer, previous, z, a);
                previous = a;
            }
        }

        writer.Line();
    }

    private static void WriteBackward(IndentedTextWriter writer, NetworkPlan network)
    {
        writer.Line("/// <summary>Backpropagates the output delta of the block last run forward, adding its share to <paramref name=\"gradient\"/>.</summary>");
        using (writer.Block($"private void Backward({Names.ReadOnlySpan} x, int rows, float[] scratch, {Names.Span} gradient)"))
        {
            var layers = network.Layers.ToList();
            for (int k = layers.Count - 1; k >= 0; k--)
            {
                LayerPlan layer = layers[k];
                string z = $"new {Names.ReadOnlySpan}(scratch, {layer.Name}Z, rows * {layer.Units})";
                string a = $"new {Names.ReadOnlySpan}(scratch, {layer.Name}A, rows * {layer.Units})";
                string delta = $"new {Names.Span}(scratch, {layer.Name}Delta, rows * {layer.Units})";
                LayerPlan? below = k == 0 ? null : layers[k - 1];
                LayerEmitter.For(network, layer).WriteBackward(
                    writer,
                    below is null ? "x" : $"new {Names.ReadOnlySpan}(scratch, {below.Name}A, rows * {below.Units})",
                    z,
                    a,
                    delta,
                    below is null ? null : $"new {Names.Span}(scratch, {below.Name}Delta, rows * {below.Units})");
            }
        }

        writer.Line();
    }
}
