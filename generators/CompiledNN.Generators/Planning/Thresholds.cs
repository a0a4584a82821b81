using CompiledNN.Runtime;

namespace CompiledNN.Generators.Planning;

/// <summary>
/// Every number the planner decides a network's code shape by, in one place. Each states its rule and its reason; the
/// measurements behind them are in docs/performance.md.
/// </summary>
internal static class Thresholds
{
    /// <summary>Layers with at most this many weights are written as straight-line code; larger ones take the SIMD kernels.</summary>
    public const int UnrollWeights = 1024;

    /// <summary>
    /// The most registers whose chains one such loop carries side by side: 8 chains keep both fused multiply-add pipes busy
    /// through their latency, and leave room for the broadcast inputs among AVX2's 16 registers; a wider layer takes
    /// several loops over its inputs.
    /// </summary>
    public const int LoopRegisters = 8;

    /// <summary>
    /// Multiply-adds of <c>ForwardInRegisters</c> (of its form: 16- or 8-float registers) up to which it is written one
    /// statement per multiply-add, taking each input by a permute with a constant index; beyond, loops. Written out, rows
    /// one after another overlap better; past a few hundred, the JIT spills the written-out method's temporaries
    /// (docs/performance.md, Loops).
    /// </summary>
    public const int InRegisterLoopTerms = 256;

    /// <summary>Most fused multiply-adds in <c>ForwardInRegisters</c>, so that the JIT still optimises the one method.</summary>
    public const int MaxInRegisterTerms = 1024;

    /// <summary>The most units a large layer's one-row backward pass keeps in registers: 16 registers of 16 floats.</summary>
    public const int MaxRowBackwardUnits = 256;

    /// <summary>Hidden activations of one row up to this many bytes live on the stack; more, in the thread's scratch.</summary>
    public const int StackBudgetBytes = 16 * 1024;

    /// <summary>Rows per block of the batched kernels. Fixed, so that how rows are grouped, and so every result, never depends on the thread count.</summary>
    public const int ChunkRows = 64;

    /// <summary>Rows per block of a prediction split between threads: half a training block, so that 64 rows already use two.</summary>
    public const int ParallelPredictRows = ChunkRows / 2;

    /// <summary>
    /// Multiply-adds of one block of <see cref="ChunkRows"/> rows from which batches are shared between threads by default:
    /// a few microseconds of work on one core, against about a microsecond to hand half of it to a spinning helper.
    /// </summary>
    public const long ParallelBlockMultiplyAdds = 1 << 19;

    /// <summary>
    /// Rows of a batch from which a network whose row runs in registers runs the batch with its rows in the registers'
    /// lanes instead: below, the rows one by one cost less than one block of 16 rows in lanes.
    /// </summary>
    public const int LanesFromRows = 8;

    /// <summary>
    /// The most inputs and units of any layer for which a larger network's batches run in lanes: 256 inputs of two
    /// registers of rows, 32 KiB, stay in L1 while each tile of units reads them; wider layers run faster through the
    /// row-major kernels (docs/performance.md).
    /// </summary>
    public const int LanesMaxWidth = 256;

    /// <summary>Weights from which one row of a layer reads the packed copy of them where a tile does not span its units (<see cref="OneRowTileUnits"/>).</summary>
    public const int RowSplitWeights = 1 << 16;

    /// <summary>
    /// Weights from which one row of a layer shares its units between threads, each reading its own share of the packed
    /// weights: 720 KiB. A smaller layer's row takes a few microseconds on one core, too little for a hand-over to another
    /// core and back, whose cost varies with what else that core is doing, to pay reliably (docs/performance.md, One row
    /// on several threads).
    /// </summary>
    public const int RowShareWeights = 45 << 12;

    /// <summary>
    /// Weights from which a batch, too, shares a layer's units between threads instead of its rows: 1 MiB, from which each
    /// thread's share fits its own L2 cache while the whole layer would not.
    /// </summary>
    public const int LayerSplitWeights = 1 << 18;

    /// <summary>Weights from which a layer of at least one panel of units reads a packed copy of them in batches instead of copying each panel first.</summary>
    public const int BatchPackWeights = 1 << 13;

    /// <summary>The units of a panel of packed weights (the runtime's): a layer of no more has nothing to share.</summary>
    public const int PanelUnits = KernelShape.PanelUnits;

    /// <summary>Units of the widest one-row tile: 16 registers of 16 floats; more units take several passes over <c>Wᵀ</c>.</summary>
    public const int OneRowTileUnits = 256;

    /// <summary>
    /// Times single predictions ask for stale packed weights before one packs them: packing costs what 4 to 60 rows gain,
    /// so a caller that changes the parameters between predictions never packs, and one that predicts many rows packs once.
    /// </summary>
    public const int AsksBeforeRowPacks = 16;

    /// <summary>
    /// Multiply-adds per row from which a convolution runs as matrix products over its lowered input (im2col) instead of
    /// the direct loops: 2 to 35 times faster from a few hundred on, while below the lowering's copies outweigh what
    /// the products save (docs/performance.md, Convolutions).
    /// </summary>
    public const int LoweredConvolutionMultiplyAdds = 256;

    /// <summary>
    /// Multiply-adds per row from which one row of a convolution shares its filters between threads: work enough to
    /// outweigh handing a share over (docs/performance.md, "Convolutions against ONNX Runtime and PyTorch").
    /// </summary>
    public const int FilterSplitMultiplyAdds = 1 << 20;

    /// <summary>Parameters per range of the parallel gradient reduction and optimizer step: a multiple of every vector width, a few per thread.</summary>
    public const int ReductionRange = 16384;
}
