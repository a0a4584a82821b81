using System;
using System.Linq;
using CompiledNN.Generators.Emit.Layers;
using CompiledNN.Generators.Model;
using CompiledNN.Generators.Planning;

namespace CompiledNN.Generators.Emit;

/// <summary>
/// Writes the forward pass: <c>Predict</c>, <c>PredictClass</c>, <c>PredictBatch</c>, and one method per layer for
/// its pre-activations <c>z = W x + b</c> — straight-line code for small layers, SIMD dot products for large ones.
/// One method per layer keeps each well below the size at which the JIT stops optimising.
/// </summary>
internal static class ForwardEmitter
{
    /// <summary>Writes the forward pass of a trainable network or, with <see cref="PredictionForm.Baked"/>, of the instance behind an inference-only one.</summary>
    public static void WriteMembers(IndentedTextWriter writer, NetworkPlan network, PredictionForm form)
    {
        WritePrediction(writer, network, form);
        foreach (LayerEmitter layer in LayerEmitter.For(network))
        {
            layer.WriteBatchMembers(writer);
        }

        RowEmitter.WriteMembers(writer, network);
    }

    /// <summary>The activation call for <paramref name="layer"/> from <paramref name="z"/> into <paramref name="a"/>, or null for Identity.</summary>
    public static string? ActivationCall(LayerPlan layer, string z, string a) => layer.Activation switch
    {
        Activation.Identity => null,
        Activation.LeakyReLU or Activation.ELU => $"{Names.Activations}.{layer.Activation}({z}, {a}, {IndentedTextWriter.Float(layer.Alpha)});",
        _ => $"{Names.Activations}.{layer.Activation}({z}, {a});",
    };

    /// <summary>Writes <c>Predict</c>, <c>PredictClass</c>, <c>PredictBatch</c>, the batched kernels, their threads and <c>Forward</c>.</summary>
    private static void WritePrediction(IndentedTextWriter writer, NetworkPlan network, PredictionForm form)
    {
        WritePredict(writer);
        WritePredictClass(writer, network);
        WriteParallelism(writer, network, form);
        WritePredictBatch(writer, network);
        WriteForward(writer, network, form);
    }

    private static void WritePredict(IndentedTextWriter writer)
    {
        using (writer.OptimizedMethod($"public void Predict({Names.ReadOnlySpan} input, {Names.Span} output)"))
        {
            writer.Line($"{Names.Guard}.Length(input, InputSize, nameof(input), \"input features\");");
            writer.Line($"{Names.Guard}.Length(output, OutputSize, nameof(output), \"outputs\");");
            writer.Line("Forward(input, output);");
        }

        writer.Line();
    }

    private static void WritePredictClass(IndentedTextWriter writer, NetworkPlan network)
    {
        LayerPlan output = network.Output;
        if (output.Activation is not (Activation.Softmax or Activation.Sigmoid))
        {
            return;
        }

        bool binary = output.Activation == Activation.Sigmoid && output.Units == 1;
        using (writer.OptimizedMethod($"public int PredictClass({Names.ReadOnlySpan} input)"))
        {
            writer.Line($"{Names.Guard}.Length(input, InputSize, nameof(input), \"input features\");");
            writer.Line($"{Names.Span} output = stackalloc float[OutputSize];");
            writer.Line("Forward(input, output);");
            writer.Line(binary ? "return output[0] >= 0.5f ? 1 : 0;" : $"return {Names.Kernels}.ArgMax(output);");
        }

        writer.Line();
    }

    private static void WriteParallelism(IndentedTextWriter writer, NetworkPlan network, PredictionForm form)
    {
        writer.Line("/// <summary>Rows per block of the batched kernels. Fixed, so that how rows are grouped, and so every result, never depends on the thread count.</summary>");
        writer.Line($"private const int ChunkRows = {Thresholds.ChunkRows};");
        writer.Line();
        writer.Line("/// <summary>Rows per block when <see cref=\"PredictBatch\"/> is split between threads: half a training block, so that 64 rows already use two. Rows never interact in a prediction, so this changes no result.</summary>");
        writer.Line($"private const int ParallelPredictRows = {Thresholds.ParallelPredictRows};");
        writer.Line();
        if (form == PredictionForm.Baked)
        {
            WriteBakedParallelism(writer, network);
            return;
        }

        writer.Line(network.Threads ? $"private int _maxDegreeOfParallelism = {Names.BatchParallelism}.MaxWorkers;" : "private int _maxDegreeOfParallelism = 1;");
        writer.Line();
        using (writer.Block("public int MaxDegreeOfParallelism"))
        {
            writer.Line("get => _maxDegreeOfParallelism;");
            writer.Line("set");
            writer.Line("{");
            using (writer.Indent())
            {
                writer.Line("Sys::ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);");
                writer.Line("_maxDegreeOfParallelism = value;");
            }

            writer.Line("}");
        }

        writer.Line();
        writer.Line("/// <summary>Runs one block of a batch on a worker thread: prediction when there are outputs to write, training otherwise.</summary>");
        using (writer.OptimizedMethod($"void {Names.IChunkWork}.RunChunk(int chunk, int worker, in {Names.BatchSpans} spans)"))
        {
            if (network.SplitsLayers)
            {
                // Predictions split layers, not rows: only training hands out blocks of rows.
                writer.Line("RunTrainingChunk(chunk, worker, in spans);");
            }
            else
            {
                using (writer.Block("if (spans.Outputs.IsEmpty)"))
                {
                    writer.Line("RunTrainingChunk(chunk, worker, in spans);");
                }

                using (writer.Block("else"))
                {
                    writer.Line($"PredictRows(spans.Inputs, spans.Outputs, chunk * ParallelPredictRows, ParallelPredictRows, {Names.BatchParallelism}.ThreadScratch({BatchScratch(network)}));");
                }
            }
        }

        writer.Line();
    }

    /// <summary>
    /// The baked instance's threads: a trainable network's default, the processor count where batches are worth sharing
    /// (it has no setter), and blocks of rows handed out only for predictions.
    /// </summary>
    private static void WriteBakedParallelism(IndentedTextWriter writer, NetworkPlan network)
    {
        if (!network.Threads)
        {
            return;
        }

        writer.Line("/// <summary>The most threads a prediction uses: every processor, a trainable network's default <c>MaxDegreeOfParallelism</c>.</summary>");
        writer.Line($"private readonly int _maxDegreeOfParallelism = {Names.BatchParallelism}.MaxWorkers;");
        writer.Line();
        if (network.SharesRows)
        {
            writer.Line("/// <summary>Predicts one block of a batch on a worker thread.</summary>");
            writer.Line($"void {Names.IChunkWork}.RunChunk(int chunk, int worker, in {Names.BatchSpans} spans) =>");
            writer.Line($"    PredictRows(spans.Inputs, spans.Outputs, chunk * ParallelPredictRows, ParallelPredictRows, {Names.BatchParallelism}.ThreadScratch({BatchScratch(network)}));");
            writer.Line();
        }
    }

    /// <summary>
    /// Writes the pre-activations <paramref name="z"/> of one row <paramref name="x"/>. A layer that
    /// <see cref="DenseLayerPlan.SharesRowBetweenThreads"/> shares its units between threads where <paramref name="shareUnits"/>
    /// says so (a smaller one that <see cref="DenseLayerPlan.PackedRowOnOneThread"/> reads its packed weights on one thread): in
    /// predictions (<paramref name="packed"/>) from the packed copy of its weights; in training (whose parameters change
    /// every step, so a packed copy would be stale each time) from the transposed weights themselves, from
    /// <see cref="LayerPlan.SplitsBatches"/>, where each thread's share of them fits its L2 cache. Any other layer is its
    /// <c>DenseNLinear</c>. With <paramref name="rectify"/> (a ReLU layer whose pre-activations nothing reads after) the
    /// kernels store the activations themselves, saving a pass over them.
    /// </summary>
    public static void WriteRowLinear(IndentedTextWriter writer, DenseLayerPlan layer, string x, string z, bool packed, bool shareUnits, bool rectify = false)
    {
        string rectified = rectify ? ", rectify: true" : string.Empty;
        bool threads = layer.SharesRowBetweenThreads;
        if (!(shareUnits && (packed ? layer.SharesUnits && (threads || layer.PackedRowOnOneThread) : layer.SplitsBatches)))
        {
            writer.Line($"{layer.Name}Linear({x}, {z}, 1{rectified});");
            return;
        }

        writer.Line(threads
            ? $"// {Count(layer)} weights" + (layer.SplitsBatches ? ", more than one core's L2 cache holds" : string.Empty)
                + ": each thread streams its own share of them" + (packed ? ", packed in panels." : ".")
            : $"// {Count(layer)} weights, too few to share between threads: one thread reads them packed in panels.");
        string workers = threads ? "_maxDegreeOfParallelism" : "1";
        if (packed)
        {
            // Up to one tile of units, one thread reads the transposed weights whole rows at a time, as the prefetchers
            // like best; wider layers read the packed panels even on one thread (LayerPlan.PackedRowOnOneThread).
            using (writer.Block(layer.PackedRowOnOneThread
                ? "if (PackedWeightsForRow() is { } packed)"
                : $"if ({Names.BatchParallelism}.Shares(_maxDegreeOfParallelism) && PackedWeightsForRow() is {{ }} packed)"))
            {
                writer.Line($"Nnr::LayerSplit.LinearPacked({x}, packed, {layer.Name}Packed, _parameters, {layer.Name}Bias, {z}, 1, {layer.Inputs}, {layer.Units}, {workers}{rectified});");
            }
        }
        else
        {
            using (writer.Block($"if ({Names.BatchParallelism}.Shares(_maxDegreeOfParallelism))"))
            {
                writer.Line($"Nnr::LayerSplit.Linear({x}, _parameters, {layer.Name}Weights, {layer.Name}Bias, {z}, 1, {layer.Inputs}, {layer.Units}, _maxDegreeOfParallelism{rectified});");
            }
        }

        using (writer.Block("else"))
        {
            writer.Line($"{layer.Name}Linear({x}, {z}, 1{rectified});");
        }
    }

    /// <summary>
    /// Writes the pre-activations of a batch's <c>rows</c>. A layer that <see cref="PacksForBatches"/> reads the packed copy
    /// of its weights from 4 rows on (fewer read whole rows of <c>Wᵀ</c>, as one row does). In a network that
    /// <see cref="SplitsLayers"/>, every layer is shared between threads: by units, or, too narrow for that, by rows, where
    /// the work pays for the hand-over (<c>LayerSplit</c> decides). With <paramref name="rectify"/> the kernels store ReLU's
    /// activations themselves.
    /// </summary>
    public static void WriteBatchLinear(IndentedTextWriter writer, NetworkPlan network, DenseLayerPlan layer, string x, string z, bool rectify)
    {
        string rectified = rectify ? ", rectify: true" : string.Empty;
        bool packed = layer.PacksForBatches;
        if (packed)
        {
            string how = network.SplitsLayers && layer.SharesUnits
                ? (layer.SplitsBatches ? ", more than one core's L2 cache holds" : string.Empty) + ": each thread streams its own share of them, packed in panels."
                : ", packed in panels that the kernel reads where they lie.";
            writer.Line($"// {Count(layer)} weights{how}");
        }

        bool split = network.SplitsLayers;
        if (split)
        {
            using (writer.Block($"if ({Names.BatchParallelism}.Shares(_maxDegreeOfParallelism))"))
            {
                writer.Line(packed
                    ? $"Nnr::LayerSplit.LinearPacked({x}, PackedWeights(), {layer.Name}Packed, _parameters, {layer.Name}Bias, {z}, rows, {layer.Inputs}, {layer.Units}, _maxDegreeOfParallelism{rectified});"
                    : $"Nnr::LayerSplit.Linear({x}, _parameters, {layer.Name}Weights, {layer.Name}Bias, {z}, rows, {layer.Inputs}, {layer.Units}, _maxDegreeOfParallelism{rectified});");
            }
        }

        if (packed)
        {
            using (writer.Block(split ? "else if (rows >= 4)" : "if (rows >= 4)"))
            {
                writer.Line($"{Names.MatrixKernels}.LinearPacked({x}, new {Names.ReadOnlySpan}(PackedWeights(), {layer.Name}Packed, {layer.WeightCount}), _parameters.Slice({layer.Name}Bias, {layer.Units}), {z}, rows, {layer.Inputs}, {layer.Units}{rectified});");
            }
        }

        if (split || packed)
        {
            using (writer.Block("else"))
            {
                writer.Line($"{layer.Name}Linear({x}, {z}, rows{rectified});");
            }
        }
        else
        {
            writer.Line($"{layer.Name}Linear({x}, {z}, rows{rectified});");
        }
    }

    private static string Count(DenseLayerPlan layer) => layer.WeightCount.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// For a network with layers that <see cref="PacksForBatches"/>: a copy of their weights packed in panels
    /// (<c>MatrixKernels.Pack</c>), rebuilt by the first batch after the parameters change (or the 17th single prediction),
    /// so that the batch kernels read each panel in place and each thread that shares a layer reads its share in one piece.
    /// </summary>
    private static void WritePackedWeights(IndentedTextWriter writer, NetworkPlan network)
    {
        int offset = WritePackedOffsets(writer, network);
        writer.Line("/// <summary>");
        writer.Line("/// The weights of the layers of 64 units or more packed in panels of 64 units: the batch kernels read each panel where it");
        writer.Line("/// lies, in long blocks, instead of copying it first, and each thread that shares a layer's units reads its share");
        writer.Line($"/// in one piece; built when a batch finds it older than the parameters, or the {Thresholds.AsksBeforeRowPacks + 1}th single prediction since.");
        writer.Line("/// </summary>");
        writer.Line("private float[]? _packed;");
        writer.Line();
        writer.Line("/// <summary>");
        writer.Line("/// Counts the changes of the parameters (<see cref=\"SetParameters\"/>, optimizer steps) twice, as they start and as they end,");
        writer.Line("/// so that it is odd while one is under way; <see cref=\"_packedVersion\"/> is the one packed, always even.");
        writer.Line("/// </summary>");
        writer.Line("private int _parametersVersion;");
        writer.Line();
        writer.Line("private int _packedVersion = -1;");
        writer.Line();
        writer.Line("private readonly object _packLock = new();");
        writer.Line();
        writer.Line("/// <summary>");
        writer.Line("/// The packed weights of the current parameters, packed again if they changed (once, whichever thread asks first). Weights");
        writer.Line("/// packed while a change was under way may mix old and new values: they serve the call that packed them, and are never");
        writer.Line("/// taken for current, so no prediction that starts after the change uses them.");
        writer.Line("/// </summary>");
        using (writer.Block("private float[] PackedWeights()"))
        {
            WriteCurrentPackedWeights(writer);
            using (writer.Block("lock (_packLock)"))
            {
                writer.Line($"float[] packed = _packed ??= new float[{offset}];");
                writer.Line("int version = Sys::Threading.Volatile.Read(ref _parametersVersion);");
                using (writer.Block("if (_packedVersion != version)"))
                {
                    foreach (DenseLayerPlan layer in network.DenseLayers.Where(static l => l.PacksForBatches))
                    {
                        writer.Line($"{Names.MatrixKernels}.Pack(_parameters.Slice({layer.Name}Weights, {layer.WeightCount}), new {Names.Span}(packed, {layer.Name}Packed, {layer.WeightCount}), {layer.Inputs}, {layer.Units});");
                    }

                    writer.Line("// The weights' reads stay before the version is read again: unchanged and even, no change overlapped the packing.");
                    writer.Line("Sys::Threading.Interlocked.MemoryBarrier();");
                    using (writer.Block("if ((version & 1) == 0 && Sys::Threading.Volatile.Read(ref _parametersVersion) == version)"))
                    {
                        if (network.DenseLayers.Any(static l => l.SharesUnits))
                        {
                            writer.Line("_rowsWithoutPacking = 0;");
                        }

                        writer.Line("Sys::Threading.Volatile.Write(ref _packedVersion, version);");
                    }
                }

                writer.Line("return packed;");
            }
        }

        writer.Line();
        if (!network.DenseLayers.Any(static l => l.SharesUnits))
        {
            return;
        }

        writer.Line("/// <summary>Times single predictions asked for the packed weights since they went stale (and read the transposed weights on one thread instead).</summary>");
        writer.Line("private int _rowsWithoutPacking;");
        writer.Line();
        writer.Line("/// <summary>");
        writer.Line($"/// The packed weights for a single prediction, or null while they are stale and have been asked for no more than {Thresholds.AsksBeforeRowPacks} times");
        writer.Line("/// since (once per shared layer of a prediction). Packing costs what 4 to 60 rows gain from it, so single predictions pack");
        writer.Line("/// only once the parameters have stayed put for a few: a caller that alternates training steps and single predictions");
        writer.Line("/// never pays for packing, one that predicts many rows pays once.");
        writer.Line("/// </summary>");
        using (writer.Block("private float[]? PackedWeightsForRow()"))
        {
            WriteCurrentPackedWeights(writer);

            writer.Line($"return Sys::Threading.Interlocked.Increment(ref _rowsWithoutPacking) > {Thresholds.AsksBeforeRowPacks} ? PackedWeights() : null;");
        }

        writer.Line();
    }

    /// <summary>Writes where each packed layer starts in <c>_packed</c>; returns the packed weights' length.</summary>
    private static int WritePackedOffsets(IndentedTextWriter writer, NetworkPlan network)
    {
        int offset = 0;
        foreach (DenseLayerPlan layer in network.DenseLayers.Where(static l => l.PacksForBatches))
        {
            writer.Line($"/// <summary>Where {layer.Name}'s packed weights start in <see cref=\"_packed\"/>.</summary>");
            writer.Line($"private const int {layer.Name}Packed = {offset};");
            writer.Line();
            offset += layer.WeightCount;
        }

        return offset;
    }

    /// <summary>
    /// The baked instance's packed weights: its parameters never change, so they are packed once, when the instance is
    /// created, and single predictions read them from the first row on.
    /// </summary>
    private static void WriteBakedPackedWeights(IndentedTextWriter writer, NetworkPlan network)
    {
        int length = WritePackedOffsets(writer, network);
        writer.Line("/// <summary>The weights of the layers of 64 units or more packed in panels of 64 units, as a trainable network packs them.</summary>");
        writer.Line("private readonly float[] _packed;");
        writer.Line();
        using (writer.Block($"public {FileEmitter.Implementation}()"))
        {
            writer.Line($"_packed = new float[{length}];");
            foreach (DenseLayerPlan layer in network.DenseLayers.Where(static l => l.PacksForBatches))
            {
                writer.Line($"{Names.MatrixKernels}.Pack(_parameters.Slice({layer.Name}Weights, {layer.WeightCount}), new {Names.Span}(_packed, {layer.Name}Packed, {layer.WeightCount}), {layer.Inputs}, {layer.Units});");
            }
        }

        writer.Line();
        writer.Line("/// <summary>The packed weights, never stale: the baked weights do not change.</summary>");
        writer.Line("private float[] PackedWeights() => _packed;");
        writer.Line();
        if (network.DenseLayers.Any(static l => l.SharesUnits))
        {
            writer.Line("/// <summary>The packed weights for a single prediction: already packed, so from the first row on.</summary>");
            writer.Line("private float[]? PackedWeightsForRow() => _packed;");
            writer.Line();
        }
    }

    private static void WriteCurrentPackedWeights(IndentedTextWriter writer)
    {
        using (writer.Block("if (Sys::Threading.Volatile.Read(ref _packedVersion) == Sys::Threading.Volatile.Read(ref _parametersVersion) && _packed is { } current)"))
        {
            writer.Line("return current;");
        }
    }

    private static void WritePredictBatch(IndentedTextWriter writer, NetworkPlan network)
    {
        using (writer.OptimizedMethod($"public void PredictBatch({Names.ReadOnlySpan} inputs, {Names.Span} outputs)"))
        {
            writer.Line($"int rows = {Names.Guard}.Rows(inputs, InputSize, nameof(inputs), \"input features\");");
            writer.Line($"{Names.Guard}.Rows(outputs, rows, OutputSize, nameof(outputs), \"outputs\");");
            if (network.SplitsLayers)
            {
                writer.Line("// The rows stay together: the large layers share their units between threads, each streaming its share of the weights once for all rows.");
            }
            else if (network.Threads)
            {
                using (writer.Block($"if (rows > ParallelPredictRows && {Names.BatchParallelism}.Shares(_maxDegreeOfParallelism))"))
                {
                    writer.Line($"{Names.BatchParallelism}.Run(this, (rows + ParallelPredictRows - 1) / ParallelPredictRows, _maxDegreeOfParallelism, inputs, default, default, outputs);");
                    writer.Line("return;");
                }
            }

            writer.Line($"float[] scratch = {Names.BatchParallelism}.ThreadScratch({BatchScratch(network)});");
            using (writer.Block("for (int first = 0; first < rows; first += ChunkRows)"))
            {
                writer.Line("PredictRows(inputs, outputs, first, ChunkRows, scratch);");
            }
        }

        writer.Line();
        writer.Line("/// <summary>Predicts the block of at most <paramref name=\"blockRows\"/> rows that starts at row <paramref name=\"first\"/>.</summary>");
        using (writer.OptimizedMethod($"private void PredictRows({Names.ReadOnlySpan} inputs, {Names.Span} outputs, int first, int blockRows, float[] scratch)"))
        {
            writer.Line("int rows = Sys::Math.Min(blockRows, (inputs.Length / InputSize) - first);");
            writer.Line("Forward(inputs.Slice(first * InputSize, rows * InputSize), outputs.Slice(first * OutputSize, rows * OutputSize), rows, scratch);");
        }

        writer.Line();
    }

    private static void WriteForward(IndentedTextWriter writer, NetworkPlan network, PredictionForm form)
    {
        if (network.HasPackedWeights && form == PredictionForm.Baked)
        {
            WriteBakedPackedWeights(writer, network);
        }
        else if (network.HasPackedWeights)
        {
            WritePackedWeights(writer, network);
        }

        int hidden = network.HiddenSize;
        writer.Line($"/// <summary>The hidden layers' units; a row's forward pass keeps this many activations.</summary>");
        writer.Line($"private const int HiddenSize = {hidden};");
        writer.Line();
        bool inRegisters = network.RowInRegisters;
        writer.Line(inRegisters
            ? $"/// <summary>The forward pass of one checked row: in registers with AVX-512{(network.RowInRegisters256 ? " or AVX2" : "")}; elsewhere layer by layer, with its hidden activations on the stack.</summary>"
            : "/// <summary>The forward pass of one checked row, layer by layer, with its hidden activations on the stack or, past the stack budget, from the pool.</summary>");
        using (writer.OptimizedMethod($"private void Forward({Names.ReadOnlySpan} input, {Names.Span} output)"))
        {
            if (inRegisters)
            {
                WriteInRegistersBranch(writer, network, method => [$"{method}(input, output{NoHidden(network, method)});", .. SoftmaxOnOutput(network)]);
            }

            bool pooled = network.RowScratchPooled;
            if (pooled)
            {
                writer.Line($"// {hidden * sizeof(float)} bytes of hidden activations exceed the {Thresholds.StackBudgetBytes}-byte stack budget, so they live in this thread's scratch.");
                writer.Line($"{Names.Span} scratch = {Names.BatchParallelism}.ThreadScratch(HiddenSize);");
            }
            else
            {
                writer.Line($"{Names.Span} scratch = stackalloc float[{hidden}];");
            }

            int offset = 0;
            string previous = "input";
            string? pooledInput = null;
            LayerPlan[] layers = [.. network.Layers];
            for (int i = 0; i < layers.Length; i++)
            {
                LayerPlan layer = layers[i];
                string activations = layer == network.Output ? "output" : $"scratch.Slice({offset}, {layer.Units})";
                WritePrediction(writer, network, layers, i, ref pooledInput, previous, activations, "1");
                previous = activations;
                offset += layer.Units;
            }
        }

        writer.Line();
        if (network.BatchInLanes)
        {
            WriteForwardInLanes(writer, network);
        }

        writer.Line("/// <summary>The forward pass of <paramref name=\"rows\"/> rows: each layer's activations, rows × units in <paramref name=\"scratch\"/>, feed the next; the last layer writes the output.</summary>");
        using (writer.OptimizedMethod($"private void Forward({Names.ReadOnlySpan} input, {Names.Span} output, int rows, {Names.Span} scratch)"))
        {
            if (network.BatchInLanes && network.PadsLanes)
            {
                writer.Line($"// From {Thresholds.LanesFromRows} rows, in lanes (the last line's rows padded); fewer take less time one by one in registers.");
                using (writer.Block($"if (rows >= {Thresholds.LanesFromRows})"))
                {
                    writer.Line("ForwardInLanes(input, output, rows, scratch);");
                    writer.Line("return;");
                }
            }
            else if (network.BatchInLanes)
            {
                writer.Line("// Whole lines of rows in lanes; the rest, fewer than a line, layer by layer (the same bits either way).");
                writer.Line($"int inLanes = rows / {Names.RowsInLanes}.RowMultiple * {Names.RowsInLanes}.RowMultiple;");
                using (writer.Block("if (inLanes > 0)"))
                {
                    writer.Line("ForwardInLanes(input.Slice(0, inLanes * InputSize), output.Slice(0, inLanes * OutputSize), inLanes, scratch);");
                    using (writer.Block("if (inLanes == rows)"))
                    {
                        writer.Line("return;");
                    }

                    writer.Line("input = input.Slice(inLanes * InputSize);");
                    writer.Line("output = output.Slice(inLanes * OutputSize);");
                    writer.Line("rows -= inLanes;");
                }
            }

            if (inRegisters)
            {
                writer.Line("// Row by row through Predict's code, so that a batch gives Predict's bits; the softmax once every row is stored, so that");
                writer.Line("// nothing stands between one row's chains of multiply-adds and the next's, which the processor then overlaps.");
                WriteInRegistersBranch(writer, network, method => [
                    "for (int row = 0; row < rows; row++)", "{", $"    {method}(input.Slice(row * InputSize, InputSize), output.Slice(row * OutputSize, OutputSize){NoHidden(network, method)});", "}",
                    .. SoftmaxOnRows(network)]);
            }

            int offset = 0;
            string previous = "input";
            string? pooledInput = null;
            LayerPlan[] layers = [.. network.Layers];
            for (int i = 0; i < layers.Length; i++)
            {
                LayerPlan layer = layers[i];
                string activations = layer == network.Output ? "output" : layer.Name.ToLowerInvariant();
                if (layer != network.Output)
                {
                    writer.Line($"{Names.Span} {activations} = scratch.Slice({offset} * rows, {layer.Units} * rows);");
                    offset += layer.Units;
                }

                WritePrediction(writer, network, layers, i, ref pooledInput, previous, activations, "rows");
                previous = activations;
            }
        }

        writer.Line();
    }

    /// <summary>
    /// Writes layer <paramref name="i"/> of a prediction; a convolution that pools in its kernel
    /// (<see cref="ConvolutionLayerPlan.PoolsWithNext"/>) is written with the pooling after it, which reads its input
    /// (kept in <paramref name="pooledInput"/>) and its activations as room to work in.
    /// </summary>
    private static void WritePrediction(IndentedTextWriter writer, NetworkPlan network, LayerPlan[] layers, int i, ref string? pooledInput, string previous, string activations, string rows)
    {
        LayerPlan layer = layers[i];
        if (layer is ConvolutionLayerPlan { PoolsWithNext: true })
        {
            writer.Line($"// {layer.Name} runs with {layers[i + 1].Name}, below.");
            pooledInput = previous;
        }
        else if (pooledInput is not null)
        {
            var convolution = (ConvolutionEmitter)LayerEmitter.For(network, layers[i - 1]);
            convolution.WritePooledPrediction(writer, (PoolingLayerPlan)layer, pooledInput, previous, activations, rows);
            pooledInput = null;
        }
        else if (rows == "1")
        {
            LayerEmitter.For(network, layer).WriteRow(writer, previous, activations);
        }
        else
        {
            LayerEmitter.For(network, layer).WriteBatch(writer, previous, activations);
        }
    }

    /// <summary>The floats of a thread's scratch for one block of a batch: the hidden layers' rows, and in lanes the inputs' and outputs' too.</summary>
    private static string BatchScratch(NetworkPlan network) => network.BatchInLanes ? "(InputSize + HiddenSize + OutputSize) * ChunkRows" : "HiddenSize * ChunkRows";

    /// <summary>
    /// The forward pass of a batch with its rows in the registers' lanes (<see cref="NetworkPlan.BatchInLanes"/>): the
    /// inputs transposed into lines of rows, each layer's lines feeding the next, the output transposed back.
    /// </summary>
    private static void WriteForwardInLanes(IndentedTextWriter writer, NetworkPlan network)
    {
        writer.Line("/// <summary>The forward pass of <paramref name=\"rows\"/> rows with the rows in the registers' lanes: each unit's line of rows in <paramref name=\"scratch\"/> feeds the next layer; each output is the chain Predict computes, so the same bits.</summary>");
        using (writer.OptimizedMethod($"private void ForwardInLanes({Names.ReadOnlySpan} input, {Names.Span} output, int rows, {Names.Span} scratch)"))
        {
            writer.Line($"int stride = {Names.RowsInLanes}.Stride(rows);");
            writer.Line($"{Names.Span} lines = scratch.Slice(0, InputSize * stride);");
            writer.Line($"{Names.RowsInLanes}.Transpose(input, lines, rows, InputSize);");
            int offset = network.InputSize;
            string previous = "lines";
            foreach (DenseLayerPlan layer in network.DenseLayers)
            {
                string activations = layer.Name.ToLowerInvariant();
                bool output = layer == network.Output;
                bool rectify = layer.RectifiesInKernel;
                writer.Line($"{Names.Span} {activations} = scratch.Slice({offset} * stride, {layer.Units} * stride);");
                writer.Line($"{Names.RowsInLanes}.Linear({previous}, _parameters.Slice({layer.Name}Weights, {layer.WeightCount}), _parameters.Slice({layer.Name}Bias, {layer.Units}), {activations}, rows, {layer.Inputs}, {layer.Units}{(rectify ? ", rectify: true" : string.Empty)});");
                if (layer.Activation == Activation.Softmax)
                {
                    writer.Line($"{Names.RowsInLanes}.Softmax({activations}, rows, {layer.Units});");
                }
                else if (!rectify)
                {
                    WriteActivation(writer, layer, activations, activations, "rows");
                }

                if (output)
                {
                    writer.Line($"{Names.RowsInLanes}.Untranspose({activations}, output, rows, OutputSize);");
                }

                previous = activations;
                offset += layer.Units;
            }
        }

        writer.Line();
    }

    /// <summary>The span softmax on the row the row in registers stored, as the layer-by-layer path runs it, so the same bits; nothing for other outputs.</summary>
    private static string[] SoftmaxOnOutput(NetworkPlan network) => network.Output.Activation == Activation.Softmax
        ? [$"{Names.Activations}.Softmax(output, output);"]
        : [];

    /// <summary>The argument a prediction passes for the hidden activations that training's row keeps, where the method takes one.</summary>
    private static string NoHidden(NetworkPlan network, string method) =>
        method == RowEmitter.InRegisters512 && RowEmitter.KeepsHidden(network, widest: 16) ? ", default" : string.Empty;

    /// <summary>The same on each row of a batch, once every row is stored.</summary>
    private static string[] SoftmaxOnRows(NetworkPlan network) => network.Output.Activation == Activation.Softmax
        ? ["for (int row = 0; row < rows; row++)", "{", $"    {Names.Activations}.Softmax(output.Slice(row * OutputSize, OutputSize), output.Slice(row * OutputSize, OutputSize));", "}"]
        : [];

    /// <summary>
    /// Runs the <paramref name="lines"/> that call the row in registers, and returns, when the runtime is .NET 9 or later
    /// (for <c>FusedMultiplyAdd</c>) and the processor has AVX-512, or AVX2 and FMA where the network has the 256-bit
    /// form. Both checks are constants to the JIT and to NativeAOT, which keep only the branch taken.
    /// </summary>
    private static void WriteInRegistersBranch(IndentedTextWriter writer, NetworkPlan network, Func<string, string[]> lines)
    {
        const string Avx512 = "Simd::Vector512.IsHardwareAccelerated";
        const string Avx2 = "Simd::Vector256.IsHardwareAccelerated && Simd::X86.Fma.IsSupported";
        writer.Line("#if NET9_0_OR_GREATER");
        if (!network.RowInRegisters256)
        {
            WriteBranch(Avx512, RowEmitter.InRegisters512);
        }
        else if (!network.RowInRegistersUses512)
        {
            // No register is wider than 8 floats, so one method serves both.
            WriteBranch($"{Avx512} || ({Avx2})", RowEmitter.InRegisters512);
        }
        else
        {
            WriteBranch(Avx512, RowEmitter.InRegisters512);
            WriteBranch(Avx2, RowEmitter.InRegisters256);
        }

        writer.Line("#endif");

        void WriteBranch(string condition, string method)
        {
            using (writer.Block($"if ({condition})"))
            {
                foreach (string line in lines(method))
                {
                    writer.Line(line);
                }

                writer.Line("return;");
            }
        }
    }

    /// <summary>Applies <paramref name="layer"/>'s activation to a block of rows: element-wise at once, Softmax row by row.</summary>
    public static void WriteActivation(IndentedTextWriter writer, LayerPlan layer, string z, string a, string rows)
    {
        if (layer.Activation == Activation.Softmax && rows == "1")
        {
            writer.Line(ActivationCall(layer, z, a)!);
        }
        else if (layer.Activation == Activation.Softmax)
        {
            using (writer.Block($"for (int row = 0; row < {rows}; row++)"))
            {
                writer.Line(ActivationCall(layer, $"{z}.Slice(row * {layer.Units}, {layer.Units})", $"{a}.Slice(row * {layer.Units}, {layer.Units})")!);
            }
        }
        else if (ActivationCall(layer, z, a) is { } call)
        {
            writer.Line(call);
        }
        else if (z != a)
        {
            writer.Line($"{z}.CopyTo({a});");
        }
    }

    /// <summary>Writes a dense layer's <c>DenseNLinear</c>, the matrix kernel over a block of rows.</summary>
    public static void WriteLinear(IndentedTextWriter writer, DenseLayerPlan layer)
    {
        writer.Line($"/// <summary>{layer.Name} pre-activations of a block of rows, z = x Wᵀ + b with W of {layer.Units} × {layer.Inputs}, stored transposed.</summary>");
        // A ReLU layer's forward pass can have the kernel store its activations (rectify); training keeps z apart.
        bool relu = layer.Activation == Activation.ReLU;
        using (writer.OptimizedMethod($"private void {layer.Name}Linear({Names.ReadOnlySpan} x, {Names.Span} z, int rows" + (relu ? ", bool rectify = false)" : ")")))
        {
            writer.Line($"{Names.MatrixKernels}.Linear(x, _parameters.Slice({layer.Name}Weights, {layer.WeightCount}), _parameters.Slice({layer.Name}Bias, {layer.Units}), z, rows, {layer.Inputs}, {layer.Units}" + (relu ? ", rectify);" : ");"));
        }

        writer.Line();
    }
}
