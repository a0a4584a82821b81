using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CompiledNN.Runtime;

/// <summary>
/// The pre-activations of a deep, narrow layer (<see cref="KernelShape.SumsInterleaved"/>: a classifier's few units over
/// thousands of inputs). As one chain of fused multiply-adds per unit, a row would wait on each addition in turn, as
/// many times as there are inputs; here each unit sums in <see cref="KernelShape.InterleavedChains"/> chains, input
/// <c>i</c> in chain <c>i mod 4</c> (the first from the bias), added as <c>(s₀ + s₁) + (s₂ + s₃)</c>, whatever the
/// register or tile, so a row's bits never depend on the rows beside it or the thread that runs it.
/// </summary>
internal static class InterleavedSums
{
    private const int Chains = KernelShape.InterleavedChains;

    // Rows per tile of a batch: 24 sums of AVX-512's 32 registers.
    private const int TileRows = 6;

    /// <summary>
    /// <c>C[r, j] = b[j] + Σᵢ A[r, i] Wᵀ[i, j]</c> for <paramref name="rows"/> rows and the <paramref name="units"/> columns
    /// from <paramref name="w"/> and <paramref name="b"/> (rows of Wᵀ <paramref name="ldw"/> apart), rows of C
    /// <paramref name="ldc"/> apart; with <paramref name="rectify"/>, <c>max(0, C)</c>.
    /// </summary>
    public static void Run(ref float a, ref float w, nint ldw, ref float b, ref float c, nint ldc, int rows, int inputs, int units, bool rectify)
    {
        nint row = 0;
        if (Vector512.IsHardwareAccelerated && rows >= TileRows)
        {
            row = Tiles(ref a, ref w, ldw, ref b, ref c, ldc, rows, inputs, units, rectify);
        }

        for (; row < rows; row++)
        {
            ref float x = ref Unsafe.Add(ref a, row * inputs);
            ref float z = ref Unsafe.Add(ref c, row * ldc);
            if (Vector256.IsHardwareAccelerated && units >= Vector256<float>.Count)
            {
                Row<Lanes256, Vector256<float>>(ref x, ref w, ldw, ref b, ref z, inputs, units, rectify);
            }
            else if (Vector128.IsHardwareAccelerated && units >= Vector128<float>.Count)
            {
                Row<Lanes128, Vector128<float>>(ref x, ref w, ldw, ref b, ref z, inputs, units, rectify);
            }
            else
            {
                Row<Scalar, float>(ref x, ref w, ldw, ref b, ref z, inputs, units, rectify);
            }
        }
    }

    /// <summary>
    /// Whole tiles of <see cref="TileRows"/> rows in one 512-bit register of columns each, from a copy of the weights
    /// with their rows padded to 16 columns in the thread's panel buffer (<see cref="BroadcastProduct.Pack"/>: its lanes
    /// past the units meet only sums that are not copied out), which the rows of a tile share; returns the rows done.
    /// </summary>
    private static nint Tiles(ref float a, ref float w, nint ldw, ref float b, ref float c, nint ldc, int rows, int inputs, int units, bool rectify)
    {
        const int Width = 16;
        ref float padded = ref BroadcastProduct.PanelBuffer((inputs + 1) * Width);
        BroadcastProduct.Pack<Lanes512, Vector512<float>>(ref w, ldw, ref padded, Width, inputs, units);

        // The bias after the weights, padded alike.
        ref float bias = ref Unsafe.Add(ref padded, inputs * Width);
        BroadcastProduct.Pack<Lanes512, Vector512<float>>(ref b, 0, ref bias, Width, 1, units);
        Span<float> sums = stackalloc float[TileRows * Width];
        nint row = 0;
        for (; row + TileRows <= rows; row += TileRows)
        {
            Tile(ref Unsafe.Add(ref a, row * inputs), inputs, ref padded, ref bias, ref MemoryMarshal.GetReference(sums), rectify);
            for (int r = 0; r < TileRows; r++)
            {
                sums.Slice(r * Width, units).CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref c, (row + r) * ldc), units));
            }
        }

        return row;
    }

    /// <summary>6 rows × one register of 16 columns × 4 chains: 24 sums, each load of the weights shared by the rows.</summary>
    // A compilation root, optimized from its first call, as BroadcastProduct's tiles are (its remarks say why).
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Tile(ref float a, nint inputs, ref float w, ref float bias, ref float sums, bool rectify)
    {
        const int Width = 16;
        Vector512<float> start = Vector512.LoadUnsafe(ref bias);
        Vector512<float> s00 = start, s01 = Vector512<float>.Zero, s02 = Vector512<float>.Zero, s03 = Vector512<float>.Zero;
        Vector512<float> s10 = start, s11 = Vector512<float>.Zero, s12 = Vector512<float>.Zero, s13 = Vector512<float>.Zero;
        Vector512<float> s20 = start, s21 = Vector512<float>.Zero, s22 = Vector512<float>.Zero, s23 = Vector512<float>.Zero;
        Vector512<float> s30 = start, s31 = Vector512<float>.Zero, s32 = Vector512<float>.Zero, s33 = Vector512<float>.Zero;
        Vector512<float> s40 = start, s41 = Vector512<float>.Zero, s42 = Vector512<float>.Zero, s43 = Vector512<float>.Zero;
        Vector512<float> s50 = start, s51 = Vector512<float>.Zero, s52 = Vector512<float>.Zero, s53 = Vector512<float>.Zero;
        ref float a0 = ref a;
        ref float a1 = ref Unsafe.Add(ref a, inputs);
        ref float a2 = ref Unsafe.Add(ref a, 2 * inputs);
        ref float a3 = ref Unsafe.Add(ref a, 3 * inputs);
        ref float a4 = ref Unsafe.Add(ref a, 4 * inputs);
        ref float a5 = ref Unsafe.Add(ref a, 5 * inputs);
        nint i = 0;
        for (; i + Chains <= inputs; i += Chains)
        {
            ref float wi = ref Unsafe.Add(ref w, i * Width);
            Vector512<float> w0 = Vector512.LoadUnsafe(ref wi);
            s00 = Lanes512.MultiplyAdd(Vector512.Create(Unsafe.Add(ref a0, i)), w0, s00);
            s10 = Lanes512.MultiplyAdd(Vector512.Create(Unsafe.Add(ref a1, i)), w0, s10);
            s20 = Lanes512.MultiplyAdd(Vector512.Create(Unsafe.Add(ref a2, i)), w0, s20);
            s30 = Lanes512.MultiplyAdd(Vector512.Create(Unsafe.Add(ref a3, i)), w0, s30);
            s40 = Lanes512.MultiplyAdd(Vector512.Create(Unsafe.Add(ref a4, i)), w0, s40);
            s50 = Lanes512.MultiplyAdd(Vector512.Create(Unsafe.Add(ref a5, i)), w0, s50);
            Vector512<float> w1 = Vector512.LoadUnsafe(ref wi, Width);
            s01 = Lanes512.MultiplyAdd(Vector512.Create(Unsafe.Add(ref a0, i + 1)), w1, s01);
            s11 = Lanes512.MultiplyAdd(Vector512.Create(Unsafe.Add(ref a1, i + 1)), w1, s11);
            s21 = Lanes512.MultiplyAdd(Vector512.Create(Unsafe.Add(ref a2, i + 1)), w1, s21);
            s31 = Lanes512.MultiplyAdd(Vector512.Create(Unsafe.Add(ref a3, i + 1)), w1, s31);
            s41 = Lanes512.MultiplyAdd(Vector512.Create(Unsafe.Add(ref a4, i + 1)), w1, s41);
            s51 = Lanes512.MultiplyAdd(Vector512.Create(Unsafe.Add(ref a5, i + 1)), w1, s51);
            Vector512<float> w2 = Vector512.LoadUnsafe(ref wi, 2 * Width);
            s02 = Lanes512.MultiplyAdd(Vector512.Create(Unsafe.Add(ref a0, i + 2)), w2, s02);
            s12 = Lanes512.MultiplyAdd(Vector512.Create(Unsafe.Add(ref a1, i + 2)), w2, s12);
            s22 = Lanes512.MultiplyAdd(Vector512.Create(Unsafe.Add(ref a2, i + 2)), w2, s22);
            s32 = Lanes512.MultiplyAdd(Vector512.Create(Unsafe.Add(ref a3, i + 2)), w2, s32);
            s42 = Lanes512.MultiplyAdd(Vector512.Create(Unsafe.Add(ref a4, i + 2)), w2, s42);
            s52 = Lanes512.MultiplyAdd(Vector512.Create(Unsafe.Add(ref a5, i + 2)), w2, s52);
            Vector512<float> w3 = Vector512.LoadUnsafe(ref wi, 3 * Width);
            s03 = Lanes512.MultiplyAdd(Vector512.Create(Unsafe.Add(ref a0, i + 3)), w3, s03);
            s13 = Lanes512.MultiplyAdd(Vector512.Create(Unsafe.Add(ref a1, i + 3)), w3, s13);
            s23 = Lanes512.MultiplyAdd(Vector512.Create(Unsafe.Add(ref a2, i + 3)), w3, s23);
            s33 = Lanes512.MultiplyAdd(Vector512.Create(Unsafe.Add(ref a3, i + 3)), w3, s33);
            s43 = Lanes512.MultiplyAdd(Vector512.Create(Unsafe.Add(ref a4, i + 3)), w3, s43);
            s53 = Lanes512.MultiplyAdd(Vector512.Create(Unsafe.Add(ref a5, i + 3)), w3, s53);
        }

        // The last inputs, fewer than the chains, each in the chain its index gives.
        for (nint chain = 0; i < inputs; i++, chain++)
        {
            Vector512<float> wi = Vector512.LoadUnsafe(ref Unsafe.Add(ref w, i * Width));
            switch (chain)
            {
                case 0:
                    s00 = Lanes512.MultiplyAdd(Vector512.Create(Unsafe.Add(ref a0, i)), wi, s00);
                    s10 = Lanes512.MultiplyAdd(Vector512.Create(Unsafe.Add(ref a1, i)), wi, s10);
                    s20 = Lanes512.MultiplyAdd(Vector512.Create(Unsafe.Add(ref a2, i)), wi, s20);
                    s30 = Lanes512.MultiplyAdd(Vector512.Create(Unsafe.Add(ref a3, i)), wi, s30);
                    s40 = Lanes512.MultiplyAdd(Vector512.Create(Unsafe.Add(ref a4, i)), wi, s40);
                    s50 = Lanes512.MultiplyAdd(Vector512.Create(Unsafe.Add(ref a5, i)), wi, s50);
                    break;
                case 1:
                    s01 = Lanes512.MultiplyAdd(Vector512.Create(Unsafe.Add(ref a0, i)), wi, s01);
                    s11 = Lanes512.MultiplyAdd(Vector512.Create(Unsafe.Add(ref a1, i)), wi, s11);
                    s21 = Lanes512.MultiplyAdd(Vector512.Create(Unsafe.Add(ref a2, i)), wi, s21);
                    s31 = Lanes512.MultiplyAdd(Vector512.Create(Unsafe.Add(ref a3, i)), wi, s31);
                    s41 = Lanes512.MultiplyAdd(Vector512.Create(Unsafe.Add(ref a4, i)), wi, s41);
                    s51 = Lanes512.MultiplyAdd(Vector512.Create(Unsafe.Add(ref a5, i)), wi, s51);
                    break;
                default:
                    s02 = Lanes512.MultiplyAdd(Vector512.Create(Unsafe.Add(ref a0, i)), wi, s02);
                    s12 = Lanes512.MultiplyAdd(Vector512.Create(Unsafe.Add(ref a1, i)), wi, s12);
                    s22 = Lanes512.MultiplyAdd(Vector512.Create(Unsafe.Add(ref a2, i)), wi, s22);
                    s32 = Lanes512.MultiplyAdd(Vector512.Create(Unsafe.Add(ref a3, i)), wi, s32);
                    s42 = Lanes512.MultiplyAdd(Vector512.Create(Unsafe.Add(ref a4, i)), wi, s42);
                    s52 = Lanes512.MultiplyAdd(Vector512.Create(Unsafe.Add(ref a5, i)), wi, s52);
                    break;
            }
        }

        Store<Lanes512, Vector512<float>>(s00, s01, s02, s03, ref sums, 0, rectify);
        Store<Lanes512, Vector512<float>>(s10, s11, s12, s13, ref sums, Width, rectify);
        Store<Lanes512, Vector512<float>>(s20, s21, s22, s23, ref sums, 2 * Width, rectify);
        Store<Lanes512, Vector512<float>>(s30, s31, s32, s33, ref sums, 3 * Width, rectify);
        Store<Lanes512, Vector512<float>>(s40, s41, s42, s43, ref sums, 4 * Width, rectify);
        Store<Lanes512, Vector512<float>>(s50, s51, s52, s53, ref sums, 5 * Width, rectify);
    }

    /// <summary>
    /// One row, two registers of columns at a time: the last pair ends at the last column, overlapping the one before
    /// where the units are not a whole number of pairs; the columns computed twice get the same bits.
    /// </summary>
    private static void Row<TLanes, TVector>(ref float x, ref float w, nint ldw, ref float b, ref float z, nint inputs, nint units, bool rectify)
        where TLanes : struct, ILanes<TVector>
        where TVector : struct
    {
        nint width = TLanes.Count;
        for (nint first = 0; first < units; first += 2 * width)
        {
            nint o0 = Math.Min(first, units - width);
            nint o1 = Math.Min(first + width, units - width);
            Pair<TLanes, TVector>(ref x, ref w, ldw, ref b, ref z, inputs, o0, o1, rectify);
        }
    }

    /// <summary>Columns [o0, o0 + width) and [o1, o1 + width) of one row: 2 registers × 4 chains, 8 sums in flight.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Pair<TLanes, TVector>(ref float x, ref float w, nint ldw, ref float b, ref float z, nint inputs, nint o0, nint o1, bool rectify)
        where TLanes : struct, ILanes<TVector>
        where TVector : struct
    {
        TVector p0 = TLanes.Load(ref b, o0), p1 = TLanes.Zero, p2 = TLanes.Zero, p3 = TLanes.Zero;
        TVector q0 = TLanes.Load(ref b, o1), q1 = TLanes.Zero, q2 = TLanes.Zero, q3 = TLanes.Zero;
        ref float w0 = ref w;
        nint i = 0;
        for (; i + Chains <= inputs; i += Chains)
        {
            ref float w1 = ref Unsafe.Add(ref w0, ldw);
            ref float w2 = ref Unsafe.Add(ref w1, ldw);
            ref float w3 = ref Unsafe.Add(ref w2, ldw);
            TVector x0 = TLanes.Broadcast(Unsafe.Add(ref x, i));
            TVector x1 = TLanes.Broadcast(Unsafe.Add(ref x, i + 1));
            TVector x2 = TLanes.Broadcast(Unsafe.Add(ref x, i + 2));
            TVector x3 = TLanes.Broadcast(Unsafe.Add(ref x, i + 3));
            p0 = TLanes.MultiplyAdd(x0, TLanes.Load(ref w0, o0), p0);
            q0 = TLanes.MultiplyAdd(x0, TLanes.Load(ref w0, o1), q0);
            p1 = TLanes.MultiplyAdd(x1, TLanes.Load(ref w1, o0), p1);
            q1 = TLanes.MultiplyAdd(x1, TLanes.Load(ref w1, o1), q1);
            p2 = TLanes.MultiplyAdd(x2, TLanes.Load(ref w2, o0), p2);
            q2 = TLanes.MultiplyAdd(x2, TLanes.Load(ref w2, o1), q2);
            p3 = TLanes.MultiplyAdd(x3, TLanes.Load(ref w3, o0), p3);
            q3 = TLanes.MultiplyAdd(x3, TLanes.Load(ref w3, o1), q3);
            w0 = ref Unsafe.Add(ref w3, ldw);
        }

        // The last inputs, fewer than the chains, each in the chain its index gives.
        if (i < inputs)
        {
            TVector x0 = TLanes.Broadcast(Unsafe.Add(ref x, i));
            p0 = TLanes.MultiplyAdd(x0, TLanes.Load(ref w0, o0), p0);
            q0 = TLanes.MultiplyAdd(x0, TLanes.Load(ref w0, o1), q0);
        }

        if (i + 1 < inputs)
        {
            ref float w1 = ref Unsafe.Add(ref w0, ldw);
            TVector x1 = TLanes.Broadcast(Unsafe.Add(ref x, i + 1));
            p1 = TLanes.MultiplyAdd(x1, TLanes.Load(ref w1, o0), p1);
            q1 = TLanes.MultiplyAdd(x1, TLanes.Load(ref w1, o1), q1);
        }

        if (i + 2 < inputs)
        {
            ref float w2 = ref Unsafe.Add(ref w0, 2 * ldw);
            TVector x2 = TLanes.Broadcast(Unsafe.Add(ref x, i + 2));
            p2 = TLanes.MultiplyAdd(x2, TLanes.Load(ref w2, o0), p2);
            q2 = TLanes.MultiplyAdd(x2, TLanes.Load(ref w2, o1), q2);
        }

        Store<TLanes, TVector>(p0, p1, p2, p3, ref z, o0, rectify);
        Store<TLanes, TVector>(q0, q1, q2, q3, ref z, o1, rectify);
    }

    private static void Store<TLanes, TVector>(TVector s0, TVector s1, TVector s2, TVector s3, ref float z, nint offset, bool rectify)
        where TLanes : struct, ILanes<TVector>
        where TVector : struct
    {
        TVector sum = TLanes.Add(TLanes.Add(s0, s1), TLanes.Add(s2, s3));
        TLanes.Store(rectify ? TLanes.Rectify(sum) : sum, ref z, offset);
    }
}
