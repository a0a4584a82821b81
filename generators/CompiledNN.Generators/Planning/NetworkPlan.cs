using System.Collections.Generic;
using System.Linq;
using CompiledNN.Generators.Helpers;
using CompiledNN.Generators.Model;

namespace CompiledNN.Generators.Planning;

/// <summary>
/// How a network's code runs, decided once from its <see cref="NetworkSpec"/> by the <see cref="Planner"/>: per layer,
/// how one row, a batch and the backward pass run; per network, threads, scratch and the optimizer step. The emitters
/// only print what it says. It compares by value, so the incremental pipeline skips the emitters when it is unchanged.
/// </summary>
/// <param name="Spec">The network as declared.</param>
/// <param name="Layers">Each layer's plan, in declaration order.</param>
/// <param name="Threads">Batches are shared between threads by default (<c>MaxDegreeOfParallelism</c> starts at the processor count).</param>
/// <param name="RowInRegisters">One row's whole forward pass is one method that keeps every layer's units in registers (with AVX-512; with AVX2 too, see <see cref="RowInRegisters256"/>).</param>
/// <param name="BatchInLanes">
/// Batches run with their rows in the registers' lanes (<c>RowsInLanes</c>): a network small enough for the row in
/// registers has too few units per layer to keep the multiply-adds busy with its units alone, and a network of layers
/// up to <see cref="Thresholds.LanesMaxWidth"/> wide gains too, its lines of inputs staying in L1.
/// </param>
/// <param name="RowBackward">One training row goes through straight-line backward code instead of the batch kernels.</param>
/// <param name="TrainingRowInRegisters">
/// One training row's forward pass is the row in registers, which then also stores every hidden layer's activations;
/// otherwise the layers' row methods.
/// </param>
/// <param name="StepsInParallel">The optimizer steps ranges of parameters on several threads.</param>
/// <param name="RowScratchPooled">One row's hidden activations exceed the stack budget and live in the thread's scratch.</param>
/// <param name="LossTakesLogits">The loss fuses the output activation (cross-entropy with Softmax or Sigmoid) and takes the logits.</param>
internal sealed record NetworkPlan(
    NetworkSpec Spec,
    EquatableArray<LayerPlan> Layers,
    bool Threads,
    bool RowInRegisters,
    bool BatchInLanes,
    bool RowBackward,
    bool TrainingRowInRegisters,
    bool StepsInParallel,
    bool RowScratchPooled,
    bool LossTakesLogits)
{
    /// <summary>
    /// The row in registers also has a 256-bit form (AVX2 and FMA), where its registers of 8 floats, about twice as many
    /// multiply-adds, stay within <see cref="Thresholds.MaxInRegisterTerms"/>.
    /// </summary>
    public bool RowInRegisters256 => RowInRegisters
        && DenseLayers.Sum(static l => l.Inputs * RegisterGroup.ForRow(l.Units, widest: 8).Count) <= Thresholds.MaxInRegisterTerms;

    /// <summary>
    /// The row in registers has a register of 16 floats (a layer of 16 units or more), so its 256-bit form is a method of
    /// its own; without one, both forms are the same code, written once.
    /// </summary>
    public bool RowInRegistersUses512 => DenseLayers.Any(static l => l.Units >= 16);

    /// <summary>
    /// A batch in lanes pads its last line of rows to a whole register, cheap next to a small network's rows one by one;
    /// a larger network runs only whole lines in lanes and the rest layer by layer.
    /// </summary>
    public bool PadsLanes => RowInRegisters;

    /// <summary>
    /// The row in registers of this register width (16 or 8 floats) sums in loops over the inputs rather than one statement
    /// per multiply-add: only past <see cref="Thresholds.InRegisterLoopTerms"/> multiply-adds of that form.
    /// </summary>
    public bool RowInRegistersLoops(int widest) =>
        DenseLayers.Sum(l => l.Inputs * RegisterGroup.ForRow(l.Units, widest).Count) > Thresholds.InRegisterLoopTerms;

    /// <summary>
    /// The layers' row methods carry straight-line AVX-512 code: one row's forward pass calls them when it does not run in
    /// registers, and training's row when it does not either; otherwise they are only the fallback through the kernels.
    /// </summary>
    public bool LayerRowsStraightLine => !RowInRegisters || (RowBackward && !TrainingRowInRegisters);

    /// <summary>The dense layers, in declaration order.</summary>
    public IEnumerable<DenseLayerPlan> DenseLayers => Layers.OfType<DenseLayerPlan>();

    /// <summary>Some layer's batches share its units between threads, so batches keep their rows together.</summary>
    public bool SplitsLayers => DenseLayers.Any(static l => l.SplitsBatches);

    /// <summary>Batches hand blocks of rows to other threads.</summary>
    public bool SharesRows => Threads && !SplitsLayers;

    /// <summary>Training draws random masks (dropout), from a generator the network seeds and counts calls with.</summary>
    public bool DrawsMasks => Layers.Any(static l => l is DropoutLayerPlan);

    /// <summary>
    /// Some layer normalises with the statistics of the whole training batch (batch normalisation), which couples its
    /// rows: training, <c>ComputeLoss</c> and the gradients run each batch as one block on the calling thread, with
    /// scratch grown to the largest batch seen, so results do not depend on <c>MaxDegreeOfParallelism</c>.
    /// </summary>
    public bool TrainsWholeBatch => Spec.BufferCount > 0;

    /// <summary>Training's forward pass runs differently for gradients (PyTorch's <c>train()</c>) than for <c>ComputeLoss</c> (<c>eval()</c>): dropout or batch normalisation.</summary>
    public bool HasTrainingMode => DrawsMasks || TrainsWholeBatch;

    /// <summary>The batch normalisation layers, in declaration order.</summary>
    public IEnumerable<NormalizationLayerPlan> BatchNormalizations => Layers.OfType<NormalizationLayerPlan>().Where(static l => l.Normalization.IsBatch);

    /// <summary>Some layers keep a copy of their weights packed in panels.</summary>
    public bool HasPackedWeights => DenseLayers.Any(static l => l.PacksForBatches);

    /// <summary>The hidden layers' units: a row's forward pass keeps this many activations.</summary>
    public int HiddenSize => Layers.Take(Layers.Count - 1).Sum(static l => l.Units);

    /// <summary>The output layer.</summary>
    public LayerPlan Output => Layers[Layers.Count - 1];

    public TypeHierarchy Type => Spec.Type;

    public int InputSize => Spec.InputSize;

    public int OutputSize => Spec.OutputSize;

    public int ParameterCount => Spec.ParameterCount;

    public TrainingSpec Training => Spec.Training;

    public WeightsSpec? Weights => Spec.Weights;

    /// <summary>The prefix of the exported C functions, or null.</summary>
    public string? NativeExport => Spec.NativeExport;

    /// <summary>The architecture as users write it, e.g. <c>4-16-16-3</c>.</summary>
    public string Shape => Spec.Shape;
}
