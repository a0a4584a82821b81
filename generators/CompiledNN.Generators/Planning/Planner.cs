using System.Linq;
using CompiledNN.Generators.Helpers;
using CompiledNN.Generators.Model;

namespace CompiledNN.Generators.Planning;

/// <summary>
/// Decides how a network's code runs: every code-shape decision is made here, from the declared sizes and the
/// <see cref="Thresholds"/>, once, so that the emitters only print. A new kind of layer adds its case here.
/// </summary>
internal static class Planner
{
    public static NetworkPlan Plan(NetworkSpec network)
    {
        bool[] straightLine = network.Layers.Select(layer => StraightLine(network.CodeShape, layer)).ToArray();
        bool rowInRegisters = network.Layers.Select((layer, i) => straightLine[i] && layer.Activation is not (Activation.Softplus or Activation.Step)).All(static ok => ok)
            && network.Layers.Sum(static l => l.Inputs * RegisterGroup.ForRow(l.Units).Count) <= Thresholds.MaxInRegisterTerms;
        bool threads = (long)network.Layers.Sum(static l => l.WeightCount) * Thresholds.ChunkRows >= Thresholds.ParallelBlockMultiplyAdds;

        bool lossTakesLogits = network.Training.Loss is Loss.CrossEntropy or Loss.BinaryCrossEntropy;
        var layers = network.Layers.Select((layer, i) =>
        {
            bool sharesUnits = layer.WeightCount >= Thresholds.RowSplitWeights && layer.Units > Thresholds.PanelUnits;
            return new LayerPlan(
                layer,
                StraightLine: straightLine[i],
                SharesUnits: sharesUnits,
                SplitsBatches: sharesUnits && layer.WeightCount >= Thresholds.LayerSplitWeights,

                // Unless every row (and so every batch) runs in registers, where packing would serve nothing.
                PacksForBatches: sharesUnits || (layer.Units >= Thresholds.PanelUnits && layer.WeightCount >= Thresholds.BatchPackWeights && !rowInRegisters),
                PackedRowOnOneThread: layer.Units > Thresholds.OneRowTileUnits,
                RectifiesInKernel: layer.Activation == Activation.ReLU,
                TrainingRowKeepsActivationsOnly: !(i == network.Layers.Count - 1 && lossTakesLogits)
                    && (layer.Activation is Activation.Identity or Activation.ReLU or Activation.Sigmoid or Activation.Tanh or Activation.Softmax
                        || (layer.Activation == Activation.LeakyReLU && layer.Alpha >= 0f)));
        }).ToEquatableArray();

        int hiddenBytes = network.Layers.Take(network.Layers.Count - 1).Sum(static l => l.Units) * sizeof(float);
        return new NetworkPlan(
            network,
            layers,
            Threads: threads,
            RowInRegisters: rowInRegisters,

            // Per-call overhead dominates one row of small layers, which the batch kernels cannot amortise.
            RowBackward: network.Layers.Select((layer, i) => straightLine[i] || layer.Units <= Thresholds.MaxRowBackwardUnits).All(static ok => ok),

            // A step reads and writes a few floats per parameter; one thread would otherwise do it alone after every batch.
            StepsInParallel: threads && network.ParameterCount > Thresholds.ReductionRange,
            RowScratchPooled: hiddenBytes > Thresholds.StackBudgetBytes,
            LossTakesLogits: lossTakesLogits);
    }

    private static bool StraightLine(CodeShape shape, LayerSpec layer) =>
        shape == CodeShape.Unrolled || (shape == CodeShape.Auto && layer.WeightCount <= Thresholds.UnrollWeights);
}
