using System;
using System.Linq;
using CompiledNN.Generators.Helpers;
using CompiledNN.Generators.Model;
using CompiledNN.Runtime;

namespace CompiledNN.Generators.Planning;

/// <summary>
/// Decides how a network's code runs: every code-shape decision is made here, from the declared sizes and the
/// <see cref="Thresholds"/>, once, so that the emitters only print. A new kind of layer adds its case to
/// <see cref="PlanLayer"/>.
/// </summary>
internal static class Planner
{
    public static NetworkPlan Plan(NetworkSpec network)
    {
        // The whole-row fast paths (in registers, the straight-line backward row) are written for dense layers only.
        bool allDense = network.Layers.All(static l => l is DenseSpec);
        bool rowInRegisters = allDense
            && network.Layers.Cast<DenseSpec>().All(layer => StraightLine(network.CodeShape, layer) && layer.Activation is not (Activation.Softplus or Activation.Step))
            && network.Layers.Sum(static l => l.Inputs * RegisterGroup.ForRow(l.Units).Count) <= Thresholds.MaxInRegisterTerms;
        bool threads = (long)network.Layers.Sum(static l => l.MultiplyAdds) * Thresholds.ChunkRows >= Thresholds.ParallelBlockMultiplyAdds;

        bool lossTakesLogits = network.Training.Loss is Loss.CrossEntropy or Loss.BinaryCrossEntropy;
        var layers = network.Layers.Select((layer, i) => PlanLayer(network, layer, i + 1 < network.Layers.Count ? network.Layers[i + 1] : null, rowInRegisters, lossTakesLogits)).ToEquatableArray();

        int hiddenBytes = network.Layers.Take(network.Layers.Count - 1).Sum(static l => l.Units) * sizeof(float);

        // Per-call overhead dominates one row of small layers, which the batch kernels cannot amortise.
        bool rowBackward = allDense && layers.Cast<DenseLayerPlan>().All(static layer => layer.StraightLine || layer.Units <= Thresholds.MaxRowBackwardUnits);
        return new NetworkPlan(
            network,
            layers,
            Threads: threads,
            RowInRegisters: rowInRegisters,

            // Each output is the same chain in lanes of rows as in lanes of units, so the same bits. Larger networks gain
            // while a block's lines of inputs stay in L1 across the tiles of units.
            BatchInLanes: allDense && (rowInRegisters || network.Layers.All(static l => l.Inputs <= Thresholds.LanesMaxWidth && l.Units <= Thresholds.LanesMaxWidth)),

            RowBackward: rowBackward,

            // The row in registers keeps what backpropagation reads when every hidden layer's derivative is computable from
            // its activations and the output's value is the one it stores (the logits of a Softmax, which it leaves to the caller).
            TrainingRowInRegisters: rowInRegisters && rowBackward
                && layers.Take(layers.Count - 1).Cast<DenseLayerPlan>().All(static layer => layer.TrainingRowKeepsActivationsOnly)
                && (lossTakesLogits
                    ? network.Layers[network.Layers.Count - 1].Activation is Activation.Softmax or Activation.Identity
                    : ((DenseLayerPlan)layers[layers.Count - 1]).TrainingRowKeepsActivationsOnly),

            // A step reads and writes a few floats per parameter; one thread would otherwise do it alone after every batch.
            // A network that trains a batch as one block (batch normalisation) steps on the calling thread too.
            StepsInParallel: threads && network.ParameterCount > Thresholds.ReductionRange && network.BufferCount == 0,
            RowScratchPooled: hiddenBytes > Thresholds.StackBudgetBytes,
            LossTakesLogits: lossTakesLogits);
    }

    /// <summary>One layer's plan: the case of its kind.</summary>
    private static LayerPlan PlanLayer(NetworkSpec network, LayerSpec layer, LayerSpec? next, bool rowInRegisters, bool lossTakesLogits) => layer switch
    {
        DenseSpec dense => PlanDense(network, dense, rowInRegisters, lossTakesLogits),
        DropoutSpec dropout => new DropoutLayerPlan(dropout),
        ConvolutionSpec convolution => PlanConvolution(convolution, next),
        PoolingSpec pooling => new PoolingLayerPlan(pooling),
        FlattenSpec flatten => new FlattenLayerPlan(flatten),
        NormalizationSpec normalization => new NormalizationLayerPlan(normalization),
        _ => throw new ArgumentException("No plan for a layer of kind " + layer.Kind + ".", nameof(layer)),
    };

    private static ConvolutionLayerPlan PlanConvolution(ConvolutionSpec convolution, LayerSpec? next)
    {
        bool lowered = convolution.MultiplyAdds >= Thresholds.LoweredConvolutionMultiplyAdds;
        bool rectifies = lowered && convolution.Activation == Activation.ReLU;

        // The lowered kernel pools 2×2 windows two apart as it stores a ReLU layer's image rows.
        bool poolsWithNext = rectifies && convolution.Dimensions == 2
            && next is PoolingSpec { Pooling: PoolingKind.Max, Global: false, WindowHeight: 2, WindowWidth: 2, StrideHeight: 2, StrideWidth: 2 };

        // Whole shares of the widest register tile's 4 filters, two or more of them.
        bool sharesFilters = lowered && convolution.MultiplyAdds >= Thresholds.FilterSplitMultiplyAdds
            && convolution.Filters >= 8 && convolution.Filters % 4 == 0;
        return new ConvolutionLayerPlan(convolution, lowered, rectifies, poolsWithNext, sharesFilters);
    }

    private static DenseLayerPlan PlanDense(NetworkSpec network, DenseSpec layer, bool rowInRegisters, bool lossTakesLogits)
    {
        bool sharesUnits = layer.WeightCount >= Thresholds.RowSplitWeights && layer.Units > Thresholds.PanelUnits;
        return new DenseLayerPlan(
            layer,
            StraightLine: StraightLine(network.CodeShape, layer),
            // A straight-line layer's one-row multiply-adds are loops over its inputs (as fast, in a fraction of the code)
            // unless CodeShape.Unrolled asks for one statement per multiply-add.
            RowLoops: !StraightLine(network.CodeShape, layer) || network.CodeShape != CodeShape.Unrolled,
            SharesUnits: sharesUnits,
            SplitsBatches: sharesUnits && layer.WeightCount >= Thresholds.LayerSplitWeights,

            // Unless every row (and so every batch) runs in registers, where packing would serve nothing.
            PacksForBatches: sharesUnits || (layer.Units >= Thresholds.PanelUnits && layer.WeightCount >= Thresholds.BatchPackWeights && !rowInRegisters),
            PackedRowOnOneThread: layer.Units > Thresholds.OneRowTileUnits,
            RectifiesInKernel: layer.Activation == Activation.ReLU,
            TrainingRowKeepsActivationsOnly: !(layer == network.Output && lossTakesLogits)
                && (layer.Activation is Activation.Identity or Activation.ReLU or Activation.Sigmoid or Activation.Tanh or Activation.Softmax
                    || (layer.Activation == Activation.LeakyReLU && layer.Alpha >= 0f)));
    }

    // A layer the kernels sum in interleaved chains is never straight-line code, which sums one chain a unit.
    private static bool StraightLine(CodeShape shape, DenseSpec layer) =>
        !KernelShape.SumsInterleaved(layer.Inputs, layer.Units)
        && (shape == CodeShape.Unrolled || (shape == CodeShape.Auto && layer.WeightCount <= Thresholds.UnrollWeights));
}
