using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CompiledNN.Runtime;

/// <summary>
/// A large layer's pre-activations with its units shared between threads: each thread computes every row for its share
/// of the units, so it streams only its share of the weights, and a layer too large for one core's L2 cache is read from
/// as many caches as there are threads (splitting the rows instead would make every thread read all of them). Every unit
/// is the same chain of fused multiply-adds as in <see cref="MatrixKernels.Linear"/>, whichever thread computes it, so
/// the result does not depend on the number of threads.
/// </summary>
public static class LayerSplit
{
    // Units per share are a multiple of these: whole 512-bit registers for one row; whole panels of four registers,
    // the width of the batch kernel's widest tile, for more.
    private const int RowShareAlignment = 16;
    private const int BatchShareAlignment = 64;

    // One per calling thread, so that concurrent predictions (on one network or several) never share one.
    [ThreadStatic]
    private static Share? t_share;

    /// <summary>
    /// <c>z[r, j] = b[j] + Σᵢ x[r, i] Wᵀ[i, j]</c> on up to <paramref name="workers"/> threads (the calling one included),
    /// where <c>Wᵀ</c> and <c>b</c> lie in <paramref name="parameters"/> at the offsets given.
    /// </summary>
    /// <param name="x">The rows' inputs, <paramref name="rows"/> × <paramref name="inputs"/>.</param>
    /// <param name="parameters">The array that holds the layer's weights, transposed (<paramref name="inputs"/> × <paramref name="units"/>), and bias.</param>
    /// <param name="weightsOffset">Where the weights start in <paramref name="parameters"/>.</param>
    /// <param name="biasOffset">Where the bias starts in <paramref name="parameters"/>.</param>
    /// <param name="z">Receives <paramref name="rows"/> × <paramref name="units"/> pre-activations.</param>
    /// <param name="rows">The number of rows.</param>
    /// <param name="inputs">The layer's inputs.</param>
    /// <param name="units">The layer's units.</param>
    /// <param name="workers">The most threads to use; 1 computes everything on the calling thread.</param>
    public static void Linear(ReadOnlySpan<float> x, float[] parameters, int weightsOffset, int biasOffset, Span<float> z, int rows, int inputs, int units, int workers)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 0);
        if (x.Length != (long)rows * inputs || z.Length != (long)rows * units)
        {
            throw new ArgumentException($"Expected {rows} rows of {inputs} inputs and of {units} outputs, but the spans have {x.Length} and {z.Length} elements.");
        }

        if (weightsOffset < 0 || biasOffset < 0 || weightsOffset + ((long)inputs * units) > parameters.Length || (long)biasOffset + units > parameters.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(parameters), $"The layer's {(long)inputs * units} weights at {weightsOffset} and {units} biases at {biasOffset} do not fit in {parameters.Length} parameters.");
        }

        int alignment = rows < 4 ? RowShareAlignment : BatchShareAlignment;
        int perShare = (((units + workers - 1) / workers) + alignment - 1) / alignment * alignment;
        int shares = (units + perShare - 1) / perShare;
        ref float p = ref MemoryMarshal.GetArrayDataReference(parameters);
        if (shares <= 1 || rows == 0)
        {
            MatrixKernels.LinearUnits(ref MemoryMarshal.GetReference(x), ref Unsafe.Add(ref p, weightsOffset), ref Unsafe.Add(ref p, biasOffset), ref MemoryMarshal.GetReference(z), rows, inputs, units, 0, units);
            return;
        }

        Share share = t_share ??= new Share();
        share.Set(parameters, weightsOffset, biasOffset, rows, inputs, units, perShare);
        try
        {
            BatchParallelism.Run(share, shares, workers, x, default, default, z);
        }
        finally
        {
            share.Set(null, 0, 0, 0, 0, 0, 0);
        }
    }

    /// <summary>The layer a thread's split works on; chunk <c>c</c> is units [c · perShare, (c + 1) · perShare) of every row.</summary>
    private sealed class Share : IChunkWork
    {
        private float[]? _parameters;
        private int _weightsOffset;
        private int _biasOffset;
        private int _rows;
        private int _inputs;
        private int _units;
        private int _perShare;

        public void Set(float[]? parameters, int weightsOffset, int biasOffset, int rows, int inputs, int units, int perShare)
        {
            _parameters = parameters;
            _weightsOffset = weightsOffset;
            _biasOffset = biasOffset;
            _rows = rows;
            _inputs = inputs;
            _units = units;
            _perShare = perShare;
        }

        public void RunChunk(int chunk, int worker, in BatchSpans spans)
        {
            int first = chunk * _perShare;
            ref float p = ref MemoryMarshal.GetArrayDataReference(_parameters!);
            MatrixKernels.LinearUnits(
                ref MemoryMarshal.GetReference(spans.Inputs),
                ref Unsafe.Add(ref p, _weightsOffset),
                ref Unsafe.Add(ref p, _biasOffset),
                ref MemoryMarshal.GetReference(spans.Outputs),
                _rows,
                _inputs,
                _units,
                first,
                Math.Min(_perShare, _units - first));
        }
    }
}
