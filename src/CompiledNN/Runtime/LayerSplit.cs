using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CompiledNN.Runtime;

/// <summary>
/// A large layer's pre-activations with its units shared between threads: each thread computes every row for its share
/// of the units, so it streams only its share of the weights, and a layer too large for one core's L2 cache is read from
/// as many caches as there are threads (splitting the rows instead would make every thread read all of them). Every unit
/// is the same chain of fused multiply-adds as in <see cref="MatrixKernels.Linear"/>, whichever thread computes it, so
/// the result does not depend on the number of threads. A layer with too few units to share (a batch's small output
/// layer) shares its rows instead, when they are work enough.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class LayerSplit
{
    // Units per share are a multiple of these: whole 512-bit registers for one row; whole panels of four registers,
    // the width of the batch kernel's widest tile, for more.
    private const int RowShareAlignment = 16;
    private const int BatchShareAlignment = 64;

    // A layer too narrow to share its units shares its rows between as many threads as get at least this many products of
    // an input and a weight each: enough work to outweigh handing a share over (docs/performance.md, Threads).
    private const long RowSharingMinProducts = 1L << 17;

    // Rows per share are a multiple of this: whole tiles of 8 rows (narrow layers) and of 4.
    private const int SharedRowsMultiple = 8;

    // One per calling thread, so that concurrent predictions (on one network or several) never share one.
    [ThreadStatic]
    private static Share? t_share;

    /// <summary>
    /// <c>z[r, j] = b[j] + Σᵢ x[r, i] Wᵀ[i, j]</c> on up to <paramref name="workers"/> threads (the calling one included),
    /// where <c>Wᵀ</c> and <c>b</c> lie in <paramref name="parameters"/> at the offsets given.
    /// </summary>
    /// <param name="x">The rows' inputs, <paramref name="rows"/> × <paramref name="inputs"/>.</param>
    /// <param name="parameters">The parameters that hold the layer's weights, transposed (<paramref name="inputs"/> × <paramref name="units"/>), and bias.</param>
    /// <param name="weightsOffset">Where the weights start in <paramref name="parameters"/>.</param>
    /// <param name="biasOffset">Where the bias starts in <paramref name="parameters"/>.</param>
    /// <param name="z">Receives <paramref name="rows"/> × <paramref name="units"/> pre-activations.</param>
    /// <param name="rows">The number of rows.</param>
    /// <param name="inputs">The layer's inputs.</param>
    /// <param name="units">The layer's units.</param>
    /// <param name="workers">The most threads to use, at most <see cref="BatchParallelism.MaxWorkers"/> of them; 1 computes everything on the calling thread.</param>
    /// <param name="rectify">Whether to store <c>max(0, z)</c> (ReLU), each thread as it finishes its share.</param>
    public static void Linear(ReadOnlySpan<float> x, AlignedBuffer parameters, int weightsOffset, int biasOffset, Span<float> z, int rows, int inputs, int units, int workers, bool rectify = false)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        CheckWeights(parameters.Length, weightsOffset, inputs, units, nameof(parameters));
        Run(x, null, parameters, parameters.Start + weightsOffset, biasOffset, z, rows, inputs, units, workers, rows < 4 ? RowShareAlignment : BatchShareAlignment, rectify);
    }

    /// <summary>
    /// <see cref="Linear"/> from weights packed by <see cref="MatrixKernels.Pack"/> (the same bits), each thread taking
    /// whole panels, so that each reads one contiguous share.
    /// </summary>
    /// <param name="x">The rows' inputs, <paramref name="rows"/> × <paramref name="inputs"/>.</param>
    /// <param name="packed">The array that holds the layer's packed weights.</param>
    /// <param name="packedOffset">Where they start in <paramref name="packed"/>.</param>
    /// <param name="parameters">The parameters that hold the layer's bias.</param>
    /// <param name="biasOffset">Where the bias starts in <paramref name="parameters"/>.</param>
    /// <param name="z">Receives <paramref name="rows"/> × <paramref name="units"/> pre-activations.</param>
    /// <param name="rows">The number of rows.</param>
    /// <param name="inputs">The layer's inputs.</param>
    /// <param name="units">The layer's units.</param>
    /// <param name="workers">The most threads to use, at most <see cref="BatchParallelism.MaxWorkers"/> of them; 1 computes everything on the calling thread.</param>
    /// <param name="rectify">Whether to store <c>max(0, z)</c> (ReLU), each thread as it finishes its share.</param>
    public static void LinearPacked(ReadOnlySpan<float> x, float[] packed, int packedOffset, AlignedBuffer parameters, int biasOffset, Span<float> z, int rows, int inputs, int units, int workers, bool rectify = false)
    {
        ArgumentNullException.ThrowIfNull(packed);
        ArgumentNullException.ThrowIfNull(parameters);
        CheckWeights(packed.Length, packedOffset, inputs, units, nameof(packed));
        Run(x, packed, parameters, packedOffset, biasOffset, z, rows, inputs, units, workers, MatrixKernels.PanelUnits, rectify);
    }

    private static void CheckWeights(int length, int offset, int inputs, int units, string name)
    {
        if (offset < 0 || offset + ((long)inputs * units) > length)
        {
            throw new ArgumentOutOfRangeException(name, $"The layer's {(long)inputs * units} weights at {offset} do not fit in {length} values.");
        }
    }

    // weightsOffset indexes the array the weights are read from (packed, or the parameters' own); biasOffset, the parameters.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run(ReadOnlySpan<float> x, float[]? packed, AlignedBuffer parameters, int weightsOffset, int biasOffset, Span<float> z, int rows, int inputs, int units, int workers, int alignment, bool rectify)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 0);
        if (x.Length != (long)rows * inputs || z.Length != (long)rows * units)
        {
            throw new ArgumentException($"Expected {rows} rows of {inputs} inputs and of {units} outputs, but the spans have {x.Length} and {z.Length} elements.");
        }

        if (biasOffset < 0 || (long)biasOffset + units > parameters.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(parameters), $"The layer's {units} biases at {biasOffset} do not fit in {parameters.Length} parameters.");
        }

        // More threads than the pool has would only make empty shares, and a count near int.MaxValue overflows the share sizes.
        workers = Math.Min(workers, BatchParallelism.MaxWorkers);
        int perShare = (((units + workers - 1) / workers) + alignment - 1) / alignment * alignment;
        int shares = (units + perShare - 1) / perShare;
        int rowsPerShare = 0;
        int rowShares = (int)Math.Min(workers, (long)rows * inputs * units / RowSharingMinProducts);
        if (shares <= 1 && rowShares > 1)
        {
            // Too few units to share (one panel, or one register for a row): the rows are shared instead, each thread
            // reading all of the weights, which a layer this narrow has few of.
            rowsPerShare = (((rows + rowShares - 1) / rowShares) + SharedRowsMultiple - 1) / SharedRowsMultiple * SharedRowsMultiple;
            shares = (rows + rowsPerShare - 1) / rowsPerShare;
        }

        Share share = t_share ??= new Share();
        share.Set(packed, parameters.Array, weightsOffset, parameters.Start + biasOffset, rows, inputs, units, perShare, rowsPerShare, rectify);
        if (shares <= 1 || rows == 0)
        {
            share.RunChunk(0, 0, x, z);
        }
        else
        {
            BatchParallelism.Run(share, shares, workers, x, default, default, z);
        }
    }

    /// <summary>
    /// The layer a thread's split works on; chunk <c>c</c> is units [c · perShare, (c + 1) · perShare) of every row, from
    /// the transposed weights in the parameters or, when there are packed weights, from those.
    /// </summary>
    private sealed class Share : IChunkWork
    {
        private float[]? _packed;
        private float[]? _parameters;
        private int _weightsOffset;
        private int _biasOffset;
        private int _rows;
        private int _inputs;
        private int _units;
        private int _perShare;
        private int _rowsPerShare;
        private bool _rectify;

        /// <summary>
        /// Sets the layer, writing nothing when it is the one set last: the helpers read these fields, and a store to their
        /// cache line, even of the same values, makes each of them fetch it again from the calling core. So the share keeps
        /// the last layer's arrays referenced until the thread splits another.
        /// </summary>
        public void Set(float[]? packed, float[] parameters, int weightsOffset, int biasOffset, int rows, int inputs, int units, int perShare, int rowsPerShare, bool rectify)
        {
            if (ReferenceEquals(_packed, packed) && ReferenceEquals(_parameters, parameters) && _weightsOffset == weightsOffset
                && _biasOffset == biasOffset && _rows == rows && _inputs == inputs && _units == units && _perShare == perShare && _rowsPerShare == rowsPerShare && _rectify == rectify)
            {
                return;
            }

            _packed = packed;
            _parameters = parameters;
            _weightsOffset = weightsOffset;
            _biasOffset = biasOffset;
            _rows = rows;
            _inputs = inputs;
            _units = units;
            _perShare = perShare;
            _rowsPerShare = rowsPerShare;
            _rectify = rectify;
        }

        public void RunChunk(int chunk, int worker, in BatchSpans spans) => RunChunk(chunk, worker, spans.Inputs, spans.Outputs);

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void RunChunk(int chunk, int worker, ReadOnlySpan<float> x, Span<float> z)
        {
            int firstUnit = 0;
            int units = _units;
            int firstRow = 0;
            int rows = _rows;
            if (_rowsPerShare > 0)
            {
                firstRow = chunk * _rowsPerShare;
                rows = Math.Min(_rowsPerShare, _rows - firstRow);
            }
            else
            {
                firstUnit = chunk * _perShare;
                units = Math.Min(_perShare, _units - firstUnit);
            }

            ref float p = ref MemoryMarshal.GetArrayDataReference(_parameters!);
            ref float a = ref Unsafe.Add(ref MemoryMarshal.GetReference(x), firstRow * _inputs);
            ref float c = ref Unsafe.Add(ref MemoryMarshal.GetReference(z), firstRow * _units);
            if (_packed is { } packed)
            {
                ref float w = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(packed), _weightsOffset);
                MatrixKernels.LinearPackedUnits(ref a, ref w, ref Unsafe.Add(ref p, _biasOffset), ref c, rows, _inputs, _units, firstUnit, units, _rectify);
            }
            else
            {
                MatrixKernels.LinearUnits(ref a, ref Unsafe.Add(ref p, _weightsOffset), ref Unsafe.Add(ref p, _biasOffset), ref c, rows, _inputs, _units, firstUnit, units, _rectify);
            }
        }
    }
}
