using CompiledNN.Generators.Model;

namespace CompiledNN.Generators.Planning;

/// <summary>
/// How one layer's code runs: one row, a batch and the backward pass, and where its activation is applied. The
/// <see cref="Planner"/> decides it; the emitters print it.
/// </summary>
/// <param name="Spec">The layer as declared.</param>
/// <param name="StraightLine">One row is straight-line SIMD code with constant offsets; otherwise the matrix kernels.</param>
/// <param name="SharesUnits">One row shares the layer's units between threads (from packed weights in predictions).</param>
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
internal sealed record LayerPlan(
    LayerSpec Spec,
    bool StraightLine,
    bool SharesUnits,
    bool SplitsBatches,
    bool PacksForBatches,
    bool PackedRowOnOneThread,
    bool RectifiesInKernel,
    bool TrainingRowKeepsActivationsOnly)
{
    public int Number => Spec.Number;

    /// <summary>The name of the layer in generated code, e.g. <c>Dense2</c>.</summary>
    public string Name => Spec.Name;

    public int Inputs => Spec.Inputs;

    public int Units => Spec.Units;

    public Activation Activation => Spec.Activation;

    public float Alpha => Spec.Alpha;

    public Initialization Init => Spec.Init;

    public int WeightCount => Spec.WeightCount;

    public int WeightOffset => Spec.WeightOffset;

    public int BiasOffset => Spec.BiasOffset;

    public int ParameterCount => Spec.ParameterCount;
}
