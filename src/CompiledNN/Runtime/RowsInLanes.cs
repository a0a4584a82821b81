using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace CompiledNN.Runtime;

/// <summary>
/// The forward pass of a block of rows of a small network with the rows, not the units, in the lanes of the registers.
/// Activations are stored transposed, <c>[units, stride]</c> (<see cref="Stride"/>), so that one register holds one
/// unit of several rows and each multiply-add broadcasts one weight. Every output is still one chain from the bias over
/// the inputs in order, so a row gets the bits <see cref="MatrixKernels.Linear"/> and the generated one-row code give
/// it; what changes is how many chains run side by side: a layer's units times its rows' registers, where a small
/// layer's units alone leave the multiply-adds waiting on each other.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class RowsInLanes
{
    /// <summary>Rows per transposed line are padded to a multiple of this: the widest register's lanes.</summary>
    public const int RowMultiple = 16;

    /// <summary>The length of one unit's line of <paramref name="rows"/> rows, padding included.</summary>
    /// <param name="rows">The number of rows.</param>
    /// <returns><paramref name="rows"/> rounded up to a multiple of <see cref="RowMultiple"/>.</returns>
    public static int Stride(int rows) => (rows + RowMultiple - 1) / RowMultiple * RowMultiple;

    /// <summary>Transposes rows into lines, <c>lines[c, r] = rows[r, c]</c>, with zeros in the padding.</summary>
    /// <param name="rows">The rows, <paramref name="rowCount"/> × <paramref name="width"/>.</param>
    /// <param name="lines">Receives <paramref name="width"/> lines of <see cref="Stride"/>(<paramref name="rowCount"/>) values.</param>
    /// <param name="rowCount">The number of rows.</param>
    /// <param name="width">The values per row.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Transpose(ReadOnlySpan<float> rows, Span<float> lines, int rowCount, int width)
    {
        int stride = Stride(rowCount);
        MatrixKernels.Check(rows, rowCount * width, nameof(rows));
        MatrixKernels.Check(lines, width * stride, nameof(lines));
        ref float source = ref MemoryMarshal.GetReference(rows);
        ref float destination = ref MemoryMarshal.GetReference(lines);
        nint blocked = 0;
        if (Avx512F.IsSupported)
        {
            // Whole blocks of 16 rows × 16 columns in registers; the rest, and the padding, one value at a time.
            blocked = rowCount / 16 * 16;
            for (nint r = 0; r < blocked; r += 16)
            {
                for (nint c = 0; c + 16 <= width; c += 16)
                {
                    Transpose16(ref Unsafe.Add(ref source, (r * width) + c), width, ref Unsafe.Add(ref destination, (c * stride) + r), stride);
                }
            }
        }

        for (nint c = 0; c < width; c++)
        {
            ref float line = ref Unsafe.Add(ref destination, c * stride);
            nint r = Avx512F.IsSupported && c < width / 16 * 16 ? blocked : 0;
            for (; r < rowCount; r++)
            {
                Unsafe.Add(ref line, r) = Unsafe.Add(ref source, (r * width) + c);
            }

            for (; r < stride; r++)
            {
                Unsafe.Add(ref line, r) = 0f;
            }
        }
    }

    /// <summary>Writes the transpose of a 16 × 16 block: <c>destination[c, r] = source[r, c]</c>, in four rounds of shuffles.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Transpose16(ref float source, nint sourceStride, ref float destination, nint destinationStride)
    {
        Vector512<float> r0 = Vector512.LoadUnsafe(ref source);
        Vector512<float> r1 = Vector512.LoadUnsafe(ref Unsafe.Add(ref source, sourceStride));
        Vector512<float> r2 = Vector512.LoadUnsafe(ref Unsafe.Add(ref source, 2 * sourceStride));
        Vector512<float> r3 = Vector512.LoadUnsafe(ref Unsafe.Add(ref source, 3 * sourceStride));
        Vector512<float> r4 = Vector512.LoadUnsafe(ref Unsafe.Add(ref source, 4 * sourceStride));
        Vector512<float> r5 = Vector512.LoadUnsafe(ref Unsafe.Add(ref source, 5 * sourceStride));
        Vector512<float> r6 = Vector512.LoadUnsafe(ref Unsafe.Add(ref source, 6 * sourceStride));
        Vector512<float> r7 = Vector512.LoadUnsafe(ref Unsafe.Add(ref source, 7 * sourceStride));
        Vector512<float> r8 = Vector512.LoadUnsafe(ref Unsafe.Add(ref source, 8 * sourceStride));
        Vector512<float> r9 = Vector512.LoadUnsafe(ref Unsafe.Add(ref source, 9 * sourceStride));
        Vector512<float> r10 = Vector512.LoadUnsafe(ref Unsafe.Add(ref source, 10 * sourceStride));
        Vector512<float> r11 = Vector512.LoadUnsafe(ref Unsafe.Add(ref source, 11 * sourceStride));
        Vector512<float> r12 = Vector512.LoadUnsafe(ref Unsafe.Add(ref source, 12 * sourceStride));
        Vector512<float> r13 = Vector512.LoadUnsafe(ref Unsafe.Add(ref source, 13 * sourceStride));
        Vector512<float> r14 = Vector512.LoadUnsafe(ref Unsafe.Add(ref source, 14 * sourceStride));
        Vector512<float> r15 = Vector512.LoadUnsafe(ref Unsafe.Add(ref source, 15 * sourceStride));

        // Pairs of rows interleaved, then pairs of pairs: each 128-bit lane holds a 4 × 4 block, transposed.
        Vector512<float> t0 = Avx512F.UnpackLow(r0, r1), t1 = Avx512F.UnpackHigh(r0, r1);
        Vector512<float> t2 = Avx512F.UnpackLow(r2, r3), t3 = Avx512F.UnpackHigh(r2, r3);
        Vector512<float> t4 = Avx512F.UnpackLow(r4, r5), t5 = Avx512F.UnpackHigh(r4, r5);
        Vector512<float> t6 = Avx512F.UnpackLow(r6, r7), t7 = Avx512F.UnpackHigh(r6, r7);
        Vector512<float> t8 = Avx512F.UnpackLow(r8, r9), t9 = Avx512F.UnpackHigh(r8, r9);
        Vector512<float> t10 = Avx512F.UnpackLow(r10, r11), t11 = Avx512F.UnpackHigh(r10, r11);
        Vector512<float> t12 = Avx512F.UnpackLow(r12, r13), t13 = Avx512F.UnpackHigh(r12, r13);
        Vector512<float> t14 = Avx512F.UnpackLow(r14, r15), t15 = Avx512F.UnpackHigh(r14, r15);
        r0 = Avx512F.Shuffle(t0, t2, 0x44); r1 = Avx512F.Shuffle(t0, t2, 0xEE);
        r2 = Avx512F.Shuffle(t1, t3, 0x44); r3 = Avx512F.Shuffle(t1, t3, 0xEE);
        r4 = Avx512F.Shuffle(t4, t6, 0x44); r5 = Avx512F.Shuffle(t4, t6, 0xEE);
        r6 = Avx512F.Shuffle(t5, t7, 0x44); r7 = Avx512F.Shuffle(t5, t7, 0xEE);
        r8 = Avx512F.Shuffle(t8, t10, 0x44); r9 = Avx512F.Shuffle(t8, t10, 0xEE);
        r10 = Avx512F.Shuffle(t9, t11, 0x44); r11 = Avx512F.Shuffle(t9, t11, 0xEE);
        r12 = Avx512F.Shuffle(t12, t14, 0x44); r13 = Avx512F.Shuffle(t12, t14, 0xEE);
        r14 = Avx512F.Shuffle(t13, t15, 0x44); r15 = Avx512F.Shuffle(t13, t15, 0xEE);

        // Then the 4 × 4 blocks moved across the 128-bit lanes.
        t0 = Avx512F.Shuffle4x128(r0, r4, 0x88); t1 = Avx512F.Shuffle4x128(r1, r5, 0x88);
        t2 = Avx512F.Shuffle4x128(r2, r6, 0x88); t3 = Avx512F.Shuffle4x128(r3, r7, 0x88);
        t4 = Avx512F.Shuffle4x128(r0, r4, 0xDD); t5 = Avx512F.Shuffle4x128(r1, r5, 0xDD);
        t6 = Avx512F.Shuffle4x128(r2, r6, 0xDD); t7 = Avx512F.Shuffle4x128(r3, r7, 0xDD);
        t8 = Avx512F.Shuffle4x128(r8, r12, 0x88); t9 = Avx512F.Shuffle4x128(r9, r13, 0x88);
        t10 = Avx512F.Shuffle4x128(r10, r14, 0x88); t11 = Avx512F.Shuffle4x128(r11, r15, 0x88);
        t12 = Avx512F.Shuffle4x128(r8, r12, 0xDD); t13 = Avx512F.Shuffle4x128(r9, r13, 0xDD);
        t14 = Avx512F.Shuffle4x128(r10, r14, 0xDD); t15 = Avx512F.Shuffle4x128(r11, r15, 0xDD);
        Avx512F.Shuffle4x128(t0, t8, 0x88).StoreUnsafe(ref destination);
        Avx512F.Shuffle4x128(t1, t9, 0x88).StoreUnsafe(ref Unsafe.Add(ref destination, destinationStride));
        Avx512F.Shuffle4x128(t2, t10, 0x88).StoreUnsafe(ref Unsafe.Add(ref destination, 2 * destinationStride));
        Avx512F.Shuffle4x128(t3, t11, 0x88).StoreUnsafe(ref Unsafe.Add(ref destination, 3 * destinationStride));
        Avx512F.Shuffle4x128(t4, t12, 0x88).StoreUnsafe(ref Unsafe.Add(ref destination, 4 * destinationStride));
        Avx512F.Shuffle4x128(t5, t13, 0x88).StoreUnsafe(ref Unsafe.Add(ref destination, 5 * destinationStride));
        Avx512F.Shuffle4x128(t6, t14, 0x88).StoreUnsafe(ref Unsafe.Add(ref destination, 6 * destinationStride));
        Avx512F.Shuffle4x128(t7, t15, 0x88).StoreUnsafe(ref Unsafe.Add(ref destination, 7 * destinationStride));
        Avx512F.Shuffle4x128(t0, t8, 0xDD).StoreUnsafe(ref Unsafe.Add(ref destination, 8 * destinationStride));
        Avx512F.Shuffle4x128(t1, t9, 0xDD).StoreUnsafe(ref Unsafe.Add(ref destination, 9 * destinationStride));
        Avx512F.Shuffle4x128(t2, t10, 0xDD).StoreUnsafe(ref Unsafe.Add(ref destination, 10 * destinationStride));
        Avx512F.Shuffle4x128(t3, t11, 0xDD).StoreUnsafe(ref Unsafe.Add(ref destination, 11 * destinationStride));
        Avx512F.Shuffle4x128(t4, t12, 0xDD).StoreUnsafe(ref Unsafe.Add(ref destination, 12 * destinationStride));
        Avx512F.Shuffle4x128(t5, t13, 0xDD).StoreUnsafe(ref Unsafe.Add(ref destination, 13 * destinationStride));
        Avx512F.Shuffle4x128(t6, t14, 0xDD).StoreUnsafe(ref Unsafe.Add(ref destination, 14 * destinationStride));
        Avx512F.Shuffle4x128(t7, t15, 0xDD).StoreUnsafe(ref Unsafe.Add(ref destination, 15 * destinationStride));
    }

    /// <summary>Transposes lines back into rows, <c>rows[r, c] = lines[c, r]</c>, leaving the padding out.</summary>
    /// <param name="lines"><paramref name="width"/> lines of <see cref="Stride"/>(<paramref name="rowCount"/>) values.</param>
    /// <param name="rows">Receives the rows, <paramref name="rowCount"/> × <paramref name="width"/>.</param>
    /// <param name="rowCount">The number of rows.</param>
    /// <param name="width">The values per row.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Untranspose(ReadOnlySpan<float> lines, Span<float> rows, int rowCount, int width)
    {
        int stride = Stride(rowCount);
        MatrixKernels.Check(lines, width * stride, nameof(lines));
        MatrixKernels.Check(rows, rowCount * width, nameof(rows));
        ref float source = ref MemoryMarshal.GetReference(lines);
        ref float destination = ref MemoryMarshal.GetReference(rows);
        for (nint r = 0; r < rowCount; r++)
        {
            for (nint c = 0; c < width; c++)
            {
                Unsafe.Add(ref destination, (r * width) + c) = Unsafe.Add(ref source, (c * stride) + r);
            }
        }
    }

    /// <summary>The pre-activations of a block of rows, in lines: <c>z[j, r] = b[j] + Σᵢ x[i, r] Wᵀ[i, j]</c>.</summary>
    /// <param name="x">The rows' inputs, <paramref name="inputs"/> lines (<see cref="Transpose"/>).</param>
    /// <param name="weights">The layer's weights transposed, <paramref name="inputs"/> × <paramref name="units"/>.</param>
    /// <param name="bias">The layer's bias, <paramref name="units"/> values.</param>
    /// <param name="z">Receives <paramref name="units"/> lines, the padding included.</param>
    /// <param name="rows">The number of rows.</param>
    /// <param name="inputs">The layer's inputs.</param>
    /// <param name="units">The layer's units.</param>
    /// <param name="rectify">Whether to store <c>max(0, z)</c>, ReLU as <see cref="Activations.ReLU"/> computes it.</param>
    public static void Linear(ReadOnlySpan<float> x, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> z, int rows, int inputs, int units, bool rectify = false)
    {
        int stride = Stride(rows);
        MatrixKernels.Check(x, inputs * stride, nameof(x));
        MatrixKernels.Check(weights, inputs * units, nameof(weights));
        MatrixKernels.Check(bias, units, nameof(bias));
        MatrixKernels.Check(z, units * stride, nameof(z));
        ref float a = ref MemoryMarshal.GetReference(x);
        ref float w = ref MemoryMarshal.GetReference(weights);
        ref float b = ref MemoryMarshal.GetReference(bias);
        ref float c = ref MemoryMarshal.GetReference(z);
        if (Vector512.IsHardwareAccelerated)
        {
            Linear<Lanes512, Vector512<float>>(ref a, ref w, ref b, ref c, stride, inputs, units, rectify);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Linear<Lanes256, Vector256<float>>(ref a, ref w, ref b, ref c, stride, inputs, units, rectify);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            Linear<Lanes128, Vector128<float>>(ref a, ref w, ref b, ref c, stride, inputs, units, rectify);
        }
        else
        {
            Linear<Scalar, float>(ref a, ref w, ref b, ref c, stride, inputs, units, rectify);
        }
    }

    /// <summary>
    /// The softmax of each row, in lines: per row the operations of <see cref="Activations.Softmax"/>, in its order (the
    /// maximum, the shifted exponentials, their sum in unit order, the division), so the same bits.
    /// </summary>
    /// <param name="lines">A layer's <paramref name="units"/> lines of pre-activations; receives the probabilities.</param>
    /// <param name="rows">The number of rows.</param>
    /// <param name="units">The layer's units.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Softmax(Span<float> lines, int rows, int units)
    {
        int stride = Stride(rows);
        MatrixKernels.Check(lines, units * stride, nameof(lines));
        ref float z = ref MemoryMarshal.GetReference(lines);
        if (Vector512.IsHardwareAccelerated)
        {
            Softmax<Lanes512, Vector512<float>>(ref z, stride, units);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Softmax<Lanes256, Vector256<float>>(ref z, stride, units);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            Softmax<Lanes128, Vector128<float>>(ref z, stride, units);
        }
        else
        {
            Softmax<Scalar, float>(ref z, stride, units);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Softmax<TLanes, TVector>(ref float z, nint stride, int units)
        where TLanes : struct, ILanes<TVector>
        where TVector : struct
    {
        for (nint r = 0; r < stride; r += TLanes.Count)
        {
            ref float rows = ref Unsafe.Add(ref z, r);
            TVector max = TLanes.Load(ref rows, 0);
            for (nint u = 1; u < units; u++)
            {
                max = TLanes.Max(max, TLanes.Load(ref rows, u * stride));
            }

            TVector sum = TLanes.Zero;
            for (nint u = 0; u < units; u++)
            {
                TVector e = TLanes.Exp(TLanes.Subtract(TLanes.Load(ref rows, u * stride), max));
                TLanes.Store(e, ref rows, u * stride);
                sum = TLanes.Add(sum, e);
            }

            for (nint u = 0; u < units; u++)
            {
                TLanes.Store(TLanes.Divide(TLanes.Load(ref rows, u * stride), sum), ref rows, u * stride);
            }
        }
    }

    // Tiles of eight chains: eight units of one register of rows, four units of two, one unit of four (a layer's last
    // few units). Eight chains keep both multiply-add pipes busy through the four cycles of latency.
    // A compilation root, optimized from its first call, as BroadcastProduct's tiles are (its remarks say why).
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Linear<TLanes, TVector>(ref float x, ref float w, ref float b, ref float z, nint stride, int inputs, int units, bool rectify)
        where TLanes : struct, ILanes<TVector>
        where TVector : struct
    {
        nint lanes = TLanes.Count;
        int unit = 0;
        for (; unit + 8 <= units; unit += 8)
        {
            nint r = 0;

            // With 32 registers (AVX-512), two registers of rows share each weight: sixteen chains, half the loads per multiply-add.
            for (; lanes == Vector512<float>.Count && r + (2 * lanes) <= stride; r += 2 * lanes)
            {
                EightUnitsTwoRegisters<TLanes, TVector>(ref Unsafe.Add(ref x, r), ref Unsafe.Add(ref w, unit), ref Unsafe.Add(ref b, unit), ref Unsafe.Add(ref z, (unit * stride) + r), stride, inputs, units, rectify);
            }

            for (; r < stride; r += lanes)
            {
                EightUnits<TLanes, TVector>(ref Unsafe.Add(ref x, r), ref Unsafe.Add(ref w, unit), ref Unsafe.Add(ref b, unit), ref Unsafe.Add(ref z, (unit * stride) + r), stride, inputs, units, rectify);
            }
        }

        for (; unit + 4 <= units; unit += 4)
        {
            nint r = 0;
            for (; r + (2 * lanes) <= stride; r += 2 * lanes)
            {
                FourUnits<TLanes, TVector>(ref Unsafe.Add(ref x, r), ref Unsafe.Add(ref w, unit), ref Unsafe.Add(ref b, unit), ref Unsafe.Add(ref z, (unit * stride) + r), stride, inputs, units, rectify);
            }

            for (; r < stride; r += lanes)
            {
                for (int k = 0; k < 4; k++)
                {
                    OneUnit<TLanes, TVector>(ref Unsafe.Add(ref x, r), ref Unsafe.Add(ref w, unit + k), Unsafe.Add(ref b, unit + k), ref Unsafe.Add(ref z, ((unit + k) * stride) + r), stride, inputs, units, rectify);
                }
            }
        }

        for (; unit < units; unit++)
        {
            nint r = 0;
            for (; r + (4 * lanes) <= stride; r += 4 * lanes)
            {
                OneUnitFourRegisters<TLanes, TVector>(ref Unsafe.Add(ref x, r), ref Unsafe.Add(ref w, unit), Unsafe.Add(ref b, unit), ref Unsafe.Add(ref z, (unit * stride) + r), stride, inputs, units, rectify);
            }

            for (; r < stride; r += lanes)
            {
                OneUnit<TLanes, TVector>(ref Unsafe.Add(ref x, r), ref Unsafe.Add(ref w, unit), Unsafe.Add(ref b, unit), ref Unsafe.Add(ref z, (unit * stride) + r), stride, inputs, units, rectify);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void EightUnits<TLanes, TVector>(ref float x, ref float w, ref float b, ref float z, nint stride, int inputs, int units, bool rectify)
        where TLanes : struct, ILanes<TVector>
        where TVector : struct
    {
        TVector s0 = TLanes.Broadcast(b);
        TVector s1 = TLanes.Broadcast(Unsafe.Add(ref b, 1));
        TVector s2 = TLanes.Broadcast(Unsafe.Add(ref b, 2));
        TVector s3 = TLanes.Broadcast(Unsafe.Add(ref b, 3));
        TVector s4 = TLanes.Broadcast(Unsafe.Add(ref b, 4));
        TVector s5 = TLanes.Broadcast(Unsafe.Add(ref b, 5));
        TVector s6 = TLanes.Broadcast(Unsafe.Add(ref b, 6));
        TVector s7 = TLanes.Broadcast(Unsafe.Add(ref b, 7));
        for (nint i = 0; i < inputs; i++)
        {
            TVector v = TLanes.Load(ref x, i * stride);
            ref float wi = ref Unsafe.Add(ref w, i * units);
            s0 = TLanes.MultiplyAdd(v, TLanes.Broadcast(wi), s0);
            s1 = TLanes.MultiplyAdd(v, TLanes.Broadcast(Unsafe.Add(ref wi, 1)), s1);
            s2 = TLanes.MultiplyAdd(v, TLanes.Broadcast(Unsafe.Add(ref wi, 2)), s2);
            s3 = TLanes.MultiplyAdd(v, TLanes.Broadcast(Unsafe.Add(ref wi, 3)), s3);
            s4 = TLanes.MultiplyAdd(v, TLanes.Broadcast(Unsafe.Add(ref wi, 4)), s4);
            s5 = TLanes.MultiplyAdd(v, TLanes.Broadcast(Unsafe.Add(ref wi, 5)), s5);
            s6 = TLanes.MultiplyAdd(v, TLanes.Broadcast(Unsafe.Add(ref wi, 6)), s6);
            s7 = TLanes.MultiplyAdd(v, TLanes.Broadcast(Unsafe.Add(ref wi, 7)), s7);
        }

        Store<TLanes, TVector>(s0, ref z, 0, rectify);
        Store<TLanes, TVector>(s1, ref z, stride, rectify);
        Store<TLanes, TVector>(s2, ref z, 2 * stride, rectify);
        Store<TLanes, TVector>(s3, ref z, 3 * stride, rectify);
        Store<TLanes, TVector>(s4, ref z, 4 * stride, rectify);
        Store<TLanes, TVector>(s5, ref z, 5 * stride, rectify);
        Store<TLanes, TVector>(s6, ref z, 6 * stride, rectify);
        Store<TLanes, TVector>(s7, ref z, 7 * stride, rectify);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void EightUnitsTwoRegisters<TLanes, TVector>(ref float x, ref float w, ref float b, ref float z, nint stride, int inputs, int units, bool rectify)
        where TLanes : struct, ILanes<TVector>
        where TVector : struct
    {
        nint lanes = TLanes.Count;
        TVector s0 = TLanes.Broadcast(b);
        TVector s1 = TLanes.Broadcast(Unsafe.Add(ref b, 1));
        TVector s2 = TLanes.Broadcast(Unsafe.Add(ref b, 2));
        TVector s3 = TLanes.Broadcast(Unsafe.Add(ref b, 3));
        TVector s4 = TLanes.Broadcast(Unsafe.Add(ref b, 4));
        TVector s5 = TLanes.Broadcast(Unsafe.Add(ref b, 5));
        TVector s6 = TLanes.Broadcast(Unsafe.Add(ref b, 6));
        TVector s7 = TLanes.Broadcast(Unsafe.Add(ref b, 7));
        TVector t0 = s0, t1 = s1, t2 = s2, t3 = s3, t4 = s4, t5 = s5, t6 = s6, t7 = s7;
        for (nint i = 0; i < inputs; i++)
        {
            TVector u = TLanes.Load(ref x, i * stride);
            TVector v = TLanes.Load(ref x, (i * stride) + lanes);
            ref float wi = ref Unsafe.Add(ref w, i * units);
            TVector wk = TLanes.Broadcast(wi);
            s0 = TLanes.MultiplyAdd(u, wk, s0);
            t0 = TLanes.MultiplyAdd(v, wk, t0);
            wk = TLanes.Broadcast(Unsafe.Add(ref wi, 1));
            s1 = TLanes.MultiplyAdd(u, wk, s1);
            t1 = TLanes.MultiplyAdd(v, wk, t1);
            wk = TLanes.Broadcast(Unsafe.Add(ref wi, 2));
            s2 = TLanes.MultiplyAdd(u, wk, s2);
            t2 = TLanes.MultiplyAdd(v, wk, t2);
            wk = TLanes.Broadcast(Unsafe.Add(ref wi, 3));
            s3 = TLanes.MultiplyAdd(u, wk, s3);
            t3 = TLanes.MultiplyAdd(v, wk, t3);
            wk = TLanes.Broadcast(Unsafe.Add(ref wi, 4));
            s4 = TLanes.MultiplyAdd(u, wk, s4);
            t4 = TLanes.MultiplyAdd(v, wk, t4);
            wk = TLanes.Broadcast(Unsafe.Add(ref wi, 5));
            s5 = TLanes.MultiplyAdd(u, wk, s5);
            t5 = TLanes.MultiplyAdd(v, wk, t5);
            wk = TLanes.Broadcast(Unsafe.Add(ref wi, 6));
            s6 = TLanes.MultiplyAdd(u, wk, s6);
            t6 = TLanes.MultiplyAdd(v, wk, t6);
            wk = TLanes.Broadcast(Unsafe.Add(ref wi, 7));
            s7 = TLanes.MultiplyAdd(u, wk, s7);
            t7 = TLanes.MultiplyAdd(v, wk, t7);
        }

        Store<TLanes, TVector>(s0, ref z, 0, rectify);
        Store<TLanes, TVector>(s1, ref z, stride, rectify);
        Store<TLanes, TVector>(s2, ref z, 2 * stride, rectify);
        Store<TLanes, TVector>(s3, ref z, 3 * stride, rectify);
        Store<TLanes, TVector>(s4, ref z, 4 * stride, rectify);
        Store<TLanes, TVector>(s5, ref z, 5 * stride, rectify);
        Store<TLanes, TVector>(s6, ref z, 6 * stride, rectify);
        Store<TLanes, TVector>(s7, ref z, 7 * stride, rectify);
        Store<TLanes, TVector>(t0, ref z, lanes, rectify);
        Store<TLanes, TVector>(t1, ref z, stride + lanes, rectify);
        Store<TLanes, TVector>(t2, ref z, (2 * stride) + lanes, rectify);
        Store<TLanes, TVector>(t3, ref z, (3 * stride) + lanes, rectify);
        Store<TLanes, TVector>(t4, ref z, (4 * stride) + lanes, rectify);
        Store<TLanes, TVector>(t5, ref z, (5 * stride) + lanes, rectify);
        Store<TLanes, TVector>(t6, ref z, (6 * stride) + lanes, rectify);
        Store<TLanes, TVector>(t7, ref z, (7 * stride) + lanes, rectify);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FourUnits<TLanes, TVector>(ref float x, ref float w, ref float b, ref float z, nint stride, int inputs, int units, bool rectify)
        where TLanes : struct, ILanes<TVector>
        where TVector : struct
    {
        nint lanes = TLanes.Count;
        TVector s0 = TLanes.Broadcast(b);
        TVector s1 = TLanes.Broadcast(Unsafe.Add(ref b, 1));
        TVector s2 = TLanes.Broadcast(Unsafe.Add(ref b, 2));
        TVector s3 = TLanes.Broadcast(Unsafe.Add(ref b, 3));
        TVector t0 = s0, t1 = s1, t2 = s2, t3 = s3;
        for (nint i = 0; i < inputs; i++)
        {
            TVector u = TLanes.Load(ref x, i * stride);
            TVector v = TLanes.Load(ref x, (i * stride) + lanes);
            ref float wi = ref Unsafe.Add(ref w, i * units);
            TVector w0 = TLanes.Broadcast(wi);
            TVector w1 = TLanes.Broadcast(Unsafe.Add(ref wi, 1));
            TVector w2 = TLanes.Broadcast(Unsafe.Add(ref wi, 2));
            TVector w3 = TLanes.Broadcast(Unsafe.Add(ref wi, 3));
            s0 = TLanes.MultiplyAdd(u, w0, s0);
            s1 = TLanes.MultiplyAdd(u, w1, s1);
            s2 = TLanes.MultiplyAdd(u, w2, s2);
            s3 = TLanes.MultiplyAdd(u, w3, s3);
            t0 = TLanes.MultiplyAdd(v, w0, t0);
            t1 = TLanes.MultiplyAdd(v, w1, t1);
            t2 = TLanes.MultiplyAdd(v, w2, t2);
            t3 = TLanes.MultiplyAdd(v, w3, t3);
        }

        Store<TLanes, TVector>(s0, ref z, 0, rectify);
        Store<TLanes, TVector>(s1, ref z, stride, rectify);
        Store<TLanes, TVector>(s2, ref z, 2 * stride, rectify);
        Store<TLanes, TVector>(s3, ref z, 3 * stride, rectify);
        Store<TLanes, TVector>(t0, ref z, lanes, rectify);
        Store<TLanes, TVector>(t1, ref z, stride + lanes, rectify);
        Store<TLanes, TVector>(t2, ref z, (2 * stride) + lanes, rectify);
        Store<TLanes, TVector>(t3, ref z, (3 * stride) + lanes, rectify);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void OneUnitFourRegisters<TLanes, TVector>(ref float x, ref float w, float b, ref float z, nint stride, int inputs, int units, bool rectify)
        where TLanes : struct, ILanes<TVector>
        where TVector : struct
    {
        nint lanes = TLanes.Count;
        TVector s0 = TLanes.Broadcast(b);
        TVector s1 = s0, s2 = s0, s3 = s0;
        for (nint i = 0; i < inputs; i++)
        {
            TVector wi = TLanes.Broadcast(Unsafe.Add(ref w, i * units));
            ref float xi = ref Unsafe.Add(ref x, i * stride);
            s0 = TLanes.MultiplyAdd(TLanes.Load(ref xi, 0), wi, s0);
            s1 = TLanes.MultiplyAdd(TLanes.Load(ref xi, lanes), wi, s1);
            s2 = TLanes.MultiplyAdd(TLanes.Load(ref xi, 2 * lanes), wi, s2);
            s3 = TLanes.MultiplyAdd(TLanes.Load(ref xi, 3 * lanes), wi, s3);
        }

        Store<TLanes, TVector>(s0, ref z, 0, rectify);
        Store<TLanes, TVector>(s1, ref z, lanes, rectify);
        Store<TLanes, TVector>(s2, ref z, 2 * lanes, rectify);
        Store<TLanes, TVector>(s3, ref z, 3 * lanes, rectify);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void OneUnit<TLanes, TVector>(ref float x, ref float w, float b, ref float z, nint stride, int inputs, int units, bool rectify)
        where TLanes : struct, ILanes<TVector>
        where TVector : struct
    {
        TVector s = TLanes.Broadcast(b);
        for (nint i = 0; i < inputs; i++)
        {
            s = TLanes.MultiplyAdd(TLanes.Load(ref x, i * stride), TLanes.Broadcast(Unsafe.Add(ref w, i * units)), s);
        }

        Store<TLanes, TVector>(s, ref z, 0, rectify);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<TLanes, TVector>(TVector s, ref float z, nint offset, bool rectify)
        where TLanes : struct, ILanes<TVector>
        where TVector : struct =>
        TLanes.Store(rectify ? TLanes.Rectify(s) : s, ref z, offset);
}
