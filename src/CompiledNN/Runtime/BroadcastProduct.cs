using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace CompiledNN.Runtime;

/// <summary>
/// The matrix product behind <see cref="MatrixKernels.Linear"/>, <see cref="MatrixKernels.AddWeightGradient"/> and
/// <see cref="MatrixKernels.InputGradient"/>:
/// <c>C[m, n] = start + Σₖ A[m·am + k·ak] B[k, n]</c> for k in [kStart, kEnd), one broadcast value of A times a
/// register of B per fused multiply-add. Each output is a single chain of fused multiply-adds over k in order,
/// whatever tile, width or path computes it, so a row's bits never depend on how many rows share the call.
/// </summary>
/// <remarks>
/// Every tile is a compilation root of its own, optimized from its first call (<c>NoInlining | AggressiveOptimization</c>),
/// as are the other kernels' inner loops. Dynamic PGO would otherwise inline a hot tile into a large caller (the pool's
/// chunk), run out of inlining budget there and leave each multiply-add a call, ten times slower; and a tile at tier 0
/// runs ten times slower for the first quarter second of a process (docs/performance.md, Kernels as compilation roots).
/// </remarks>
internal static class BroadcastProduct
{
    /// <summary>How a tile starts: from the bias, and stored.</summary>
    public const int StartFromBias = 1;

    /// <summary>How a tile starts: from what the output holds, and stored (the next block of inputs).</summary>
    public const int StartFromOutput = 2;

    /// <summary>How a tile starts: from zero, and added to the output (gradients: each block's sum added in one rounding).</summary>
    public const int AddToOutput = 0;

    /// <summary>How a tile starts: from zero, and stored.</summary>
    public const int StartFromZero = 3;

    /// <summary>
    /// Added to <see cref="StartFromBias"/> or <see cref="StartFromOutput"/> for a sum's last block: the tile stores
    /// <c>max(0, sum)</c> (<see cref="ILanes{TVector}.Rectify"/>), so that ReLU needs no pass of its own over the outputs.
    /// </summary>
    public const int Rectified = 4;

    // From this many rows on, each panel of B is copied before use: the copy costs about one pass over the panel and
    // saves the tiles from reading rows of B a power-of-two stride apart, which can share few L1 sets and evict each
    // other (docs/performance.md, Batches).
    private const int PackMinRows = 4;

    // The bytes of a panel that stay in the L1 cache while the tiles of a block of rows read it, sized for a 32 KiB L1
    // data cache, common on x64 cores: 128 inputs × 4 registers of 16 floats.
    private const int L1PanelBytes = 32 * 1024;

    /// <summary>
    /// Whether the processor has 16 vector registers (x64 without AVX-512). There the tiles of 4 registers (16 sums)
    /// spill, so panels are computed 2 registers at a time by tiles of 6 rows: 12 sums, plus the row of B, the broadcast
    /// value and, without FMA, the product. One basic block (<c>&amp;</c>, not <c>&amp;&amp;</c>): see
    /// <see cref="FusedMultiplyAdd.IsHardware"/>.
    /// </summary>
    private static bool SixteenRegisters => X86Base.IsSupported & !Avx512F.IsSupported;

    // The panel copies, one per thread, 64-byte aligned so that no register of the panel straddles two cache lines.
    [ThreadStatic]
    private static AlignedBuffer? t_panel;

    /// <summary>Computes <c>C[m, n]</c> for the columns [0, n), starting each sum as <paramref name="mode"/> says.</summary>
    /// <remarks>
    /// With <paramref name="streamed"/> (B larger than an L2 cache, read again from L3 or memory by every call), the tiles of
    /// fewer than <see cref="PackMinRows"/> rows that start from the bias or zero (a row's one block) prefetch the rows of B
    /// they will read a few k ahead.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(
        ref float a, nint am, nint ak, ref float b, nint ldb, ref float c, nint ldc, ref float bias, int mode, int m, int kStart, int kEnd, int n, bool streamed = false)
    {
        ref float a0 = ref Unsafe.Add(ref a, kStart * ak);
        ref float b0 = ref Unsafe.Add(ref b, kStart * ldb);
        nint depth = kEnd - kStart;
        if (m >= PackMinRows)
        {
            if (Vector512.IsHardwareAccelerated)
            {
                Panels<Lanes512, Vector512<float>>(ref a0, am, ak, ref b0, ldb, false, ref c, ldc, ref bias, mode, m, depth, n);
                return;
            }

            if (Vector256.IsHardwareAccelerated)
            {
                Panels<Lanes256, Vector256<float>>(ref a0, am, ak, ref b0, ldb, false, ref c, ldc, ref bias, mode, m, depth, n);
                return;
            }

            if (Vector128.IsHardwareAccelerated)
            {
                Panels<Lanes128, Vector128<float>>(ref a0, am, ak, ref b0, ldb, false, ref c, ldc, ref bias, mode, m, depth, n);
                return;
            }
        }

        // A few rows (a single prediction): B streams straight from the weights.
        if (streamed)
        {
            Rows<FromMemory>(ref a0, am, ak, ref b0, ldb, ref c, ldc, ref bias, mode, m, depth, n);
        }
        else
        {
            Rows<FromCache>(ref a0, am, ak, ref b0, ldb, ref c, ldc, ref bias, mode, m, depth, n);
        }
    }

    /// <summary>The columns [0, n) a row at a time, in the widest registers that fill, then narrower ones.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Rows<TSource>(
        ref float a, nint am, nint ak, ref float b, nint ldb, ref float c, nint ldc, ref float bias, int mode, int m, nint depth, nint n)
        where TSource : struct, IWeightSource
    {
        if ((mode & ~Rectified) is StartFromBias or StartFromZero)
        {
            if (Vector512.IsHardwareAccelerated && n >= Vector512<float>.Count)
            {
                RowsOverlapped<Lanes512, Vector512<float>, TSource>(ref a, am, ak, ref b, ldb, ref c, ldc, ref bias, mode, m, depth, n);
                return;
            }

            if (Vector256.IsHardwareAccelerated && n >= Vector256<float>.Count)
            {
                RowsOverlapped<Lanes256, Vector256<float>, TSource>(ref a, am, ak, ref b, ldb, ref c, ldc, ref bias, mode, m, depth, n);
                return;
            }

            if (Vector128.IsHardwareAccelerated && n >= Vector128<float>.Count)
            {
                RowsOverlapped<Lanes128, Vector128<float>, TSource>(ref a, am, ak, ref b, ldb, ref c, ldc, ref bias, mode, m, depth, n);
                return;
            }
        }

        nint done = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            nint end = n - (n % Vector512<float>.Count);
            Rows<Lanes512, Vector512<float>>(ref a, am, ak, ref b, ldb, ref c, ldc, ref bias, mode, m, depth, done, end);
            done = end;
        }

        if (Vector256.IsHardwareAccelerated)
        {
            nint end = n - (n % Vector256<float>.Count);
            Rows<Lanes256, Vector256<float>>(ref a, am, ak, ref b, ldb, ref c, ldc, ref bias, mode, m, depth, done, end);
            done = Math.Max(done, end);
        }

        if (Vector128.IsHardwareAccelerated)
        {
            nint end = n - (n % Vector128<float>.Count);
            Rows<Lanes128, Vector128<float>>(ref a, am, ak, ref b, ldb, ref c, ldc, ref bias, mode, m, depth, done, end);
            done = Math.Max(done, end);
        }

        Rows<Scalar, float>(ref a, am, ak, ref b, ldb, ref c, ldc, ref bias, mode, m, depth, done, n);
    }

    /// <summary>
    /// Computes <c>C[m, n] = Σₖ A[m·am + k·ak] Bᵀ[n, k]</c> for k in [kStart, kEnd), starting each sum as
    /// <paramref name="mode"/> says, with B given transposed (<c>Bᵀ[n, k]</c> at <c>n·ldbt + k</c>) and transposed
    /// again as its panels are copied. Returns false, computing nothing, for fewer rows than pay for the copies or
    /// without vector hardware.
    /// </summary>
    public static bool TryRunTransposed(
        ref float a, nint am, nint ak, ref float bt, nint ldbt, ref float c, nint ldc, int mode, int m, int kStart, int kEnd, int n)
    {
        ref float a0 = ref Unsafe.Add(ref a, kStart * ak);
        ref float b0 = ref Unsafe.Add(ref bt, kStart);
        nint depth = kEnd - kStart;
        if (m < PackMinRows)
        {
            return false;
        }

        if (Vector512.IsHardwareAccelerated)
        {
            Panels<Lanes512, Vector512<float>>(ref a0, am, ak, ref b0, ldbt, true, ref c, ldc, ref c, mode, m, depth, n);
            return true;
        }

        if (Vector256.IsHardwareAccelerated)
        {
            Panels<Lanes256, Vector256<float>>(ref a0, am, ak, ref b0, ldbt, true, ref c, ldc, ref c, mode, m, depth, n);
            return true;
        }

        if (Vector128.IsHardwareAccelerated)
        {
            Panels<Lanes128, Vector128<float>>(ref a0, am, ak, ref b0, ldbt, true, ref c, ldc, ref c, mode, m, depth, n);
            return true;
        }

        return false;
    }

    /// <summary>
    /// The columns in panels of up to 4 registers. Each panel of B is copied into a contiguous buffer (a whole panel by the
    /// tile of its first four rows, as it computes them; see <see cref="Tile4x4"/>), so that the tiles read it in order
    /// from the L1 cache, unless it lies contiguously already or is the last, partial panel (<see cref="PartialPanel"/>),
    /// whose units that fill no whole register still go through vector tiles. Panels of 4 registers take tiles of 6 or 4
    /// rows; narrower ones (small layers) 8 rows, so that 8 or more independent sums are still in flight.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Panels<TLanes, TVector>(
        ref float a, nint am, nint ak, ref float b, nint ldb, bool transposed, ref float c, nint ldc, ref float bias, int mode, int m, nint depth, nint n)
        where TLanes : struct, ILanes<TVector>
        where TVector : struct
    {
        nint width = TLanes.Count;
        nint panelLength = depth * 4 * width;
        ref float panel = ref PanelBuffer(panelLength + ((m + 1) * 4 * width));
        for (nint n0 = 0; n0 < n; n0 += 4 * width)
        {
            nint columns = Math.Min(4 * width, n - n0);
            nint registers = (columns + width - 1) / width;
            nint stride = registers * width;
            if (transposed)
            {
                PackTransposed(ref Unsafe.Add(ref b, n0 * ldb), ldb, ref panel, stride, depth, columns);
            }
            else if (columns == stride && ldb == columns && stride > width)
            {
                // B's rows lie one panel apart: it is a panel already (weights stored packed, or a layer of 2 to 4 whole
                // registers), read where it is.
                Tiles<TLanes, TVector>(ref a, am, ak, ref Unsafe.Add(ref b, n0), ldb, ref Unsafe.Add(ref c, n0), ldc, ref Unsafe.Add(ref bias, n0), mode, m, depth, registers);
                continue;
            }
            else if (columns == 4 * width && !SixteenRegisters && m < 8)
            {
                // A whole panel for fewer rows than two tiles: a copy would be read once, so the tiles read it in place.
                Tiles<TLanes, TVector>(ref a, am, ak, ref Unsafe.Add(ref b, n0), ldb, ref Unsafe.Add(ref c, n0), ldc, ref Unsafe.Add(ref bias, n0), mode, m, depth, registers);
                continue;
            }
            else if (columns == 4 * width && !SixteenRegisters)
            {
                // A whole panel: the first four rows read it in place and copy it as they go; the others read the copy.
                Tile4x4<TLanes, TVector, CopyPanel>(ref a, am, ak, ref Unsafe.Add(ref b, n0), ldb, ref Unsafe.Add(ref c, n0), ldc, ref Unsafe.Add(ref bias, n0), mode, depth, ref panel, stride);
                Tiles<TLanes, TVector>(ref Unsafe.Add(ref a, 4 * am), am, ak, ref panel, stride, ref Unsafe.Add(ref c, n0 + (4 * ldc)), ldc, ref Unsafe.Add(ref bias, n0), mode, m - 4, depth, registers);
                continue;
            }
            else if (columns < stride && stride > width && mode != AddToOutput)
            {
                // The last panel, its last register partial. B's rows are no multiple of a register apart, so the tiles
                // read them in place, but for the last row or few, whose last register would reach past B's end. (A
                // panel of one register is copied: its tiles wait on loads, which a copy keeps to whole cache lines.)
                nint inPlace = ldb > 0 ? Math.Max(0, depth - ((stride - columns + ldb - 1) / ldb)) : 0;
                Pack<TLanes, TVector>(ref Unsafe.Add(ref b, n0 + (inPlace * ldb)), ldb, ref Unsafe.Add(ref panel, inPlace * stride), stride, depth - inPlace, columns);
                PartialPanel<TLanes, TVector>(ref a, am, ak, ref Unsafe.Add(ref b, n0), ldb, inPlace, ref panel, stride, ref Unsafe.Add(ref c, n0), ldc, ref Unsafe.Add(ref bias, n0), mode, m, depth, columns, ref Unsafe.Add(ref panel, panelLength));
                continue;
            }
            else
            {
                Pack<TLanes, TVector>(ref Unsafe.Add(ref b, n0), ldb, ref panel, stride, depth, columns);
            }

            if (columns == stride)
            {
                Tiles<TLanes, TVector>(ref a, am, ak, ref panel, stride, ref Unsafe.Add(ref c, n0), ldc, ref Unsafe.Add(ref bias, n0), mode, m, depth, registers);
            }
            else
            {
                PartialPanel<TLanes, TVector>(ref a, am, ak, ref panel, stride, 0, ref panel, stride, ref Unsafe.Add(ref c, n0), ldc, ref Unsafe.Add(ref bias, n0), mode, m, depth, columns, ref Unsafe.Add(ref panel, panelLength));
            }
        }
    }

    /// <summary>
    /// A panel whose last register is partial, its rows of B [0, <paramref name="inPlace"/>) read from
    /// <paramref name="b"/> and the rest from the copy in <paramref name="panel"/>. Its tiles compute into
    /// <paramref name="padded"/>, a copy of its columns of C padded to whole registers (m rows, then the bias), written
    /// back after, so that the partial register rides with the whole ones instead of costing a pass over the inputs of
    /// its own. Each sum is still one chain over k in order: split between two reads of B, it goes through the padded
    /// copy exactly. A block added to C (<see cref="AddToOutput"/>) must be summed in one pass: all from the copy.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PartialPanel<TLanes, TVector>(
        ref float a, nint am, nint ak, ref float b, nint ldb, nint inPlace, ref float panel, nint stride, ref float c, nint ldc, ref float bias, int mode, int m, nint depth, nint columns, ref float padded)
        where TLanes : struct, ILanes<TVector>
        where TVector : struct
    {
        nint registers = stride / TLanes.Count;
        ref float paddedBias = ref Unsafe.Add(ref padded, m * stride);
        int start = mode & ~Rectified;
        if (start is StartFromOutput or AddToOutput)
        {
            Pack<TLanes, TVector>(ref c, ldc, ref padded, stride, m, columns);
        }
        else if (start == StartFromBias)
        {
            Pack<TLanes, TVector>(ref bias, 0, ref paddedBias, stride, 1, columns);
        }

        // At least the last row of B comes from the copy: its partial register would reach past B's end.
        if (inPlace > 0)
        {
            Tiles<TLanes, TVector>(ref a, am, ak, ref b, ldb, ref padded, stride, ref paddedBias, start, m, inPlace, registers);
            start = StartFromOutput;
        }

        Tiles<TLanes, TVector>(ref Unsafe.Add(ref a, inPlace * ak), am, ak, ref Unsafe.Add(ref panel, inPlace * stride), stride, ref padded, stride, ref paddedBias, start | (mode & Rectified), m, depth - inPlace, registers);

        for (nint row = 0; row < m; row++)
        {
            Unsafe.CopyBlockUnaligned(
                ref Unsafe.As<float, byte>(ref Unsafe.Add(ref c, row * ldc)), ref Unsafe.As<float, byte>(ref Unsafe.Add(ref padded, row * stride)), (uint)(columns * sizeof(float)));
        }
    }

    /// <summary>All the rows of one panel of <paramref name="registers"/> registers.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Tiles<TLanes, TVector>(
        ref float a, nint am, nint ak, ref float panel, nint stride, ref float c, nint ldc, ref float bias, int mode, int m, nint depth, nint registers)
        where TLanes : struct, ILanes<TVector>
        where TVector : struct
    {
        nint width = TLanes.Count;
        if (registers == 4 && !SixteenRegisters)
        {
            // A panel longer than L1 holds streams from L2 for every tile: with AVX-512's 32 registers, tiles of 6 rows
            // read it a third less often. From L1, tiles of 4 are as fast or faster, so 6 are used only for long panels
            // (docs/performance.md, Batches), or where tiles of 4 would leave 2 or 3 rows to go alone (6 filters of a
            // convolution). Tiles of 4 take what 6 leave, so that at most one row (of an odd count) goes alone: a lone
            // row reads the panel for 4 fused multiply-adds instead of 24.
            nint sixes = width == 16 && (depth * stride * sizeof(float) > L1PanelBytes || m % 4 >= 2) ? SixRowTiles(m) : 0;
            nint row = 0;
            for (; row < 6 * sixes; row += 6)
            {
                Tile6x4<TLanes, TVector>(ref Unsafe.Add(ref a, row * am), am, ak, ref panel, stride, ref Unsafe.Add(ref c, row * ldc), ldc, ref bias, mode, depth);
            }

            for (; row + 4 <= m; row += 4)
            {
                Tile4x4<TLanes, TVector, NoCopy>(ref Unsafe.Add(ref a, row * am), am, ak, ref panel, stride, ref Unsafe.Add(ref c, row * ldc), ldc, ref bias, mode, depth, ref panel, 0);
            }

            for (; row < m; row++)
            {
                Tile1x4<TLanes, TVector, FromCache>(ref Unsafe.Add(ref a, row * am), ak, ref panel, stride, ref Unsafe.Add(ref c, row * ldc), ref bias, mode, depth, 0);
            }

            return;
        }

        if (registers == 3 && !SixteenRegisters)
        {
            // One pass over the inputs for all three registers: 24 sums, as in the tiles of 6 × 4.
            nint row = 0;
            for (; row + 8 <= m; row += 8)
            {
                Tile8x3<TLanes, TVector>(ref Unsafe.Add(ref a, row * am), am, ak, ref panel, stride, ref Unsafe.Add(ref c, row * ldc), ldc, ref bias, mode, depth);
            }

            for (; row < m; row++)
            {
                Tile1x2<TLanes, TVector>(ref Unsafe.Add(ref a, row * am), ak, ref panel, stride, ref Unsafe.Add(ref c, row * ldc), ref bias, mode, depth, width);
                Tile1x1<TLanes, TVector>(ref Unsafe.Add(ref a, row * am), ak, ref Unsafe.Add(ref panel, 2 * width), stride, ref Unsafe.Add(ref c, (row * ldc) + (2 * width)), ref Unsafe.Add(ref bias, 2 * width), mode, depth);
            }

            return;
        }

        nint done = 0;
        if (registers >= 2 && SixteenRegisters)
        {
            for (; done + (2 * width) <= registers * width; done += 2 * width)
            {
                TwoRegisterRows<TLanes, TVector>(ref a, am, ak, ref Unsafe.Add(ref panel, done), stride, ref Unsafe.Add(ref c, done), ldc, ref Unsafe.Add(ref bias, done), mode, m, depth);
            }
        }
        else if (registers >= 2)
        {
            nint row = 0;
            for (; row + 8 <= m; row += 8)
            {
                Tile8x2<TLanes, TVector>(ref Unsafe.Add(ref a, row * am), am, ak, ref panel, stride, ref Unsafe.Add(ref c, row * ldc), ldc, ref bias, mode, depth);
            }

            for (; row < m; row++)
            {
                Tile1x2<TLanes, TVector>(ref Unsafe.Add(ref a, row * am), ak, ref panel, stride, ref Unsafe.Add(ref c, row * ldc), ref bias, mode, depth, TLanes.Count);
            }

            done = 2 * width;
        }

        if (done < registers * width)
        {
            ref float panelRest = ref Unsafe.Add(ref panel, done);
            ref float cRest = ref Unsafe.Add(ref c, done);
            ref float biasRest = ref Unsafe.Add(ref bias, done);
            nint row = 0;
            for (; row + 8 <= m; row += 8)
            {
                Tile8x1<TLanes, TVector>(ref Unsafe.Add(ref a, row * am), am, ak, ref panelRest, stride, ref Unsafe.Add(ref cRest, row * ldc), ldc, ref biasRest, mode, depth);
            }

            for (; row < m; row++)
            {
                Tile1x1<TLanes, TVector>(ref Unsafe.Add(ref a, row * am), ak, ref panelRest, stride, ref Unsafe.Add(ref cRest, row * ldc), ref biasRest, mode, depth);
            }
        }
    }

    /// <summary>All the rows of 2 registers of a panel, on a processor with 16 vector registers.</summary>
    private static void TwoRegisterRows<TLanes, TVector>(
        ref float a, nint am, nint ak, ref float panel, nint stride, ref float c, nint ldc, ref float bias, int mode, int m, nint depth)
        where TLanes : struct, ILanes<TVector>
        where TVector : struct
    {
        nint sixes = SixRowTiles(m);
        nint row = 0;
        for (; row < 6 * sixes; row += 6)
        {
            Tile6x2<TLanes, TVector>(ref Unsafe.Add(ref a, row * am), am, ak, ref panel, stride, ref Unsafe.Add(ref c, row * ldc), ldc, ref bias, mode, depth);
        }

        for (; row + 4 <= m; row += 4)
        {
            Tile4x2<TLanes, TVector>(ref Unsafe.Add(ref a, row * am), am, ak, ref panel, stride, ref Unsafe.Add(ref c, row * ldc), ldc, ref bias, mode, depth);
        }

        for (; row < m; row++)
        {
            Tile1x2<TLanes, TVector>(ref Unsafe.Add(ref a, row * am), ak, ref panel, stride, ref Unsafe.Add(ref c, row * ldc), ref bias, mode, depth, TLanes.Count);
        }
    }

    /// <summary>How many tiles of 6 of <paramref name="m"/> rows leave a multiple of 4 (and at most one row) to the tiles of 4.</summary>
    private static nint SixRowTiles(nint m)
    {
        nint fours = (m % 6) switch
        {
            >= 4 => 1,
            >= 2 when m >= 8 => 2,
            _ => 0,
        };
        return (m - (4 * fours)) / 6;
    }

    /// <summary>
    /// One row at a time for the columns [0, n), at least one register's worth, where a tile does not read what it
    /// writes: whole tiles of 16 registers, then the smallest tile that holds the rest, its upper half moved back to end
    /// at the last column (or, after whole tiles, one register ending there). The columns computed twice get the same
    /// bits, and the rest of a row costs one pass over k instead of a pass for each narrower width, each as long as the
    /// sums are deep and waiting on its few chains (a 300-unit layer's last 44 units: 32, then 8, then 4).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RowsOverlapped<TLanes, TVector, TSource>(
        ref float a, nint am, nint ak, ref float b, nint ldb, ref float c, nint ldc, ref float bias, int mode, int m, nint depth, nint n)
        where TLanes : struct, ILanes<TVector>
        where TVector : struct
        where TSource : struct, IWeightSource
    {
        nint w = TLanes.Count;
        for (nint row = 0; row < m; row++)
        {
            ref float ar = ref Unsafe.Add(ref a, row * am);
            ref float cr = ref Unsafe.Add(ref c, row * ldc);
            nint j = 0;
            for (; n - j > 16 * w; j += 16 * w)
            {
                Tile1x16<TLanes, TVector, TSource>(ref ar, ak, ref Unsafe.Add(ref b, j), ldb, ref Unsafe.Add(ref cr, j), ref Unsafe.Add(ref bias, j), mode, depth, 0);
            }

            nint rest = n - j;
            if (rest <= w)
            {
                j = n - w;
            }

            ref float bj = ref Unsafe.Add(ref b, j);
            ref float cj = ref Unsafe.Add(ref cr, j);
            ref float biasj = ref Unsafe.Add(ref bias, j);
            if (rest > 8 * w)
            {
                Tile1x16<TLanes, TVector, TSource>(ref ar, ak, ref bj, ldb, ref cj, ref biasj, mode, depth, rest - (16 * w));
            }
            else if (rest > 4 * w)
            {
                Tile1x8<TLanes, TVector, TSource>(ref ar, ak, ref bj, ldb, ref cj, ref biasj, mode, depth, rest - (8 * w));
            }
            else if (rest > 2 * w)
            {
                Tile1x4<TLanes, TVector, TSource>(ref ar, ak, ref bj, ldb, ref cj, ref biasj, mode, depth, rest - (4 * w));
            }
            else if (rest > w)
            {
                Tile1x2<TLanes, TVector>(ref ar, ak, ref bj, ldb, ref cj, ref biasj, mode, depth, rest - w);
            }
            else
            {
                Tile1x1<TLanes, TVector>(ref ar, ak, ref bj, ldb, ref cj, ref biasj, mode, depth);
            }
        }
    }

    /// <summary>
    /// One row at a time for the columns [n0, n1) (a multiple of the width), B read where it is, where the tiles read what
    /// they write (blocks after the first, gradients) or fewer columns than a register. One row has no rows to share a
    /// load of B with; 16 or 8 registers of sums keep both fused multiply-add pipes busy while it streams in.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Rows<TLanes, TVector>(
        ref float a, nint am, nint ak, ref float b, nint ldb, ref float c, nint ldc, ref float bias, int mode, int m, nint depth, nint n0, nint n1)
        where TLanes : struct, ILanes<TVector>
        where TVector : struct
    {
        nint width = TLanes.Count;
        for (nint row = 0; row < m; row++)
        {
            ref float ar = ref Unsafe.Add(ref a, row * am);
            ref float cr = ref Unsafe.Add(ref c, row * ldc);
            nint n = n0;
            for (; n + (16 * width) <= n1; n += 16 * width)
            {
                Tile1x16<TLanes, TVector, FromCache>(ref ar, ak, ref Unsafe.Add(ref b, n), ldb, ref Unsafe.Add(ref cr, n), ref Unsafe.Add(ref bias, n), mode, depth, 0);
            }

            for (; n + (8 * width) <= n1; n += 8 * width)
            {
                Tile1x8<TLanes, TVector, FromCache>(ref ar, ak, ref Unsafe.Add(ref b, n), ldb, ref Unsafe.Add(ref cr, n), ref Unsafe.Add(ref bias, n), mode, depth, 0);
            }

            for (; n + (4 * width) <= n1; n += 4 * width)
            {
                Tile1x4<TLanes, TVector, FromCache>(ref ar, ak, ref Unsafe.Add(ref b, n), ldb, ref Unsafe.Add(ref cr, n), ref Unsafe.Add(ref bias, n), mode, depth, 0);
            }

            for (; n + (2 * width) <= n1; n += 2 * width)
            {
                Tile1x2<TLanes, TVector>(ref ar, ak, ref Unsafe.Add(ref b, n), ldb, ref Unsafe.Add(ref cr, n), ref Unsafe.Add(ref bias, n), mode, depth, TLanes.Count);
            }

            for (; n + width <= n1; n += width)
            {
                Tile1x1<TLanes, TVector>(ref ar, ak, ref Unsafe.Add(ref b, n), ldb, ref Unsafe.Add(ref cr, n), ref Unsafe.Add(ref bias, n), mode, depth);
            }
        }
    }

    /// <summary>The thread's panel buffer, at least <paramref name="length"/> floats from a 64-byte boundary.</summary>
    internal static ref float PanelBuffer(nint length)
    {
        AlignedBuffer? buffer = t_panel;
        if (buffer is null || buffer.Length < length)
        {
            buffer = new AlignedBuffer((int)length);
            t_panel = buffer;
        }

        return ref buffer.Origin;
    }

    /// <summary>
    /// Copies <paramref name="depth"/> rows of <paramref name="columns"/> values, padded to <paramref name="stride"/>: a
    /// panel of B, or the sums of a partial panel of C.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Pack<TLanes, TVector>(ref float source, nint ldb, ref float panel, nint stride, nint depth, nint columns)
        where TLanes : struct, ILanes<TVector>
        where TVector : struct
    {
        nint width = TLanes.Count;
        nint whole = columns - (columns % width);

        // A partial last register is copied whole while that stays inside the source (all rows but the last one or few):
        // its lanes past the columns then hold the next row's first values instead of zeros, which is harmless, since a
        // lane of B (or of the sums of a partial panel) only ever meets the same lane of the sums, and those lanes of the
        // padded sums are never copied back.
        // Element by element, a 10-unit layer's copy took longer than its 8 fused multiply-adds per input.
        nint wholeRows = stride > whole && ldb > 0 ? Math.Max(0, depth - ((stride - columns + ldb - 1) / ldb)) : 0;
        for (nint k = 0; k < depth; k++)
        {
            ref float row = ref Unsafe.Add(ref source, k * ldb);
            ref float copy = ref Unsafe.Add(ref panel, k * stride);
            nint j = 0;
            for (; j < whole; j += width)
            {
                TLanes.Store(TLanes.Load(ref row, j), ref copy, j);
            }

            if (k < wholeRows)
            {
                TLanes.Store(TLanes.Load(ref row, j), ref copy, j);
                continue;
            }

            for (; j < stride; j++)
            {
                Unsafe.Add(ref copy, j) = j < columns ? Unsafe.Add(ref row, j) : 0f;
            }
        }
    }

    /// <summary>
    /// Copies the transpose of <paramref name="columns"/> rows of <paramref name="depth"/> values, zero-padded to
    /// <paramref name="stride"/>: each row of Bᵀ is read in order and written down a column of the panel, in the L1 cache.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackTransposed(ref float source, nint ldbt, ref float panel, nint stride, nint depth, nint columns)
    {
        for (nint j = 0; j < stride; j++)
        {
            ref float row = ref Unsafe.Add(ref source, j * ldbt);
            ref float column = ref Unsafe.Add(ref panel, j);
            if (j < columns)
            {
                for (nint k = 0; k < depth; k++)
                {
                    Unsafe.Add(ref column, k * stride) = Unsafe.Add(ref row, k);
                }
            }
            else
            {
                for (nint k = 0; k < depth; k++)
                {
                    Unsafe.Add(ref column, k * stride) = 0f;
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector Start<TLanes, TVector>(ref float bias, ref float output, nint offset, int mode)
        where TLanes : struct, ILanes<TVector>
        where TVector : struct => (mode & ~Rectified) switch
        {
            StartFromBias => TLanes.Load(ref bias, offset),
            StartFromOutput => TLanes.Load(ref output, offset),
            _ => TLanes.Zero,
        };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish<TLanes, TVector>(TVector sum, ref float output, nint offset, int mode)
        where TLanes : struct, ILanes<TVector>
        where TVector : struct
    {
        if ((mode & Rectified) != 0)
        {
            sum = TLanes.Rectify(sum);
        }

        TLanes.Store(mode == AddToOutput ? TLanes.Add(TLanes.Load(ref output, offset), sum) : sum, ref output, offset);
    }

    /// <summary>
    /// 4 rows × 4 registers. With <typeparamref name="TCopy"/> = <see cref="CopyPanel"/> it also writes each row of B it
    /// reads into <paramref name="copy"/>, so that the first rows of a panel copy it while they compute: the transfer of
    /// the weights from L2 or L3 then overlaps the arithmetic instead of preceding it.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Tile4x4<TLanes, TVector, TCopy>(
        ref float a, nint am, nint ak, ref float b, nint ldb, ref float c, nint ldc, ref float bias, int mode, nint depth, ref float copy, nint copyStride)
        where TLanes : struct, ILanes<TVector>
        where TVector : struct
        where TCopy : struct, IPanelCopy
    {
        nint w = TLanes.Count;
        ref float c1 = ref Unsafe.Add(ref c, ldc);
        ref float c2 = ref Unsafe.Add(ref c, 2 * ldc);
        ref float c3 = ref Unsafe.Add(ref c, 3 * ldc);
        TVector s00 = Start<TLanes, TVector>(ref bias, ref c, 0, mode), s01 = Start<TLanes, TVector>(ref bias, ref c, w, mode);
        TVector s02 = Start<TLanes, TVector>(ref bias, ref c, 2 * w, mode), s03 = Start<TLanes, TVector>(ref bias, ref c, 3 * w, mode);
        TVector s10 = Start<TLanes, TVector>(ref bias, ref c1, 0, mode), s11 = Start<TLanes, TVector>(ref bias, ref c1, w, mode);
        TVector s12 = Start<TLanes, TVector>(ref bias, ref c1, 2 * w, mode), s13 = Start<TLanes, TVector>(ref bias, ref c1, 3 * w, mode);
        TVector s20 = Start<TLanes, TVector>(ref bias, ref c2, 0, mode), s21 = Start<TLanes, TVector>(ref bias, ref c2, w, mode);
        TVector s22 = Start<TLanes, TVector>(ref bias, ref c2, 2 * w, mode), s23 = Start<TLanes, TVector>(ref bias, ref c2, 3 * w, mode);
        TVector s30 = Start<TLanes, TVector>(ref bias, ref c3, 0, mode), s31 = Start<TLanes, TVector>(ref bias, ref c3, w, mode);
        TVector s32 = Start<TLanes, TVector>(ref bias, ref c3, 2 * w, mode), s33 = Start<TLanes, TVector>(ref bias, ref c3, 3 * w, mode);
        ref float ak0 = ref a;
        ref float bk = ref b;
        ref float ck = ref copy;
        for (nint k = 0; k < depth; k++)
        {
            TVector b0 = TLanes.Load(ref bk, 0), b1 = TLanes.Load(ref bk, w), b2 = TLanes.Load(ref bk, 2 * w), b3 = TLanes.Load(ref bk, 3 * w);
            if (TCopy.Enabled)
            {
                TLanes.Store(b0, ref ck, 0);
                TLanes.Store(b1, ref ck, w);
                TLanes.Store(b2, ref ck, 2 * w);
                TLanes.Store(b3, ref ck, 3 * w);
                ck = ref Unsafe.Add(ref ck, copyStride);
            }

            TVector x = TLanes.Broadcast(ak0);
            s00 = TLanes.MultiplyAdd(x, b0, s00);
            s01 = TLanes.MultiplyAdd(x, b1, s01);
            s02 = TLanes.MultiplyAdd(x, b2, s02);
            s03 = TLanes.MultiplyAdd(x, b3, s03);
            x = TLanes.Broadcast(Unsafe.Add(ref ak0, am));
            s10 = TLanes.MultiplyAdd(x, b0, s10);
            s11 = TLanes.MultiplyAdd(x, b1, s11);
            s12 = TLanes.MultiplyAdd(x, b2, s12);
            s13 = TLanes.MultiplyAdd(x, b3, s13);
            x = TLanes.Broadcast(Unsafe.Add(ref ak0, 2 * am));
            s20 = TLanes.MultiplyAdd(x, b0, s20);
            s21 = TLanes.MultiplyAdd(x, b1, s21);
            s22 = TLanes.MultiplyAdd(x, b2, s22);
            s23 = TLanes.MultiplyAdd(x, b3, s23);
            x = TLanes.Broadcast(Unsafe.Add(ref ak0, 3 * am));
            s30 = TLanes.MultiplyAdd(x, b0, s30);
            s31 = TLanes.MultiplyAdd(x, b1, s31);
            s32 = TLanes.MultiplyAdd(x, b2, s32);
            s33 = TLanes.MultiplyAdd(x, b3, s33);
            ak0 = ref Unsafe.Add(ref ak0, ak);
            bk = ref Unsafe.Add(ref bk, ldb);
        }

        Finish<TLanes, TVector>(s00, ref c, 0, mode);
        Finish<TLanes, TVector>(s01, ref c, w, mode);
        Finish<TLanes, TVector>(s02, ref c, 2 * w, mode);
        Finish<TLanes, TVector>(s03, ref c, 3 * w, mode);
        Finish<TLanes, TVector>(s10, ref c1, 0, mode);
        Finish<TLanes, TVector>(s11, ref c1, w, mode);
        Finish<TLanes, TVector>(s12, ref c1, 2 * w, mode);
        Finish<TLanes, TVector>(s13, ref c1, 3 * w, mode);
        Finish<TLanes, TVector>(s20, ref c2, 0, mode);
        Finish<TLanes, TVector>(s21, ref c2, w, mode);
        Finish<TLanes, TVector>(s22, ref c2, 2 * w, mode);
        Finish<TLanes, TVector>(s23, ref c2, 3 * w, mode);
        Finish<TLanes, TVector>(s30, ref c3, 0, mode);
        Finish<TLanes, TVector>(s31, ref c3, w, mode);
        Finish<TLanes, TVector>(s32, ref c3, 2 * w, mode);
        Finish<TLanes, TVector>(s33, ref c3, 3 * w, mode);
    }

    /// <summary>Whether a tile writes the rows of B it reads into a panel (a constant per type, so the JIT drops the other branch).</summary>
    private interface IPanelCopy
    {
        static abstract bool Enabled { get; }
    }

    private readonly struct CopyPanel : IPanelCopy
    {
        public static bool Enabled => true;
    }

    private readonly struct NoCopy : IPanelCopy
    {
        public static bool Enabled => false;
    }

    /// <summary>
    /// Where a one-row tile's B comes from (a constant per type, as <see cref="IPanelCopy"/>): from L1 or L2, or streamed
    /// from beyond L2, where the hardware prefetchers, which stop at each 4 KiB page, leave the loads waiting.
    /// </summary>
    private interface IWeightSource
    {
        static abstract bool Streams { get; }
    }

    private readonly struct FromCache : IWeightSource
    {
        public static bool Streams => false;
    }

    private readonly struct FromMemory : IWeightSource
    {
        public static bool Streams => true;
    }

    // How far ahead a tile asks for B: the row about 1 KiB on (packed panels: 4 rows of 64 units), or the next row
    // where rows are longer (docs/performance.md, One row from L3 and Batches).
    private const int PrefetchFloats = 256;

    /// <summary>The offset, in floats, of the row of B that a tile prefetches.</summary>
    private static nint PrefetchOffset(nint ldb) => ldb * Math.Max(1, PrefetchFloats / ldb);

    /// <summary>Asks for every cache line of <paramref name="floats"/> of B at <paramref name="offset"/> past <paramref name="bk"/> (a hint: it never faults).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void PrefetchAhead(ref float bk, nint offset, nint floats)
    {
        if (Sse.IsSupported)
        {
            ref float ahead = ref Unsafe.Add(ref bk, offset);
            for (nint line = 0; line < floats; line += 16)
            {
                Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref ahead, line)));
            }
        }
    }

    /// <summary>
    /// 6 rows × 4 registers: 24 sums, the most the 32 vector registers hold beside a row of B and a broadcast value.
    /// Its panels are mostly longer than L1 holds, so it asks for B's rows a few k ahead rather than trust the L1
    /// prefetchers of every processor to keep up with L2 (docs/performance.md, Batches).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Tile6x4<TLanes, TVector>(
        ref float a, nint am, nint ak, ref float b, nint ldb, ref float c, nint ldc, ref float bias, int mode, nint depth)
        where TLanes : struct, ILanes<TVector>
        where TVector : struct
    {
        nint w = TLanes.Count;
        ref float c1 = ref Unsafe.Add(ref c, ldc);
        ref float c2 = ref Unsafe.Add(ref c, 2 * ldc);
        ref float c3 = ref Unsafe.Add(ref c, 3 * ldc);
        ref float c4 = ref Unsafe.Add(ref c, 4 * ldc);
        ref float c5 = ref Unsafe.Add(ref c, 5 * ldc);
        TVector s00 = Start<TLanes, TVector>(ref bias, ref c, 0, mode), s01 = Start<TLanes, TVector>(ref bias, ref c, w, mode);
        TVector s02 = Start<TLanes, TVector>(ref bias, ref c, 2 * w, mode), s03 = Start<TLanes, TVector>(ref bias, ref c, 3 * w, mode);
        TVector s10 = Start<TLanes, TVector>(ref bias, ref c1, 0, mode), s11 = Start<TLanes, TVector>(ref bias, ref c1, w, mode);
        TVector s12 = Start<TLanes, TVector>(ref bias, ref c1, 2 * w, mode), s13 = Start<TLanes, TVector>(ref bias, ref c1, 3 * w, mode);
        TVector s20 = Start<TLanes, TVector>(ref bias, ref c2, 0, mode), s21 = Start<TLanes, TVector>(ref bias, ref c2, w, mode);
        TVector s22 = Start<TLanes, TVector>(ref bias, ref c2, 2 * w, mode), s23 = Start<TLanes, TVector>(ref bias, ref c2, 3 * w, mode);
        TVector s30 = Start<TLanes, TVector>(ref bias, ref c3, 0, mode), s31 = Start<TLanes, TVector>(ref bias, ref c3, w, mode);
        TVector s32 = Start<TLanes, TVector>(ref bias, ref c3, 2 * w, mode), s33 = Start<TLanes, TVector>(ref bias, ref c3, 3 * w, mode);
        TVector s40 = Start<TLanes, TVector>(ref bias, ref c4, 0, mode), s41 = Start<TLanes, TVector>(ref bias, ref c4, w, mode);
        TVector s42 = Start<TLanes, TVector>(ref bias, ref c4, 2 * w, mode), s43 = Start<TLanes, TVector>(ref bias, ref c4, 3 * w, mode);
        TVector s50 = Start<TLanes, TVector>(ref bias, ref c5, 0, mode), s51 = Start<TLanes, TVector>(ref bias, ref c5, w, mode);
        TVector s52 = Start<TLanes, TVector>(ref bias, ref c5, 2 * w, mode), s53 = Start<TLanes, TVector>(ref bias, ref c5, 3 * w, mode);
        ref float ak0 = ref a;
        ref float bk = ref b;
        nint ahead = PrefetchOffset(ldb);
        for (nint k = 0; k < depth; k++)
        {
            PrefetchAhead(ref bk, ahead, 4 * w);
            TVector b0 = TLanes.Load(ref bk, 0), b1 = TLanes.Load(ref bk, w), b2 = TLanes.Load(ref bk, 2 * w), b3 = TLanes.Load(ref bk, 3 * w);
            TVector x = TLanes.Broadcast(ak0);
            s00 = TLanes.MultiplyAdd(x, b0, s00);
            s01 = TLanes.MultiplyAdd(x, b1, s01);
            s02 = TLanes.MultiplyAdd(x, b2, s02);
            s03 = TLanes.MultiplyAdd(x, b3, s03);
            x = TLanes.Broadcast(Unsafe.Add(ref ak0, am));
            s10 = TLanes.MultiplyAdd(x, b0, s10);
            s11 = TLanes.MultiplyAdd(x, b1, s11);
            s12 = TLanes.MultiplyAdd(x, b2, s12);
            s13 = TLanes.MultiplyAdd(x, b3, s13);
            x = TLanes.Broadcast(Unsafe.Add(ref ak0, 2 * am));
            s20 = TLanes.MultiplyAdd(x, b0, s20);
            s21 = TLanes.MultiplyAdd(x, b1, s21);
            s22 = TLanes.MultiplyAdd(x, b2, s22);
            s23 = TLanes.MultiplyAdd(x, b3, s23);
            x = TLanes.Broadcast(Unsafe.Add(ref ak0, 3 * am));
            s30 = TLanes.MultiplyAdd(x, b0, s30);
            s31 = TLanes.MultiplyAdd(x, b1, s31);
            s32 = TLanes.MultiplyAdd(x, b2, s32);
            s33 = TLanes.MultiplyAdd(x, b3, s33);
            x = TLanes.Broadcast(Unsafe.Add(ref ak0, 4 * am));
            s40 = TLanes.MultiplyAdd(x, b0, s40);
            s41 = TLanes.MultiplyAdd(x, b1, s41);
            s42 = TLanes.MultiplyAdd(x, b2, s42);
            s43 = TLanes.MultiplyAdd(x, b3, s43);
            x = TLanes.Broadcast(Unsafe.Add(ref ak0, 5 * am));
            s50 = TLanes.MultiplyAdd(x, b0, s50);
            s51 = TLanes.MultiplyAdd(x, b1, s51);
            s52 = TLanes.MultiplyAdd(x, b2, s52);
            s53 = TLanes.MultiplyAdd(x, b3, s53);
            ak0 = ref Unsafe.Add(ref ak0, ak);
            bk = ref Unsafe.Add(ref bk, ldb);
        }

        Finish<TLanes, TVector>(s00, ref c, 0, mode);
        Finish<TLanes, TVector>(s01, ref c, w, mode);
        Finish<TLanes, TVector>(s02, ref c, 2 * w, mode);
        Finish<TLanes, TVector>(s03, ref c, 3 * w, mode);
        Finish<TLanes, TVector>(s10, ref c1, 0, mode);
        Finish<TLanes, TVector>(s11, ref c1, w, mode);
        Finish<TLanes, TVector>(s12, ref c1, 2 * w, mode);
        Finish<TLanes, TVector>(s13, ref c1, 3 * w, mode);
        Finish<TLanes, TVector>(s20, ref c2, 0, mode);
        Finish<TLanes, TVector>(s21, ref c2, w, mode);
        Finish<TLanes, TVector>(s22, ref c2, 2 * w, mode);
        Finish<TLanes, TVector>(s23, ref c2, 3 * w, mode);
        Finish<TLanes, TVector>(s30, ref c3, 0, mode);
        Finish<TLanes, TVector>(s31, ref c3, w, mode);
        Finish<TLanes, TVector>(s32, ref c3, 2 * w, mode);
        Finish<TLanes, TVector>(s33, ref c3, 3 * w, mode);
        Finish<TLanes, TVector>(s40, ref c4, 0, mode);
        Finish<TLanes, TVector>(s41, ref c4, w, mode);
        Finish<TLanes, TVector>(s42, ref c4, 2 * w, mode);
        Finish<TLanes, TVector>(s43, ref c4, 3 * w, mode);
        Finish<TLanes, TVector>(s50, ref c5, 0, mode);
        Finish<TLanes, TVector>(s51, ref c5, w, mode);
        Finish<TLanes, TVector>(s52, ref c5, 2 * w, mode);
        Finish<TLanes, TVector>(s53, ref c5, 3 * w, mode);
    }

    /// <summary>8 rows × 2 registers: the tile of a panel of 2 registers (17 to 32 units at 512 bits).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Tile8x2<TLanes, TVector>(
        ref float a, nint am, nint ak, ref float b, nint ldb, ref float c, nint ldc, ref float bias, int mode, nint depth)
        where TLanes : struct, ILanes<TVector>
        where TVector : struct
    {
        nint w = TLanes.Count;
        ref float c1 = ref Unsafe.Add(ref c, ldc);
        ref float c2 = ref Unsafe.Add(ref c, 2 * ldc);
        ref float c3 = ref Unsafe.Add(ref c, 3 * ldc);
        ref float c4 = ref Unsafe.Add(ref c, 4 * ldc);
        ref float c5 = ref Unsafe.Add(ref c, 5 * ldc);
        ref float c6 = ref Unsafe.Add(ref c, 6 * ldc);
        ref float c7 = ref Unsafe.Add(ref c, 7 * ldc);
        TVector s00 = Start<TLanes, TVector>(ref bias, ref c, 0, mode), s01 = Start<TLanes, TVector>(ref bias, ref c, w, mode);
        TVector s10 = Start<TLanes, TVector>(ref bias, ref c1, 0, mode), s11 = Start<TLanes, TVector>(ref bias, ref c1, w, mode);
        TVector s20 = Start<TLanes, TVector>(ref bias, ref c2, 0, mode), s21 = Start<TLanes, TVector>(ref bias, ref c2, w, mode);
        TVector s30 = Start<TLanes, TVector>(ref bias, ref c3, 0, mode), s31 = Start<TLanes, TVector>(ref bias, ref c3, w, mode);
        TVector s40 = Start<TLanes, TVector>(ref bias, ref c4, 0, mode), s41 = Start<TLanes, TVector>(ref bias, ref c4, w, mode);
        TVector s50 = Start<TLanes, TVector>(ref bias, ref c5, 0, mode), s51 = Start<TLanes, TVector>(ref bias, ref c5, w, mode);
        TVector s60 = Start<TLanes, TVector>(ref bias, ref c6, 0, mode), s61 = Start<TLanes, TVector>(ref bias, ref c6, w, mode);
        TVector s70 = Start<TLanes, TVector>(ref bias, ref c7, 0, mode), s71 = Start<TLanes, TVector>(ref bias, ref c7, w, mode);
        ref float ak0 = ref a;
        ref float ak4 = ref Unsafe.Add(ref a, 4 * am);
        ref float bk = ref b;
        for (nint k = 0; k < depth; k++)
        {
            TVector b0 = TLanes.Load(ref bk, 0), b1 = TLanes.Load(ref bk, w);
            TVector x = TLanes.Broadcast(ak0);
            s00 = TLanes.MultiplyAdd(x, b0, s00);
            s01 = TLanes.MultiplyAdd(x, b1, s01);
            x = TLanes.Broadcast(Unsafe.Add(ref ak0, am));
            s10 = TLanes.MultiplyAdd(x, b0, s10);
            s11 = TLanes.MultiplyAdd(x, b1, s11);
            x = TLanes.Broadcast(Unsafe.Add(ref ak0, 2 * am));
            s20 = TLanes.MultiplyAdd(x, b0, s20);
            s21 = TLanes.MultiplyAdd(x, b1, s21);
            x = TLanes.Broadcast(Unsafe.Add(ref ak0, 3 * am));
            s30 = TLanes.MultiplyAdd(x, b0, s30);
            s31 = TLanes.MultiplyAdd(x, b1, s31);
            x = TLanes.Broadcast(ak4);
            s40 = TLanes.MultiplyAdd(x, b0, s40);
            s41 = TLanes.MultiplyAdd(x, b1, s41);
            x = TLanes.Broadcast(Unsafe.Add(ref ak4, am));
            s50 = TLanes.MultiplyAdd(x, b0, s50);
            s51 = TLanes.MultiplyAdd(x, b1, s51);
            x = TLanes.Broadcast(Unsafe.Add(ref ak4, 2 * am));
            s60 = TLanes.MultiplyAdd(x, b0, s60);
            s61 = TLanes.MultiplyAdd(x, b1, s61);
            x = TLanes.Broadcast(Unsafe.Add(ref ak4, 3 * am));
            s70 = TLanes.MultiplyAdd(x, b0, s70);
            s71 = TLanes.MultiplyAdd(x, b1, s71);
            ak0 = ref Unsafe.Add(ref ak0, ak);
            ak4 = ref Unsafe.Add(ref ak4, ak);
            bk = ref Unsafe.Add(ref bk, ldb);
        }

        Finish<TLanes, TVector>(s00, ref c, 0, mode);
        Finish<TLanes, TVector>(s01, ref c, w, mode);
        Finish<TLanes, TVector>(s10, ref c1, 0, mode);
        Finish<TLanes, TVector>(s11, ref c1, w, mode);
        Finish<TLanes, TVector>(s20, ref c2, 0, mode);
        Finish<TLanes, TVector>(s21, ref c2, w, mode);
        Finish<TLanes, TVector>(s30, ref c3, 0, mode);
        Finish<TLanes, TVector>(s31, ref c3, w, mode);
        Finish<TLanes, TVector>(s40, ref c4, 0, mode);
        Finish<TLanes, TVector>(s41, ref c4, w, mode);
        Finish<TLanes, TVector>(s50, ref c5, 0, mode);
        Finish<TLanes, TVector>(s51, ref c5, w, mode);
        Finish<TLanes, TVector>(s60, ref c6, 0, mode);
        Finish<TLanes, TVector>(s61, ref c6, w, mode);
        Finish<TLanes, TVector>(s70, ref c7, 0, mode);
        Finish<TLanes, TVector>(s71, ref c7, w, mode);
    }

    /// <summary>8 rows × 3 registers: 24 sums, the tile of a panel of 3 registers (33 to 48 units at 512 bits).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Tile8x3<TLanes, TVector>(
        ref float a, nint am, nint ak, ref float b, nint ldb, ref float c, nint ldc, ref float bias, int mode, nint depth)
        where TLanes : struct, ILanes<TVector>
        where TVector : struct
    {
        nint w = TLanes.Count;
        ref float c1 = ref Unsafe.Add(ref c, ldc);
        ref float c2 = ref Unsafe.Add(ref c, 2 * ldc);
        ref float c3 = ref Unsafe.Add(ref c, 3 * ldc);
        ref float c4 = ref Unsafe.Add(ref c, 4 * ldc);
        ref float c5 = ref Unsafe.Add(ref c, 5 * ldc);
        ref float c6 = ref Unsafe.Add(ref c, 6 * ldc);
        ref float c7 = ref Unsafe.Add(ref c, 7 * ldc);
        TVector s00 = Start<TLanes, TVector>(ref bias, ref c, 0, mode), s01 = Start<TLanes, TVector>(ref bias, ref c, w, mode), s02 = Start<TLanes, TVector>(ref bias, ref c, 2 * w, mode);
        TVector s10 = Start<TLanes, TVector>(ref bias, ref c1, 0, mode), s11 = Start<TLanes, TVector>(ref bias, ref c1, w, mode), s12 = Start<TLanes, TVector>(ref bias, ref c1, 2 * w, mode);
        TVector s20 = Start<TLanes, TVector>(ref bias, ref c2, 0, mode), s21 = Start<TLanes, TVector>(ref bias, ref c2, w, mode), s22 = Start<TLanes, TVector>(ref bias, ref c2, 2 * w, mode);
        TVector s30 = Start<TLanes, TVector>(ref bias, ref c3, 0, mode), s31 = Start<TLanes, TVector>(ref bias, ref c3, w, mode), s32 = Start<TLanes, TVector>(ref bias, ref c3, 2 * w, mode);
        TVector s40 = Start<TLanes, TVector>(ref bias, ref c4, 0, mode), s41 = Start<TLanes, TVector>(ref bias, ref c4, w, mode), s42 = Start<TLanes, TVector>(ref bias, ref c4, 2 * w, mode);
        TVector s50 = Start<TLanes, TVector>(ref bias, ref c5, 0, mode), s51 = Start<TLanes, TVector>(ref bias, ref c5, w, mode), s52 = Start<TLanes, TVector>(ref bias, ref c5, 2 * w, mode);
        TVector s60 = Start<TLanes, TVector>(ref bias, ref c6, 0, mode), s61 = Start<TLanes, TVector>(ref bias, ref c6, w, mode), s62 = Start<TLanes, TVector>(ref bias, ref c6, 2 * w, mode);
        TVector s70 = Start<TLanes, TVector>(ref bias, ref c7, 0, mode), s71 = Start<TLanes, TVector>(ref bias, ref c7, w, mode), s72 = Start<TLanes, TVector>(ref bias, ref c7, 2 * w, mode);
        ref float ak0 = ref a;
        ref float ak4 = ref Unsafe.Add(ref a, 4 * am);
        ref float bk = ref b;
        for (nint k = 0; k < depth; k++)
        {
            TVector b0 = TLanes.Load(ref bk, 0), b1 = TLanes.Load(ref bk, w), b2 = TLanes.Load(ref bk, 2 * w);
            TVector x = TLanes.Broadcast(ak0);
            s00 = TLanes.MultiplyAdd(x, b0, s00);
            s01 = TLanes.MultiplyAdd(x, b1, s01);
            s02 = TLanes.MultiplyAdd(x, b2, s02);
            x = TLanes.Broadcast(Unsafe.Add(ref ak0, am));
            s10 = TLanes.MultiplyAdd(x, b0, s10);
            s11 = TLanes.MultiplyAdd(x, b1, s11);
            s12 = TLanes.MultiplyAdd(x, b2, s12);
            x = TLanes.Broadcast(Unsafe.Add(ref ak0, 2 * am));
            s20 = TLanes.MultiplyAdd(x, b0, s20);
            s21 = TLanes.MultiplyAdd(x, b1, s21);
            s22 = TLanes.MultiplyAdd(x, b2, s22);
            x = TLanes.Broadcast(Unsafe.Add(ref ak0, 3 * am));
            s30 = TLanes.MultiplyAdd(x, b0, s30);
            s31 = TLanes.MultiplyAdd(x, b1, s31);
            s32 = TLanes.MultiplyAdd(x, b2, s32);
            x = TLanes.Broadcast(ak4);
            s40 = TLanes.MultiplyAdd(x, b0, s40);
            s41 = TLanes.MultiplyAdd(x, b1, s41);
            s42 = TLanes.MultiplyAdd(x, b2, s42);
            x = TLanes.Broadcast(Unsafe.Add(ref ak4, am));
            s50 = TLanes.MultiplyAdd(x, b0, s50);
            s51 = TLanes.MultiplyAdd(x, b1, s51);
            s52 = TLanes.MultiplyAdd(x, b2, s52);
            x = TLanes.Broadcast(Unsafe.Add(ref ak4, 2 * am));
            s60 = TLanes.MultiplyAdd(x, b0, s60);
            s61 = TLanes.MultiplyAdd(x, b1, s61);
            s62 = TLanes.MultiplyAdd(x, b2, s62);
            x = TLanes.Broadcast(Unsafe.Add(ref ak4, 3 * am));
            s70 = TLanes.MultiplyAdd(x, b0, s70);
            s71 = TLanes.MultiplyAdd(x, b1, s71);
            s72 = TLanes.MultiplyAdd(x, b2, s72);
            ak0 = ref Unsafe.Add(ref ak0, ak);
            ak4 = ref Unsafe.Add(ref ak4, ak);
            bk = ref Unsafe.Add(ref bk, ldb);
        }

        Finish<TLanes, TVector>(s00, ref c, 0, mode);
        Finish<TLanes, TVector>(s01, ref c, w, mode);
        Finish<TLanes, TVector>(s02, ref c, 2 * w, mode);
        Finish<TLanes, TVector>(s10, ref c1, 0, mode);
        Finish<TLanes, TVector>(s11, ref c1, w, mode);
        Finish<TLanes, TVector>(s12, ref c1, 2 * w, mode);
        Finish<TLanes, TVector>(s20, ref c2, 0, mode);
        Finish<TLanes, TVector>(s21, ref c2, w, mode);
        Finish<TLanes, TVector>(s22, ref c2, 2 * w, mode);
        Finish<TLanes, TVector>(s30, ref c3, 0, mode);
        Finish<TLanes, TVector>(s31, ref c3, w, mode);
        Finish<TLanes, TVector>(s32, ref c3, 2 * w, mode);
        Finish<TLanes, TVector>(s40, ref c4, 0, mode);
        Finish<TLanes, TVector>(s41, ref c4, w, mode);
        Finish<TLanes, TVector>(s42, ref c4, 2 * w, mode);
        Finish<TLanes, TVector>(s50, ref c5, 0, mode);
        Finish<TLanes, TVector>(s51, ref c5, w, mode);
        Finish<TLanes, TVector>(s52, ref c5, 2 * w, mode);
        Finish<TLanes, TVector>(s60, ref c6, 0, mode);
        Finish<TLanes, TVector>(s61, ref c6, w, mode);
        Finish<TLanes, TVector>(s62, ref c6, 2 * w, mode);
        Finish<TLanes, TVector>(s70, ref c7, 0, mode);
        Finish<TLanes, TVector>(s71, ref c7, w, mode);
        Finish<TLanes, TVector>(s72, ref c7, 2 * w, mode);
    }

    /// <summary>6 rows × 2 registers: 12 sums, the tiles of a processor with 16 vector registers.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Tile6x2<TLanes, TVector>(
        ref float a, nint am, nint ak, ref float b, nint ldb, ref float c, nint ldc, ref float bias, int mode, nint depth)
        where TLanes : struct, ILanes<TVector>
        where TVector : struct
    {
        nint w = TLanes.Count;
        ref float c1 = ref Unsafe.Add(ref c, ldc);
        ref float c2 = ref Unsafe.Add(ref c, 2 * ldc);
        ref float c3 = ref Unsafe.Add(ref c, 3 * ldc);
        ref float c4 = ref Unsafe.Add(ref c, 4 * ldc);
        ref float c5 = ref Unsafe.Add(ref c, 5 * ldc);
        TVector s00 = Start<TLanes, TVector>(ref bias, ref c, 0, mode), s01 = Start<TLanes, TVector>(ref bias, ref c, w, mode);
        TVector s10 = Start<TLanes, TVector>(ref bias, ref c1, 0, mode), s11 = Start<TLanes, TVector>(ref bias, ref c1, w, mode);
        TVector s20 = Start<TLanes, TVector>(ref bias, ref c2, 0, mode), s21 = Start<TLanes, TVector>(ref bias, ref c2, w, mode);
        TVector s30 = Start<TLanes, TVector>(ref bias, ref c3, 0, mode), s31 = Start<TLanes, TVector>(ref bias, ref c3, w, mode);
        TVector s40 = Start<TLanes, TVector>(ref bias, ref c4, 0, mode), s41 = Start<TLanes, TVector>(ref bias, ref c4, w, mode);
        TVector s50 = Start<TLanes, TVector>(ref bias, ref c5, 0, mode), s51 = Start<TLanes, TVector>(ref bias, ref c5, w, mode);
        ref float ak0 = ref a;
        ref float bk = ref b;
        for (nint k = 0; k < depth; k++)
        {
            TVector b0 = TLanes.Load(ref bk, 0), b1 = TLanes.Load(ref bk, w);
            TVector x = TLanes.Broadcast(ak0);
            s00 = TLanes.MultiplyAdd(x, b0, s00);
            s01 = TLanes.MultiplyAdd(x, b1, s01);
            x = TLanes.Broadcast(Unsafe.Add(ref ak0, am));
            s10 = TLanes.MultiplyAdd(x, b0, s10);
            s11 = TLanes.MultiplyAdd(x, b1, s11);
            x = TLanes.Broadcast(Unsafe.Add(ref ak0, 2 * am));
            s20 = TLanes.MultiplyAdd(x, b0, s20);
            s21 = TLanes.MultiplyAdd(x, b1, s21);
            x = TLanes.Broadcast(Unsafe.Add(ref ak0, 3 * am));
            s30 = TLanes.MultiplyAdd(x, b0, s30);
            s31 = TLanes.MultiplyAdd(x, b1, s31);
            x = TLanes.Broadcast(Unsafe.Add(ref ak0, 4 * am));
            s40 = TLanes.MultiplyAdd(x, b0, s40);
            s41 = TLanes.MultiplyAdd(x, b1, s41);
            x = TLanes.Broadcast(Unsafe.Add(ref ak0, 5 * am));
            s50 = TLanes.MultiplyAdd(x, b0, s50);
            s51 = TLanes.MultiplyAdd(x, b1, s51);
            ak0 = ref Unsafe.Add(ref ak0, ak);
            bk = ref Unsafe.Add(ref bk, ldb);
        }

        Finish<TLanes, TVector>(s00, ref c, 0, mode);
        Finish<TLanes, TVector>(s01, ref c, w, mode);
        Finish<TLanes, TVector>(s10, ref c1, 0, mode);
        Finish<TLanes, TVector>(s11, ref c1, w, mode);
        Finish<TLanes, TVector>(s20, ref c2, 0, mode);
        Finish<TLanes, TVector>(s21, ref c2, w, mode);
        Finish<TLanes, TVector>(s30, ref c3, 0, mode);
        Finish<TLanes, TVector>(s31, ref c3, w, mode);
        Finish<TLanes, TVector>(s40, ref c4, 0, mode);
        Finish<TLanes, TVector>(s41, ref c4, w, mode);
        Finish<TLanes, TVector>(s50, ref c5, 0, mode);
        Finish<TLanes, TVector>(s51, ref c5, w, mode);
    }

    /// <summary>4 rows × 2 registers: 8 sums, the tiles of a processor with 16 vector registers.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Tile4x2<TLanes, TVector>(
        ref float a, nint am, nint ak, ref float b, nint ldb, ref float c, nint ldc, ref float bias, int mode, nint depth)
        where TLanes : struct, ILanes<TVector>
        where TVector : struct
    {
        nint w = TLanes.Count;
        ref float c1 = ref Unsafe.Add(ref c, ldc);
        ref float c2 = ref Unsafe.Add(ref c, 2 * ldc);
        ref float c3 = ref Unsafe.Add(ref c, 3 * ldc);
        TVector s00 = Start<TLanes, TVector>(ref bias, ref c, 0, mode), s01 = Start<TLanes, TVector>(ref bias, ref c, w, mode);
        TVector s10 = Start<TLanes, TVector>(ref bias, ref c1, 0, mode), s11 = Start<TLanes, TVector>(ref bias, ref c1, w, mode);
        TVector s20 = Start<TLanes, TVector>(ref bias, ref c2, 0, mode), s21 = Start<TLanes, TVector>(ref bias, ref c2, w, mode);
        TVector s30 = Start<TLanes, TVector>(ref bias, ref c3, 0, mode), s31 = Start<TLanes, TVector>(ref bias, ref c3, w, mode);
        ref float ak0 = ref a;
        ref float bk = ref b;
        for (nint k = 0; k < depth; k++)
        {
            TVector b0 = TLanes.Load(ref bk, 0), b1 = TLanes.Load(ref bk, w);
            TVector x = TLanes.Broadcast(ak0);
            s00 = TLanes.MultiplyAdd(x, b0, s00);
            s01 = TLanes.MultiplyAdd(x, b1, s01);
            x = TLanes.Broadcast(Unsafe.Add(ref ak0, am));
            s10 = TLanes.MultiplyAdd(x, b0, s10);
            s11 = TLanes.MultiplyAdd(x, b1, s11);
            x = TLanes.Broadcast(Unsafe.Add(ref ak0, 2 * am));
            s20 = TLanes.MultiplyAdd(x, b0, s20);
            s21 = TLanes.MultiplyAdd(x, b1, s21);
            x = TLanes.Broadcast(Unsafe.Add(ref ak0, 3 * am));
            s30 = TLanes.MultiplyAdd(x, b0, s30);
            s31 = TLanes.MultiplyAdd(x, b1, s31);
            ak0 = ref Unsafe.Add(ref ak0, ak);
            bk = ref Unsafe.Add(ref bk, ldb);
        }

        Finish<TLanes, TVector>(s00, ref c, 0, mode);
        Finish<TLanes, TVector>(s01, ref c, w, mode);
        Finish<TLanes, TVector>(s10, ref c1, 0, mode);
        Finish<TLanes, TVector>(s11, ref c1, w, mode);
        Finish<TLanes, TVector>(s20, ref c2, 0, mode);
        Finish<TLanes, TVector>(s21, ref c2, w, mode);
        Finish<TLanes, TVector>(s30, ref c3, 0, mode);
        Finish<TLanes, TVector>(s31, ref c3, w, mode);
    }

    /// <summary>8 rows × 1 register: the tile of a panel of one register (or the last of an odd number on a processor with 16 registers).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Tile8x1<TLanes, TVector>(
        ref float a, nint am, nint ak, ref float b, nint ldb, ref float c, nint ldc, ref float bias, int mode, nint depth)
        where TLanes : struct, ILanes<TVector>
        where TVector : struct
    {
        ref float c1 = ref Unsafe.Add(ref c, ldc);
        ref float c2 = ref Unsafe.Add(ref c, 2 * ldc);
        ref float c3 = ref Unsafe.Add(ref c, 3 * ldc);
        ref float c4 = ref Unsafe.Add(ref c, 4 * ldc);
        ref float c5 = ref Unsafe.Add(ref c, 5 * ldc);
        ref float c6 = ref Unsafe.Add(ref c, 6 * ldc);
        ref float c7 = ref Unsafe.Add(ref c, 7 * ldc);
        TVector s0 = Start<TLanes, TVector>(ref bias, ref c, 0, mode), s1 = Start<TLanes, TVector>(ref bias, ref c1, 0, mode);
        TVector s2 = Start<TLanes, TVector>(ref bias, ref c2, 0, mode), s3 = Start<TLanes, TVector>(ref bias, ref c3, 0, mode);
        TVector s4 = Start<TLanes, TVector>(ref bias, ref c4, 0, mode), s5 = Start<TLanes, TVector>(ref bias, ref c5, 0, mode);
        TVector s6 = Start<TLanes, TVector>(ref bias, ref c6, 0, mode), s7 = Start<TLanes, TVector>(ref bias, ref c7, 0, mode);
        ref float ak0 = ref a;
        ref float ak4 = ref Unsafe.Add(ref a, 4 * am);
        ref float bk = ref b;
        for (nint k = 0; k < depth; k++)
        {
            TVector b0 = TLanes.Load(ref bk, 0);
            s0 = TLanes.MultiplyAdd(TLanes.Broadcast(ak0), b0, s0);
            s1 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref ak0, am)), b0, s1);
            s2 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref ak0, 2 * am)), b0, s2);
            s3 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref ak0, 3 * am)), b0, s3);
            s4 = TLanes.MultiplyAdd(TLanes.Broadcast(ak4), b0, s4);
            s5 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref ak4, am)), b0, s5);
            s6 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref ak4, 2 * am)), b0, s6);
            s7 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref ak4, 3 * am)), b0, s7);
            ak0 = ref Unsafe.Add(ref ak0, ak);
            ak4 = ref Unsafe.Add(ref ak4, ak);
            bk = ref Unsafe.Add(ref bk, ldb);
        }

        Finish<TLanes, TVector>(s0, ref c, 0, mode);
        Finish<TLanes, TVector>(s1, ref c1, 0, mode);
        Finish<TLanes, TVector>(s2, ref c2, 0, mode);
        Finish<TLanes, TVector>(s3, ref c3, 0, mode);
        Finish<TLanes, TVector>(s4, ref c4, 0, mode);
        Finish<TLanes, TVector>(s5, ref c5, 0, mode);
        Finish<TLanes, TVector>(s6, ref c6, 0, mode);
        Finish<TLanes, TVector>(s7, ref c7, 0, mode);
    }

    /// <summary>
    /// One row × 16 registers: a single prediction reads whole rows of Wᵀ of 256 units in order, which the prefetchers
    /// follow best. A negative <paramref name="shift"/> moves the upper 8 registers back by that many columns, so that
    /// they end at a row's last column (<see cref="RowsOverlapped"/>); the 1 × 8 and 1 × 4 tiles take it alike.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Tile1x16<TLanes, TVector, TSource>(ref float a, nint ak, ref float b, nint ldb, ref float c, ref float bias, int mode, nint depth, nint shift)
        where TLanes : struct, ILanes<TVector>
        where TVector : struct
        where TSource : struct, IWeightSource
    {
        nint w = TLanes.Count;
        TVector s0 = Start<TLanes, TVector>(ref bias, ref c, 0, mode), s1 = Start<TLanes, TVector>(ref bias, ref c, w, mode);
        TVector s2 = Start<TLanes, TVector>(ref bias, ref c, 2 * w, mode), s3 = Start<TLanes, TVector>(ref bias, ref c, 3 * w, mode);
        TVector s4 = Start<TLanes, TVector>(ref bias, ref c, 4 * w, mode), s5 = Start<TLanes, TVector>(ref bias, ref c, 5 * w, mode);
        TVector s6 = Start<TLanes, TVector>(ref bias, ref c, 6 * w, mode), s7 = Start<TLanes, TVector>(ref bias, ref c, 7 * w, mode);
        TVector s8 = Start<TLanes, TVector>(ref bias, ref c, 8 * w + shift, mode), s9 = Start<TLanes, TVector>(ref bias, ref c, 9 * w + shift, mode);
        TVector s10 = Start<TLanes, TVector>(ref bias, ref c, 10 * w + shift, mode), s11 = Start<TLanes, TVector>(ref bias, ref c, 11 * w + shift, mode);
        TVector s12 = Start<TLanes, TVector>(ref bias, ref c, 12 * w + shift, mode), s13 = Start<TLanes, TVector>(ref bias, ref c, 13 * w + shift, mode);
        TVector s14 = Start<TLanes, TVector>(ref bias, ref c, 14 * w + shift, mode), s15 = Start<TLanes, TVector>(ref bias, ref c, 15 * w + shift, mode);
        ref float ak0 = ref a;
        ref float bk = ref b;
        ref float hk = ref Unsafe.Add(ref b, shift);
        nint ahead = PrefetchOffset(ldb);
        for (nint k = 0; k < depth; k++)
        {
            if (TSource.Streams)
            {
                PrefetchAhead(ref bk, ahead, 16 * w);
            }

            TVector x = TLanes.Broadcast(ak0);
            s0 = TLanes.MultiplyAdd(x, TLanes.Load(ref bk, 0), s0);
            s1 = TLanes.MultiplyAdd(x, TLanes.Load(ref bk, w), s1);
            s2 = TLanes.MultiplyAdd(x, TLanes.Load(ref bk, 2 * w), s2);
            s3 = TLanes.MultiplyAdd(x, TLanes.Load(ref bk, 3 * w), s3);
            s4 = TLanes.MultiplyAdd(x, TLanes.Load(ref bk, 4 * w), s4);
            s5 = TLanes.MultiplyAdd(x, TLanes.Load(ref bk, 5 * w), s5);
            s6 = TLanes.MultiplyAdd(x, TLanes.Load(ref bk, 6 * w), s6);
            s7 = TLanes.MultiplyAdd(x, TLanes.Load(ref bk, 7 * w), s7);
            s8 = TLanes.MultiplyAdd(x, TLanes.Load(ref hk, 8 * w), s8);
            s9 = TLanes.MultiplyAdd(x, TLanes.Load(ref hk, 9 * w), s9);
            s10 = TLanes.MultiplyAdd(x, TLanes.Load(ref hk, 10 * w), s10);
            s11 = TLanes.MultiplyAdd(x, TLanes.Load(ref hk, 11 * w), s11);
            s12 = TLanes.MultiplyAdd(x, TLanes.Load(ref hk, 12 * w), s12);
            s13 = TLanes.MultiplyAdd(x, TLanes.Load(ref hk, 13 * w), s13);
            s14 = TLanes.MultiplyAdd(x, TLanes.Load(ref hk, 14 * w), s14);
            s15 = TLanes.MultiplyAdd(x, TLanes.Load(ref hk, 15 * w), s15);
            ak0 = ref Unsafe.Add(ref ak0, ak);
            bk = ref Unsafe.Add(ref bk, ldb);
            hk = ref Unsafe.Add(ref hk, ldb);
        }

        Finish<TLanes, TVector>(s0, ref c, 0, mode);
        Finish<TLanes, TVector>(s1, ref c, w, mode);
        Finish<TLanes, TVector>(s2, ref c, 2 * w, mode);
        Finish<TLanes, TVector>(s3, ref c, 3 * w, mode);
        Finish<TLanes, TVector>(s4, ref c, 4 * w, mode);
        Finish<TLanes, TVector>(s5, ref c, 5 * w, mode);
        Finish<TLanes, TVector>(s6, ref c, 6 * w, mode);
        Finish<TLanes, TVector>(s7, ref c, 7 * w, mode);
        Finish<TLanes, TVector>(s8, ref c, 8 * w + shift, mode);
        Finish<TLanes, TVector>(s9, ref c, 9 * w + shift, mode);
        Finish<TLanes, TVector>(s10, ref c, 10 * w + shift, mode);
        Finish<TLanes, TVector>(s11, ref c, 11 * w + shift, mode);
        Finish<TLanes, TVector>(s12, ref c, 12 * w + shift, mode);
        Finish<TLanes, TVector>(s13, ref c, 13 * w + shift, mode);
        Finish<TLanes, TVector>(s14, ref c, 14 * w + shift, mode);
        Finish<TLanes, TVector>(s15, ref c, 15 * w + shift, mode);
    }

    /// <summary>One row × 8 registers: the tile of a single prediction.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Tile1x8<TLanes, TVector, TSource>(ref float a, nint ak, ref float b, nint ldb, ref float c, ref float bias, int mode, nint depth, nint shift)
        where TLanes : struct, ILanes<TVector>
        where TVector : struct
        where TSource : struct, IWeightSource
    {
        nint w = TLanes.Count;
        TVector s0 = Start<TLanes, TVector>(ref bias, ref c, 0, mode), s1 = Start<TLanes, TVector>(ref bias, ref c, w, mode);
        TVector s2 = Start<TLanes, TVector>(ref bias, ref c, 2 * w, mode), s3 = Start<TLanes, TVector>(ref bias, ref c, 3 * w, mode);
        TVector s4 = Start<TLanes, TVector>(ref bias, ref c, 4 * w + shift, mode), s5 = Start<TLanes, TVector>(ref bias, ref c, 5 * w + shift, mode);
        TVector s6 = Start<TLanes, TVector>(ref bias, ref c, 6 * w + shift, mode), s7 = Start<TLanes, TVector>(ref bias, ref c, 7 * w + shift, mode);
        ref float ak0 = ref a;
        ref float bk = ref b;
        ref float hk = ref Unsafe.Add(ref b, shift);
        nint ahead = PrefetchOffset(ldb);
        for (nint k = 0; k < depth; k++)
        {
            if (TSource.Streams)
            {
                PrefetchAhead(ref bk, ahead, 8 * w);
            }

            TVector x = TLanes.Broadcast(ak0);
            s0 = TLanes.MultiplyAdd(x, TLanes.Load(ref bk, 0), s0);
            s1 = TLanes.MultiplyAdd(x, TLanes.Load(ref bk, w), s1);
            s2 = TLanes.MultiplyAdd(x, TLanes.Load(ref bk, 2 * w), s2);
            s3 = TLanes.MultiplyAdd(x, TLanes.Load(ref bk, 3 * w), s3);
            s4 = TLanes.MultiplyAdd(x, TLanes.Load(ref hk, 4 * w), s4);
            s5 = TLanes.MultiplyAdd(x, TLanes.Load(ref hk, 5 * w), s5);
            s6 = TLanes.MultiplyAdd(x, TLanes.Load(ref hk, 6 * w), s6);
            s7 = TLanes.MultiplyAdd(x, TLanes.Load(ref hk, 7 * w), s7);
            ak0 = ref Unsafe.Add(ref ak0, ak);
            bk = ref Unsafe.Add(ref bk, ldb);
            hk = ref Unsafe.Add(ref hk, ldb);
        }

        Finish<TLanes, TVector>(s0, ref c, 0, mode);
        Finish<TLanes, TVector>(s1, ref c, w, mode);
        Finish<TLanes, TVector>(s2, ref c, 2 * w, mode);
        Finish<TLanes, TVector>(s3, ref c, 3 * w, mode);
        Finish<TLanes, TVector>(s4, ref c, 4 * w + shift, mode);
        Finish<TLanes, TVector>(s5, ref c, 5 * w + shift, mode);
        Finish<TLanes, TVector>(s6, ref c, 6 * w + shift, mode);
        Finish<TLanes, TVector>(s7, ref c, 7 * w + shift, mode);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Tile1x4<TLanes, TVector, TSource>(ref float a, nint ak, ref float b, nint ldb, ref float c, ref float bias, int mode, nint depth, nint shift)
        where TLanes : struct, ILanes<TVector>
        where TVector : struct
        where TSource : struct, IWeightSource
    {
        nint w = TLanes.Count;
        TVector s0 = Start<TLanes, TVector>(ref bias, ref c, 0, mode), s1 = Start<TLanes, TVector>(ref bias, ref c, w, mode);
        TVector s2 = Start<TLanes, TVector>(ref bias, ref c, 2 * w + shift, mode), s3 = Start<TLanes, TVector>(ref bias, ref c, 3 * w + shift, mode);
        ref float ak0 = ref a;
        ref float bk = ref b;
        ref float hk = ref Unsafe.Add(ref b, shift);
        nint ahead = PrefetchOffset(ldb);
        for (nint k = 0; k < depth; k++)
        {
            if (TSource.Streams)
            {
                PrefetchAhead(ref bk, ahead, 4 * w);
            }

            TVector x = TLanes.Broadcast(ak0);
            s0 = TLanes.MultiplyAdd(x, TLanes.Load(ref bk, 0), s0);
            s1 = TLanes.MultiplyAdd(x, TLanes.Load(ref bk, w), s1);
            s2 = TLanes.MultiplyAdd(x, TLanes.Load(ref hk, 2 * w), s2);
            s3 = TLanes.MultiplyAdd(x, TLanes.Load(ref hk, 3 * w), s3);
            ak0 = ref Unsafe.Add(ref ak0, ak);
            bk = ref Unsafe.Add(ref bk, ldb);
            hk = ref Unsafe.Add(ref hk, ldb);
        }

        Finish<TLanes, TVector>(s0, ref c, 0, mode);
        Finish<TLanes, TVector>(s1, ref c, w, mode);
        Finish<TLanes, TVector>(s2, ref c, 2 * w + shift, mode);
        Finish<TLanes, TVector>(s3, ref c, 3 * w + shift, mode);
    }

    /// <summary>1 row × 2 registers, the second <paramref name="w"/> columns after the first (fewer where they overlap).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Tile1x2<TLanes, TVector>(ref float a, nint ak, ref float b, nint ldb, ref float c, ref float bias, int mode, nint depth, nint w)
        where TLanes : struct, ILanes<TVector>
        where TVector : struct
    {
        TVector s0 = Start<TLanes, TVector>(ref bias, ref c, 0, mode), s1 = Start<TLanes, TVector>(ref bias, ref c, w, mode);
        ref float ak0 = ref a;
        ref float bk = ref b;
        for (nint k = 0; k < depth; k++)
        {
            TVector x = TLanes.Broadcast(ak0);
            s0 = TLanes.MultiplyAdd(x, TLanes.Load(ref bk, 0), s0);
            s1 = TLanes.MultiplyAdd(x, TLanes.Load(ref bk, w), s1);
            ak0 = ref Unsafe.Add(ref ak0, ak);
            bk = ref Unsafe.Add(ref bk, ldb);
        }

        Finish<TLanes, TVector>(s0, ref c, 0, mode);
        Finish<TLanes, TVector>(s1, ref c, w, mode);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Tile1x1<TLanes, TVector>(ref float a, nint ak, ref float b, nint ldb, ref float c, ref float bias, int mode, nint depth)
        where TLanes : struct, ILanes<TVector>
        where TVector : struct
    {
        TVector s = Start<TLanes, TVector>(ref bias, ref c, 0, mode);
        ref float ak0 = ref a;
        ref float bk = ref b;
        for (nint k = 0; k < depth; k++)
        {
            s = TLanes.MultiplyAdd(TLanes.Broadcast(ak0), TLanes.Load(ref bk, 0), s);
            ak0 = ref Unsafe.Add(ref ak0, ak);
            bk = ref Unsafe.Add(ref bk, ldb);
        }

        Finish<TLanes, TVector>(s, ref c, 0, mode);
    }
}
