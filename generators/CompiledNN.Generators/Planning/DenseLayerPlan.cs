using CompiledNN.Generators.Model;

namespace CompiledNN.Generators.Planning;

/// <summary>
/// How a dense layer's code runs: one row, a batch and the backward pass, and where its activation is applied.
/// </summary>
/// <param name="Dense">The layer as declared.</param>
/// <param name="StraightLine">One row is straight-line SIMD code with constant offsets; otherwise the matrix kernels.</param>
/// <param name="RowLoops">
/// One row's multiply-adds, forward and backward, are loops over the inputs with constant bounds, one statement per
/// register; otherwise one statement per input (straight-line layers only: the kernels loop anyway).
/// </param>
/// <param name="SharesUnits">
/// One row may share the layer's units between threads, from packed weights in predictions: it does from
/// <see cref="Thresholds.RowShareWeights"/> on (<see cref="SharesRowBetweenThreads"/>); a smaller layer's row reads the
/// packed weights on one thread where they are wider than a tile (<paramref name="PackedRowOnOneThread"/>).
/// </param>
/// <param name="SplitsBatches">Batches, too, share the layer's units between threads instead of their rows.</param>
/// <param name="PacksForBatches">Batches read a copy of the weights packed in panels.</param>
/// <param name="PackedRowOnOneThread">
/// One row reads the packed weights even on one thread: wider than one tile, it would otherwise take several passes over
/// <c>Wᵀ</c>, each reading part of every row of it.
/// </param>
/// <param name="RectifiesInKernel">The batch kernel applies the ReLU as it stores, saving a pass over the activations.</param>
/// <param name="TrainingRowKeepsActivationsOnly">
/// One training row's forward pass can call the layer's row method, which keeps only the activations: the derivative is
/// computable from them (ReLU's z &gt; 0 is a &gt; 0, LeakyReLU's too for α ≥ 0), and no fused loss needs the logits.
/// </param>
internal sealed record DenseLayerPlan(
    DenseSpec Dense,
    bool StraightLine,
    bool RowLoops,
    bool SharesUnits,
    bool SplitsBatches,
    bool PacksForBatches,
    bool PackedRowOnOneThread,
    bool RectifiesInKernel,
    bool TrainingRowKeepsActivationsOnly) : LayerPlan(Dense)
{
    public Initialization Init => Dense.Init;

    public int WeightCount => Dense.WeightCount;

    /// <summary>One row shares the layer's units between threads (when the network may use more than one).</summary>
    public bool SharesRowBetweenThreads => SharesUnits && WeightCount >= Thresholds.RowShareWeights;

    public int WeightOffset => Dense.WeightOffset;

    public int BiasOffset => Dense.BiasOffset;
}
