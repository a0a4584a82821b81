using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CompiledNN.Runtime;

/// <summary>
/// Vector helpers of the perceptron and of the inference-only form's large layers (trainable networks use
/// <see cref="MatrixKernels"/>). Each picks the widest vector the processor
/// accelerates (512, 256 or 128 bits, with fused multiply-add) and falls back to scalar code; the JIT removes the
/// branches that do not apply, so the choice costs nothing per call.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Kernels
{
    /// <summary>The dot product of two vectors of equal length.</summary>
    /// <param name="x">The first vector.</param>
    /// <param name="y">The second vector, as long as <paramref name="x"/>.</param>
    /// <returns><c>Σ x[i] y[i]</c>.</returns>
    public static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException($"Expected vectors of equal length, but they have {x.Length} and {y.Length} elements.", nameof(y));
        }

        ref float a = ref MemoryMarshal.GetReference(x);
        ref float b = ref MemoryMarshal.GetReference(y);
        int length = x.Length;
        if (Vector512.IsHardwareAccelerated && length >= Vector512<float>.Count)
        {
            return Dot<Lanes512, Vector512<float>>(ref a, ref b, length);
        }

        if (Vector256.IsHardwareAccelerated && length >= Vector256<float>.Count)
        {
            return Dot<Lanes256, Vector256<float>>(ref a, ref b, length);
        }

        if (Vector128.IsHardwareAccelerated && length >= Vector128<float>.Count)
        {
            return Dot<Lanes128, Vector128<float>>(ref a, ref b, length);
        }

        return Tail(ref a, ref b, 0, length, 0f);
    }

    /// <summary>The index of the largest value, the first one on ties.</summary>
    /// <param name="values">At least one value.</param>
    /// <returns>The index.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }

    /// <summary>The dot product in registers of one width: two accumulators hide the latency of the fused multiply-add.</summary>
    private static float Dot<TLanes, TVector>(ref float a, ref float b, int length)
        where TLanes : struct, ILanes<TVector>
        where TVector : struct
    {
        int width = TLanes.Count;
        TVector acc0 = TLanes.Zero;
        TVector acc1 = TLanes.Zero;
        int i = 0;
        for (; i <= length - (2 * width); i += 2 * width)
        {
            acc0 = TLanes.MultiplyAdd(TLanes.Load(ref a, i), TLanes.Load(ref b, i), acc0);
            acc1 = TLanes.MultiplyAdd(TLanes.Load(ref a, i + width), TLanes.Load(ref b, i + width), acc1);
        }

        for (; i <= length - width; i += width)
        {
            acc0 = TLanes.MultiplyAdd(TLanes.Load(ref a, i), TLanes.Load(ref b, i), acc0);
        }

        return Tail(ref a, ref b, i, length, TLanes.Sum(TLanes.Add(acc0, acc1)));
    }

    /// <summary>Adds the products of the elements from <paramref name="start"/> that fill no whole register.</summary>
    private static float Tail(ref float a, ref float b, int start, int length, float sum)
    {
        for (int i = start; i < length; i++)
        {
            sum += Unsafe.Add(ref a, i) * Unsafe.Add(ref b, i);
        }

        return sum;
    }
}
