using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CompiledNN.Runtime;

/// <summary>
/// One row's pre-activations of a large layer, its units shared between threads: each thread streams its own part of
/// the weights, so a row of a layer too large for one core's L2 cache reads from as many caches as there are threads.
/// Every unit is the same chain of fused multiply-adds as in <see cref="MatrixKernels.Linear"/>, whichever thread computes
/// it, so the result does not depend on the number of threads.
/// </summary>
public static class RowSplit
{
    /// <summary>Units per share are a multiple of this: whole 512-bit registers, each share starting on a cache line of the row.</summary>
    private const int ShareAlignment = 16;

    // One per calling thread, so that concurrent predictions (on one network or several) never share one.
    [ThreadStatic]
    private static Share? t_share;

    /// <summary>
    /// <c>z[j] = b[j] + Σᵢ x[i] Wᵀ[i, j]</c> for one row, on up to <paramref name="workers"/> threads (the calling one
    /// included), where <c>Wᵀ</c> and <c>b</c> lie in <paramref name="parameters"/> at the offsets given.
    /// </summary>
    /// <param name="x">The row's <paramref name="inputs"/> inputs.</param>
    /// <param name="parameters">The array that holds the layer's weights, transposed (<paramref name="inputs"/> × <paramref name="units"/>), and bias.</param>
    /// <param name="weightsOffset">Where the weights start in <paramref name="parameters"/>.</param>
    /// <param name="biasOffset">Where the bias starts in <paramref name="parameters"/>.</param>
    /// <param name="z">Receives the <paramref name="units"/> pre-activations.</param>
    /// <param name="inputs">The layer's inputs.</param>
    /// <param name="units">The layer's units.</param>
    /// <param name="workers">The most threads to use; 1 computes everything on the calling thread.</param>
    public static void Linear(ReadOnlySpan<float> x, float[] parameters, int weightsOffset, int biasOffset, Span<float> z, int inputs, int units, int workers)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (x.Length != inputs || z.Length != units)
        {
            throw new ArgumentException($"Expected {inputs} inputs and {units} outputs, but the spans have {x.Length} and {z.Length}.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        if (weightsOffset < 0 || biasOffset < 0 || weightsOffset + ((long)inputs * units) > parameters.Length || (long)biasOffset + units > parameters.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(parameters), $"The layer's {inputs * units} weights at {weightsOffset} and {units} biases at {biasOffset} do not fit in {parameters.Length} parameters.");
        }

        int perShare = (((units + workers - 1) / workers) + ShareAlignment - 1) / ShareAlignment * ShareAlignment;
        int shares = (units + perShare - 1) / perShare;
        ref float w = ref MemoryMarshal.GetArrayDataReference(parameters);
        if (shares <= 1)
        {
            MatrixKernels.LinearUnits(ref MemoryMarshal.GetReference(x), ref Unsafe.Add(ref w, weightsOffset), ref Unsafe.Add(ref w, biasOffset), ref MemoryMarshal.GetReference(z), 1, inputs, units, 0, units);
            return;
        }

        Share share = t_share ??= new Share();
        share.Set(parameters, weightsOffset, biasOffset, inputs, units, perShare);
        try
        {
            BatchParallelism.Run(share, shares, workers, x, default, default, z);
        }
        finally
        {
            share.Set(null, 0, 0, 0, 0, 0);
        }
    }

    /// <summary>The layer a thread's split row works on; chunk <c>c</c> is units [c · PerShare, (c + 1) · PerShare).</summary>
    private sealed class Share : IChunkWork
    {
        private float[]? _parameters;
        private int _weightsOffset;
        private int _biasOffset;
        private int _inputs;
        private int _units;
        private int _perShare;

        public void Set(float[]? parameters, int weightsOffset, int biasOffset, int inputs, int units, int perShare)
        {
            _parameters = parameters;
            _weightsOffset = weightsOffset;
            _biasOffset = biasOffset;
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
                1,
                _inputs,
                _units,
                first,
                Math.Min(_perShare, _units - first));
        }
    }
}
