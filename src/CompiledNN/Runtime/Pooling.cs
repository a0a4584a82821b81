using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace CompiledNN.Runtime;

/// <summary>
/// Max and average pooling for the generated code, forward and backward, over blocks of rows of
/// <c>[channels, height, width]</c> (a signal has height 1; global average pooling is one window per channel).
/// Windows start at 0, step by the stride and never leave the input, as PyTorch's defaults (no padding, rounding down).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Pooling
{
    /// <summary>Writes each window's largest value; of equal largest values the first in row-major order counts, as PyTorch's.</summary>
    /// <param name="shape">The layer's sizes.</param>
    /// <param name="x">The rows' inputs.</param>
    /// <param name="a">Receives the rows' outputs.</param>
    /// <param name="rows">The number of rows.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MaxForward(in PoolingShape shape, ReadOnlySpan<float> x, Span<float> a, int rows)
    {
        if (PairedColumns(shape) && Vector512.IsHardwareAccelerated && shape.OutputWidth >= 8)
        {
            MaxPairsForward(shape, x, a, rows);
            return;
        }

        if (PairedColumns(shape))
        {
            MaxPairs(shape, x, default, a, rows, forward: true);
            return;
        }

        for (int row = 0; row < rows; row++)
        {
            ReadOnlySpan<float> input = x.Slice(row * shape.InputSize, shape.InputSize);
            Span<float> output = a.Slice(row * shape.OutputSize, shape.OutputSize);
            int o = 0;
            for (int c = 0; c < shape.Channels; c++)
            {
                for (int oh = 0; oh < shape.OutputHeight; oh++)
                {
                    for (int ow = 0; ow < shape.OutputWidth; ow++)
                    {
                        output[o++] = input[ArgMax(shape, input, c, oh, ow)];
                    }
                }
            }
        }
    }

    /// <summary>Routes each window's ∂L/∂a to the input its maximum came from (the first of equal ones), writing ∂L/∂x.</summary>
    /// <param name="shape">The layer's sizes.</param>
    /// <param name="x">The rows' inputs, to find the maxima again.</param>
    /// <param name="delta">The rows' ∂L/∂a.</param>
    /// <param name="inputDelta">Receives the rows' ∂L/∂x, overwritten.</param>
    /// <param name="rows">The number of rows.</param>
    public static void MaxBackward(in PoolingShape shape, ReadOnlySpan<float> x, ReadOnlySpan<float> delta, Span<float> inputDelta, int rows)
    {
        inputDelta.Slice(0, rows * shape.InputSize).Clear();
        if (PairedColumns(shape))
        {
            MaxPairs(shape, x, delta, inputDelta, rows, forward: false);
            return;
        }

        for (int row = 0; row < rows; row++)
        {
            ReadOnlySpan<float> input = x.Slice(row * shape.InputSize, shape.InputSize);
            ReadOnlySpan<float> output = delta.Slice(row * shape.OutputSize, shape.OutputSize);
            Span<float> gradient = inputDelta.Slice(row * shape.InputSize, shape.InputSize);
            int o = 0;
            for (int c = 0; c < shape.Channels; c++)
            {
                for (int oh = 0; oh < shape.OutputHeight; oh++)
                {
                    for (int ow = 0; ow < shape.OutputWidth; ow++)
                    {
                        gradient[ArgMax(shape, input, c, oh, ow)] += output[o++];
                    }
                }
            }
        }
    }

    /// <summary>Writes each window's mean: its sum divided by its size, as PyTorch computes it.</summary>
    /// <param name="shape">The layer's sizes.</param>
    /// <param name="x">The rows' inputs.</param>
    /// <param name="a">Receives the rows' outputs.</param>
    /// <param name="rows">The number of rows.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AverageForward(in PoolingShape shape, ReadOnlySpan<float> x, Span<float> a, int rows)
    {
        float count = shape.WindowHeight * shape.WindowWidth;
        for (int row = 0; row < rows; row++)
        {
            ReadOnlySpan<float> input = x.Slice(row * shape.InputSize, shape.InputSize);
            Span<float> output = a.Slice(row * shape.OutputSize, shape.OutputSize);
            int o = 0;
            for (int c = 0; c < shape.Channels; c++)
            {
                for (int oh = 0; oh < shape.OutputHeight; oh++)
                {
                    for (int ow = 0; ow < shape.OutputWidth; ow++)
                    {
                        float sum = 0f;
                        for (int kh = 0; kh < shape.WindowHeight; kh++)
                        {
                            int start = (((c * shape.Height) + (oh * shape.StrideHeight) + kh) * shape.Width) + (ow * shape.StrideWidth);
                            for (int kw = 0; kw < shape.WindowWidth; kw++)
                            {
                                sum += input[start + kw];
                            }
                        }

                        output[o++] = sum / count;
                    }
                }
            }
        }
    }

    /// <summary>Spreads each window's ∂L/∂a evenly over its inputs, writing ∂L/∂x.</summary>
    /// <param name="shape">The layer's sizes.</param>
    /// <param name="delta">The rows' ∂L/∂a.</param>
    /// <param name="inputDelta">Receives the rows' ∂L/∂x, overwritten.</param>
    /// <param name="rows">The number of rows.</param>
    public static void AverageBackward(in PoolingShape shape, ReadOnlySpan<float> delta, Span<float> inputDelta, int rows)
    {
        float count = shape.WindowHeight * shape.WindowWidth;
        inputDelta.Slice(0, rows * shape.InputSize).Clear();
        for (int row = 0; row < rows; row++)
        {
            ReadOnlySpan<float> output = delta.Slice(row * shape.OutputSize, shape.OutputSize);
            Span<float> gradient = inputDelta.Slice(row * shape.InputSize, shape.InputSize);
            int o = 0;
            for (int c = 0; c < shape.Channels; c++)
            {
                for (int oh = 0; oh < shape.OutputHeight; oh++)
                {
                    for (int ow = 0; ow < shape.OutputWidth; ow++)
                    {
                        float share = output[o++] / count;
                        for (int kh = 0; kh < shape.WindowHeight; kh++)
                        {
                            int start = (((c * shape.Height) + (oh * shape.StrideHeight) + kh) * shape.Width) + (ow * shape.StrideWidth);
                            for (int kw = 0; kw < shape.WindowWidth; kw++)
                            {
                                gradient[start + kw] += share;
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>Whether windows are two columns wide, two apart (2×2 or 2-sample pooling, the common case), which <see cref="MaxPairs"/> computes 4 at a time.</summary>
    private static bool PairedColumns(in PoolingShape shape) =>
        shape.WindowWidth == 2 && shape.StrideWidth == 2 && Vector256.IsHardwareAccelerated && Vector128.IsHardwareAccelerated;

    /// <summary>
    /// Max pooling of windows two columns wide, two apart, 4 windows per vector, without a branch per value: each row of
    /// a window keeps the first of its pair unless the second is larger, then the window keeps the first row's unless a
    /// later row's is larger, which picks the same value, the first largest in row-major order, as <see cref="ArgMax"/>.
    /// <paramref name="forward"/>: writes the maxima into <paramref name="target"/>; otherwise adds each window's ∂L/∂a,
    /// from <paramref name="delta"/>, to its maximum's place in <paramref name="target"/> (in the general path's order).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MaxPairs(in PoolingShape shape, ReadOnlySpan<float> x, ReadOnlySpan<float> delta, Span<float> target, int rows, bool forward)
    {
        Span<float> output = forward ? target : default;
        int quads = shape.OutputWidth / 4;
        Vector256<int> evens = Vector256.Create(0, 2, 4, 6, 0, 2, 4, 6);
        Vector256<int> odds = Vector256.Create(1, 3, 5, 7, 1, 3, 5, 7);
        Vector128<int> steps = Vector128.Create(0, 2, 4, 6);
        int o = 0;
        for (int row = 0; row < rows; row++)
        {
            ReadOnlySpan<float> input = x.Slice(row * shape.InputSize, shape.InputSize);
            Span<float> gradient = forward ? default : target.Slice(row * shape.InputSize, shape.InputSize);
            ref float first = ref MemoryMarshal.GetReference(input);
            for (int c = 0; c < shape.Channels; c++)
            {
                for (int oh = 0; oh < shape.OutputHeight; oh++)
                {
                    int top = ((c * shape.Height) + (oh * shape.StrideHeight)) * shape.Width;
                    for (int q = 0; q < quads; q++, o += 4)
                    {
                        Vector128<float> best = default;
                        Vector128<int> at = default;
                        for (int kh = 0; kh < shape.WindowHeight; kh++)
                        {
                            int start = top + (kh * shape.Width) + (8 * q);
                            Vector256<float> pairs = Vector256.LoadUnsafe(ref first, (nuint)start);
                            Vector128<float> left = Vector256.Shuffle(pairs, evens).GetLower();
                            Vector128<float> right = Vector256.Shuffle(pairs, odds).GetLower();
                            Vector128<float> takeRight = Vector128.GreaterThan(right, left);
                            Vector128<float> larger = Vector128.ConditionalSelect(takeRight, right, left);
                            Vector128<int> index = Vector128.Create(start) + steps - takeRight.AsInt32();
                            if (kh == 0)
                            {
                                (best, at) = (larger, index);
                                continue;
                            }

                            Vector128<float> later = Vector128.GreaterThan(larger, best);
                            best = Vector128.ConditionalSelect(later, larger, best);
                            at = Vector128.ConditionalSelect(later.AsInt32(), index, at);
                        }

                        if (forward)
                        {
                            best.StoreUnsafe(ref MemoryMarshal.GetReference(output), (nuint)o);
                        }
                        else
                        {
                            ref float g = ref MemoryMarshal.GetReference(gradient);
                            for (int i = 0; i < 4; i++)
                            {
                                Unsafe.Add(ref g, at.GetElement(i)) += delta[o + i];
                            }
                        }
                    }

                    for (int ow = 4 * quads; ow < shape.OutputWidth; ow++, o++)
                    {
                        int index = ArgMax(shape, input, c, oh, ow);
                        if (forward)
                        {
                            output[o] = input[index];
                        }
                        else
                        {
                            gradient[index] += delta[o];
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// <see cref="MaxPairs"/>' forward pass, 8 or 16 windows per vector and no indices: the same comparisons in the same order,
    /// so the same values. A row's last 8 or 16 windows end at its last one, overlapping the ones before where the row
    /// is not a whole number of registers wide.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MaxPairsForward(in PoolingShape shape, ReadOnlySpan<float> x, Span<float> a, int rows)
    {
        if (x.Length < rows * shape.InputSize || a.Length < rows * shape.OutputSize)
        {
            throw new ArgumentException($"Max pooling of {rows} rows needs {rows * shape.InputSize} inputs and {rows * shape.OutputSize} outputs, but has {x.Length} and {a.Length}.", nameof(rows));
        }

        ref float input = ref MemoryMarshal.GetReference(x);
        ref float output = ref MemoryMarshal.GetReference(a);
        int last = shape.OutputWidth - 8;
        for (int row = 0; row < rows; row++)
        {
            for (int c = 0; c < shape.Channels; c++)
            {
                for (int oh = 0; oh < shape.OutputHeight; oh++)
                {
                    nint top = (row * shape.InputSize) + (((c * shape.Height) + (oh * shape.StrideHeight)) * shape.Width);
                    nint o = (row * shape.OutputSize) + (((c * shape.OutputHeight) + oh) * shape.OutputWidth);
                    if (Avx512F.IsSupported && shape.OutputWidth >= 16)
                    {
                        SixteenWindows(shape, ref input, top, ref output, o);
                        continue;
                    }

                    for (int ow = 0; ; ow += 8)
                    {
                        int at = Math.Min(ow, last);
                        Vector256<float> best = LargerOfPairs(ref input, top + (2 * at));
                        for (int kh = 1; kh < shape.WindowHeight; kh++)
                        {
                            Vector256<float> larger = LargerOfPairs(ref input, top + (kh * shape.Width) + (2 * at));
                            best = Vector256.ConditionalSelect(Vector256.GreaterThan(larger, best), larger, best);
                        }

                        best.StoreUnsafe(ref output, (nuint)(o + at));
                        if (at == last)
                        {
                            break;
                        }
                    }
                }
            }
        }
    }

    /// <summary>One row of windows 16 at a time (AVX-512's two-register permutes), the last 16 ending at the row's end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SixteenWindows(in PoolingShape shape, ref float input, nint top, ref float output, nint o)
    {
        int last = shape.OutputWidth - 16;
        for (int ow = 0; ; ow += 16)
        {
            int at = Math.Min(ow, last);
            Vector512<float> best = LargerOfPairs16(ref input, top + (2 * at));
            for (int kh = 1; kh < shape.WindowHeight; kh++)
            {
                Vector512<float> larger = LargerOfPairs16(ref input, top + (kh * shape.Width) + (2 * at));
                best = Vector512.ConditionalSelect(Vector512.GreaterThan(larger, best), larger, best);
            }

            best.StoreUnsafe(ref output, (nuint)(o + at));
            if (at == last)
            {
                return;
            }
        }
    }

    /// <summary>Of each of the 16 pairs from <paramref name="start"/> on, the first unless the second is larger.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> LargerOfPairs16(ref float input, nint start) =>
        LargerOfPairs(Vector512.LoadUnsafe(ref input, (nuint)start), Vector512.LoadUnsafe(ref input, (nuint)(start + 16)));

    /// <summary>Of each of the 16 pairs of <paramref name="low"/> then <paramref name="high"/>, the first unless the second is larger (AVX-512).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> LargerOfPairs(Vector512<float> low, Vector512<float> high)
    {
        Vector512<float> left = Avx512F.PermuteVar16x32x2(low, Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30), high);
        Vector512<float> right = Avx512F.PermuteVar16x32x2(low, Vector512.Create(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31), high);
        return Vector512.ConditionalSelect(Vector512.GreaterThan(right, left), right, left);
    }

    /// <summary>Of each of the 8 pairs from <paramref name="start"/> on, the first unless the second is larger.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> LargerOfPairs(ref float input, nint start) => LargerOfPairs(Vector512.LoadUnsafe(ref input, (nuint)start));

    /// <summary>Of each of the 8 pairs of <paramref name="pairs"/>, the first unless the second is larger.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> LargerOfPairs(Vector512<float> pairs)
    {
        Vector256<float> left = Vector512.Shuffle(pairs, Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 0, 2, 4, 6, 8, 10, 12, 14)).GetLower();
        Vector256<float> right = Vector512.Shuffle(pairs, Vector512.Create(1, 3, 5, 7, 9, 11, 13, 15, 1, 3, 5, 7, 9, 11, 13, 15)).GetLower();
        return Vector256.ConditionalSelect(Vector256.GreaterThan(right, left), right, left);
    }

    /// <summary>The index in the row of window (oh, ow) of channel c's largest value, the first of equal ones.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ArgMax(in PoolingShape shape, ReadOnlySpan<float> input, int c, int oh, int ow)
    {
        int best = -1;
        float max = float.NegativeInfinity;
        for (int kh = 0; kh < shape.WindowHeight; kh++)
        {
            int start = (((c * shape.Height) + (oh * shape.StrideHeight) + kh) * shape.Width) + (ow * shape.StrideWidth);
            for (int kw = 0; kw < shape.WindowWidth; kw++)
            {
                float value = input[start + kw];
                if (best < 0 || value > max)
                {
                    best = start + kw;
                    max = value;
                }
            }
        }

        return best;
    }
}
