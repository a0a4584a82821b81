using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace CompiledNN.Runtime;

/// <summary>
/// The forward pass of a stride-1-along-the-width convolution with several filters as an implicit product: each row's
/// input is copied once into a zero-padded image, and register tiles of 4 runs of consecutive outputs along an output
/// row × several filters walk the taps, each tap broadcasting one weight per filter against the padded input under the
/// runs, with no lowered columns. Each output is the chain <c>bias, then one fused multiply-add per tap in the order
/// (channel, kh, kw)</c>, the chain of <see cref="LoweredConvolution"/>'s products, so the results are the same bits;
/// tiles past the end of the runs or filters start earlier and compute some outputs twice, to the same bits.
/// </summary>
internal static class TiledConvolution
{
    // Runs of outputs per tile: each tap's 4 loads of input are shared by the filters of the tile.
    private const int Runs = 4;

    // The tap offsets into the padded image and the runs' positions, one buffer per thread, grown to the largest layer
    // (the padded image is in LoweredConvolution's scratch).
    [ThreadStatic]
    private static int[]? t_offsets;

    /// <summary>
    /// Filters per tile: 4 (16 sums) with AVX-512's 32 registers, 2 (8 sums) with 16, where 16 sums and the 4 runs
    /// would spill. One basic block: see <see cref="FusedMultiplyAdd.IsHardware"/>.
    /// </summary>
    public static int FiltersPerTile => X86Base.IsSupported & !Avx512F.IsSupported ? 2 : 4;

    /// <summary>
    /// Whether the layer runs here: a stride of 1 along the width, vector hardware, at least 4 runs of outputs and a
    /// tile's filters (see <see cref="LaneCount"/>).
    /// </summary>
    public static bool Fits(in ConvolutionShape shape)
    {
        int width = LaneCount(shape.OutputWidth);
        return shape.StrideWidth == 1 && width > 1 && shape.Filters >= FiltersPerTile
            && shape.OutputHeight * ((shape.OutputWidth + width - 1) / width) >= Runs;
    }

    /// <summary>Writes <c>z = W ⋆ x + b</c> for <paramref name="rows"/> rows, as <see cref="Convolution.Forward"/>; the layer must <see cref="Fits"/>.</summary>
    /// <param name="shape">The layer's sizes.</param>
    /// <param name="x">The rows' inputs.</param>
    /// <param name="weights">The weights <c>[filters, channels, kh, kw]</c>.</param>
    /// <param name="bias">The bias.</param>
    /// <param name="z">Receives the rows' pre-activations, or with <paramref name="rectify"/> their ReLU.</param>
    /// <param name="rows">The number of rows.</param>
    /// <param name="rectify">Whether each output is stored as <c>max(0, z)</c> (<see cref="ILanes{TVector}.Rectify"/>).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward(in ConvolutionShape shape, ReadOnlySpan<float> x, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> z, int rows, bool rectify = false) =>
        Forward(shape, x, weights, bias, z, rows, rectify, 0, shape.Filters);

    /// <summary>
    /// <see cref="Forward(in ConvolutionShape, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int, bool)"/>
    /// for the filters [<paramref name="first"/>, <paramref name="end"/>) only, at least <see cref="FiltersPerTile"/>
    /// of them: the same bits for those outputs, and nothing written outside them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward(in ConvolutionShape shape, ReadOnlySpan<float> x, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> z, int rows, bool rectify, int first, int end)
    {
        switch (LaneCount(shape.OutputWidth))
        {
            case 16:
                Forward<Lanes512, Vector512<float>>(shape, x, weights, bias, z, rows, rectify, pooled: false, first, end);
                break;
            case 8:
                Forward<Lanes256, Vector256<float>>(shape, x, weights, bias, z, rows, rectify, pooled: false, first, end);
                break;
            default:
                Forward<Lanes128, Vector128<float>>(shape, x, weights, bias, z, rows, rectify, pooled: false, first, end);
                break;
        }
    }

    /// <summary>
    /// Whether <see cref="ForwardPooled"/> can pool each tile: the layer <see cref="Fits"/> in AVX-512 registers of 16
    /// outputs, one or two to an output row, 2×2 windows two apart cover the output exactly, and a tile's 4 runs are 4 or
    /// 2 whole output rows.
    /// </summary>
    public static bool PoolsInTiles(in ConvolutionShape shape, in PoolingShape pool) =>
        Fits(shape) && Avx512F.IsSupported && FiltersPerTile == 4 && LaneCount(shape.OutputWidth) == 16
        && pool.WindowHeight == 2 && pool.WindowWidth == 2 && pool.StrideHeight == 2 && pool.StrideWidth == 2
        && pool.Channels == shape.Filters && pool.Height == shape.OutputHeight && pool.Width == shape.OutputWidth
        && (shape.OutputWidth == 16 ? shape.OutputHeight % 4 == 0 : shape.OutputWidth == 32 && shape.OutputHeight % 2 == 0);

    /// <summary>
    /// Writes <c>a = maxpool(ReLU(W ⋆ x + b))</c> for <paramref name="rows"/> rows and the filters [<paramref name="first"/>,
    /// <paramref name="end"/>), the layer and its pooling as <see cref="PoolsInTiles"/> requires: each tile's sums are
    /// rectified and pooled in the registers, with <see cref="Pooling.MaxForward"/>'s comparisons in its order, so the
    /// values are the bits of the two passes.
    /// </summary>
    /// <param name="shape">The layer's sizes.</param>
    /// <param name="x">The rows' inputs.</param>
    /// <param name="weights">The weights <c>[filters, channels, kh, kw]</c>.</param>
    /// <param name="bias">The bias.</param>
    /// <param name="a">Receives the rows' pooled activations.</param>
    /// <param name="rows">The number of rows.</param>
    /// <param name="first">The first filter computed.</param>
    /// <param name="end">The filter after the last one computed; at least <see cref="FiltersPerTile"/> after <paramref name="first"/>.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ForwardPooled(in ConvolutionShape shape, ReadOnlySpan<float> x, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> a, int rows, int first, int end) =>
        Forward<Lanes512, Vector512<float>>(shape, x, weights, bias, a, rows, rectify: true, pooled: true, first, end);

    /// <summary>
    /// The floats per run: the widest vector hardware's or half that, whichever is widest whose runs along an output row
    /// compute at most half as many outputs again as the row holds, or 1 for none: rows that runs fill poorly are faster
    /// lowered (docs/performance.md, "Convolutions against ONNX Runtime and PyTorch").
    /// </summary>
    private static int LaneCount(int outputWidth)
    {
        static bool Fills(int outputWidth, int width) => width <= outputWidth && 2 * ((outputWidth + width - 1) / width) * width <= 3 * outputWidth;
        int widest = Vector512.IsHardwareAccelerated ? 16 : Vector256.IsHardwareAccelerated ? 8 : Vector128.IsHardwareAccelerated ? 4 : 1;
        return widest > 1 && Fills(outputWidth, widest) ? widest
            : widest > 4 && Fills(outputWidth, widest / 2) ? widest / 2
            : 1;
    }

    /// <summary>The tiles over every row; <paramref name="pooled"/>: pooled as they finish, into <paramref name="z"/>'s pooled planes (each tile's first run's output offset is its first window's).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Forward<TLanes, TVector>(in ConvolutionShape shape, ReadOnlySpan<float> x, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> z, int rows, bool rectify, bool pooled, int first, int end)
        where TLanes : struct, ILanes<TVector>
        where TVector : struct
    {
        int width = TLanes.Count;
        int paddedHeight = shape.Height + (2 * shape.PaddingHeight);
        int paddedWidth = shape.Width + (2 * shape.PaddingWidth);
        int paddedPlane = paddedHeight * paddedWidth;
        int plane = shape.OutputHeight * shape.OutputWidth;
        int taps = shape.Channels * shape.KernelHeight * shape.KernelWidth;
        int runsPerRow = (shape.OutputWidth + width - 1) / width;
        int runs = shape.OutputHeight * runsPerRow;
        if (weights.Length < shape.Filters * taps || bias.Length < shape.Filters)
        {
            throw new ArgumentException($"A layer of {shape.Filters} filters of {taps} taps needs {shape.Filters * taps} weights and {shape.Filters} biases, but has {weights.Length} and {bias.Length}.", nameof(weights));
        }

        // offsets[t]: where tap t reads from a run's first input; then each run's first input and first output. A
        // row's last run ends at its last output, overlapping the one before where the width is not a whole number of registers.
        Span<int> offsets = Offsets(taps + (2 * runs));
        int t = 0;
        for (int channel = 0; channel < shape.Channels; channel++)
        {
            for (int kh = 0; kh < shape.KernelHeight; kh++)
            {
                for (int kw = 0; kw < shape.KernelWidth; kw++, t++)
                {
                    offsets[t] = (channel * paddedPlane) + (kh * shape.DilationHeight * paddedWidth) + (kw * shape.DilationWidth);
                }
            }
        }

        Span<int> inputs = offsets.Slice(taps, runs);
        Span<int> outputs = offsets.Slice(taps + runs, runs);
        for (int oh = 0, r = 0; oh < shape.OutputHeight; oh++)
        {
            for (int run = 0; run < runsPerRow; run++, r++)
            {
                int ow = Math.Min(run * width, shape.OutputWidth - width);
                inputs[r] = (oh * shape.StrideHeight * paddedWidth) + ow;
                outputs[r] = pooled ? (oh / 2 * (shape.OutputWidth / 2)) + (ow / 2) : (oh * shape.OutputWidth) + ow;
            }
        }

        int pooledPlane = plane / 4;

        Span<float> padded = LoweredConvolution.Scratch(shape.Channels * paddedPlane);
        padded.Clear();
        ref float w = ref MemoryMarshal.GetReference(weights);
        ref float b = ref MemoryMarshal.GetReference(bias);
        ref int offset = ref MemoryMarshal.GetReference(offsets);
        ref float image = ref MemoryMarshal.GetReference(padded);
        int filtersPerTile = FiltersPerTile;
        for (int row = 0; row < rows; row++)
        {
            // Only the interior is written: the border stays the zeros cleared above.
            ReadOnlySpan<float> input = x.Slice(row * shape.InputSize, shape.InputSize);
            for (int line = 0; line < shape.Channels * shape.Height; line++)
            {
                int channel = line / shape.Height;
                int destination = (channel * paddedPlane) + ((line % shape.Height + shape.PaddingHeight) * paddedWidth) + shape.PaddingWidth;
                LoweredConvolution.CopyRow(input.Slice(line * shape.Width, shape.Width), padded.Slice(destination, shape.Width));
            }

            int outputSize = pooled ? shape.OutputSize / 4 : shape.OutputSize;
            ref float output = ref MemoryMarshal.GetReference(z.Slice(row * outputSize, outputSize));
            for (int f0 = first; f0 < end; f0 += filtersPerTile)
            {
                // The last tile of filters starts early enough to be whole.
                int f = Math.Min(f0, end - filtersPerTile);
                ref float filterWeights = ref Unsafe.Add(ref w, f * taps);
                ref float filterOutputs = ref Unsafe.Add(ref output, f * plane);
                for (int r0 = 0; r0 < runs; r0 += Runs)
                {
                    int r = Math.Min(r0, runs - Runs);
                    if (pooled)
                    {
                        Tile4x4<TLanes, TVector>(ref image, ref offset, taps, ref Unsafe.Add(ref offset, taps + r), ref Unsafe.Add(ref offset, taps + runs + r), ref filterWeights, ref Unsafe.Add(ref b, f), ref Unsafe.Add(ref output, f * pooledPlane), pooledPlane, rectify, runsPerRow);
                    }
                    else if (filtersPerTile == 4)
                    {
                        Tile4x4<TLanes, TVector>(ref image, ref offset, taps, ref Unsafe.Add(ref offset, taps + r), ref Unsafe.Add(ref offset, taps + runs + r), ref filterWeights, ref Unsafe.Add(ref b, f), ref filterOutputs, plane, rectify, 0);
                    }
                    else
                    {
                        Tile4x2<TLanes, TVector>(ref image, ref offset, taps, ref Unsafe.Add(ref offset, taps + r), ref Unsafe.Add(ref offset, taps + runs + r), ref filterWeights, ref Unsafe.Add(ref b, f), ref filterOutputs, plane, rectify);
                    }
                }
            }
        }
    }

    /// <summary>4 runs × 4 filters: per tap 4 loads of input, 4 broadcast weights, 16 fused multiply-adds.</summary>
    // A compilation root, optimized from its first call, as BroadcastProduct's tiles are (its remarks say why).
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Tile4x4<TLanes, TVector>(ref float image, ref int offsets, nint taps, ref int inputs, ref int outputs, ref float weights, ref float bias, ref float z, nint plane, bool rectify, int pooledRunsPerRow)
        where TLanes : struct, ILanes<TVector>
        where TVector : struct
    {
        ref float i0 = ref Unsafe.Add(ref image, inputs);
        ref float i1 = ref Unsafe.Add(ref image, Unsafe.Add(ref inputs, 1));
        ref float i2 = ref Unsafe.Add(ref image, Unsafe.Add(ref inputs, 2));
        ref float i3 = ref Unsafe.Add(ref image, Unsafe.Add(ref inputs, 3));
        ref float w0 = ref weights;
        ref float w1 = ref Unsafe.Add(ref weights, taps);
        ref float w2 = ref Unsafe.Add(ref weights, 2 * taps);
        ref float w3 = ref Unsafe.Add(ref weights, 3 * taps);
        TVector s00 = TLanes.Broadcast(bias), s01 = s00, s02 = s00, s03 = s00;
        TVector s10 = TLanes.Broadcast(Unsafe.Add(ref bias, 1)), s11 = s10, s12 = s10, s13 = s10;
        TVector s20 = TLanes.Broadcast(Unsafe.Add(ref bias, 2)), s21 = s20, s22 = s20, s23 = s20;
        TVector s30 = TLanes.Broadcast(Unsafe.Add(ref bias, 3)), s31 = s30, s32 = s30, s33 = s30;
        for (nint t = 0; t < taps; t++)
        {
            nint o = Unsafe.Add(ref offsets, t);
            TVector x0 = TLanes.Load(ref i0, o);
            TVector x1 = TLanes.Load(ref i1, o);
            TVector x2 = TLanes.Load(ref i2, o);
            TVector x3 = TLanes.Load(ref i3, o);
            TVector a = TLanes.Broadcast(Unsafe.Add(ref w0, t));
            s00 = TLanes.MultiplyAdd(a, x0, s00);
            s01 = TLanes.MultiplyAdd(a, x1, s01);
            s02 = TLanes.MultiplyAdd(a, x2, s02);
            s03 = TLanes.MultiplyAdd(a, x3, s03);
            a = TLanes.Broadcast(Unsafe.Add(ref w1, t));
            s10 = TLanes.MultiplyAdd(a, x0, s10);
            s11 = TLanes.MultiplyAdd(a, x1, s11);
            s12 = TLanes.MultiplyAdd(a, x2, s12);
            s13 = TLanes.MultiplyAdd(a, x3, s13);
            a = TLanes.Broadcast(Unsafe.Add(ref w2, t));
            s20 = TLanes.MultiplyAdd(a, x0, s20);
            s21 = TLanes.MultiplyAdd(a, x1, s21);
            s22 = TLanes.MultiplyAdd(a, x2, s22);
            s23 = TLanes.MultiplyAdd(a, x3, s23);
            a = TLanes.Broadcast(Unsafe.Add(ref w3, t));
            s30 = TLanes.MultiplyAdd(a, x0, s30);
            s31 = TLanes.MultiplyAdd(a, x1, s31);
            s32 = TLanes.MultiplyAdd(a, x2, s32);
            s33 = TLanes.MultiplyAdd(a, x3, s33);
        }

        if (pooledRunsPerRow > 0)
        {
            nint p = outputs;
            Pool(s00, s01, s02, s03, pooledRunsPerRow, ref z, p);
            Pool(s10, s11, s12, s13, pooledRunsPerRow, ref Unsafe.Add(ref z, plane), p);
            Pool(s20, s21, s22, s23, pooledRunsPerRow, ref Unsafe.Add(ref z, 2 * plane), p);
            Pool(s30, s31, s32, s33, pooledRunsPerRow, ref Unsafe.Add(ref z, 3 * plane), p);
            return;
        }

        nint q0 = outputs, q1 = Unsafe.Add(ref outputs, 1), q2 = Unsafe.Add(ref outputs, 2), q3 = Unsafe.Add(ref outputs, 3);
        Store<TLanes, TVector>(s00, rectify, ref z, q0);
        Store<TLanes, TVector>(s01, rectify, ref z, q1);
        Store<TLanes, TVector>(s02, rectify, ref z, q2);
        Store<TLanes, TVector>(s03, rectify, ref z, q3);
        ref float z1 = ref Unsafe.Add(ref z, plane);
        Store<TLanes, TVector>(s10, rectify, ref z1, q0);
        Store<TLanes, TVector>(s11, rectify, ref z1, q1);
        Store<TLanes, TVector>(s12, rectify, ref z1, q2);
        Store<TLanes, TVector>(s13, rectify, ref z1, q3);
        ref float z2 = ref Unsafe.Add(ref z, 2 * plane);
        Store<TLanes, TVector>(s20, rectify, ref z2, q0);
        Store<TLanes, TVector>(s21, rectify, ref z2, q1);
        Store<TLanes, TVector>(s22, rectify, ref z2, q2);
        Store<TLanes, TVector>(s23, rectify, ref z2, q3);
        ref float z3 = ref Unsafe.Add(ref z, 3 * plane);
        Store<TLanes, TVector>(s30, rectify, ref z3, q0);
        Store<TLanes, TVector>(s31, rectify, ref z3, q1);
        Store<TLanes, TVector>(s32, rectify, ref z3, q2);
        Store<TLanes, TVector>(s33, rectify, ref z3, q3);
    }

    /// <summary>4 runs × 2 filters, for 16 registers: per tap 4 loads of input, 2 broadcast weights, 8 fused multiply-adds.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Tile4x2<TLanes, TVector>(ref float image, ref int offsets, nint taps, ref int inputs, ref int outputs, ref float weights, ref float bias, ref float z, nint plane, bool rectify)
        where TLanes : struct, ILanes<TVector>
        where TVector : struct
    {
        ref float i0 = ref Unsafe.Add(ref image, inputs);
        ref float i1 = ref Unsafe.Add(ref image, Unsafe.Add(ref inputs, 1));
        ref float i2 = ref Unsafe.Add(ref image, Unsafe.Add(ref inputs, 2));
        ref float i3 = ref Unsafe.Add(ref image, Unsafe.Add(ref inputs, 3));
        ref float w0 = ref weights;
        ref float w1 = ref Unsafe.Add(ref weights, taps);
        TVector s00 = TLanes.Broadcast(bias), s01 = s00, s02 = s00, s03 = s00;
        TVector s10 = TLanes.Broadcast(Unsafe.Add(ref bias, 1)), s11 = s10, s12 = s10, s13 = s10;
        for (nint t = 0; t < taps; t++)
        {
            nint o = Unsafe.Add(ref offsets, t);
            TVector x0 = TLanes.Load(ref i0, o);
            TVector x1 = TLanes.Load(ref i1, o);
            TVector x2 = TLanes.Load(ref i2, o);
            TVector x3 = TLanes.Load(ref i3, o);
            TVector a = TLanes.Broadcast(Unsafe.Add(ref w0, t));
            s00 = TLanes.MultiplyAdd(a, x0, s00);
            s01 = TLanes.MultiplyAdd(a, x1, s01);
            s02 = TLanes.MultiplyAdd(a, x2, s02);
            s03 = TLanes.MultiplyAdd(a, x3, s03);
            a = TLanes.Broadcast(Unsafe.Add(ref w1, t));
            s10 = TLanes.MultiplyAdd(a, x0, s10);
            s11 = TLanes.MultiplyAdd(a, x1, s11);
            s12 = TLanes.MultiplyAdd(a, x2, s12);
            s13 = TLanes.MultiplyAdd(a, x3, s13);
        }

        nint q0 = outputs, q1 = Unsafe.Add(ref outputs, 1), q2 = Unsafe.Add(ref outputs, 2), q3 = Unsafe.Add(ref outputs, 3);
        Store<TLanes, TVector>(s00, rectify, ref z, q0);
        Store<TLanes, TVector>(s01, rectify, ref z, q1);
        Store<TLanes, TVector>(s02, rectify, ref z, q2);
        Store<TLanes, TVector>(s03, rectify, ref z, q3);
        ref float z1 = ref Unsafe.Add(ref z, plane);
        Store<TLanes, TVector>(s10, rectify, ref z1, q0);
        Store<TLanes, TVector>(s11, rectify, ref z1, q1);
        Store<TLanes, TVector>(s12, rectify, ref z1, q2);
        Store<TLanes, TVector>(s13, rectify, ref z1, q3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<TLanes, TVector>(TVector sum, bool rectify, ref float z, nint offset)
        where TLanes : struct, ILanes<TVector>
        where TVector : struct => TLanes.Store(rectify ? TLanes.Rectify(sum) : sum, ref z, offset);

    /// <summary>
    /// Rectifies and pools one filter's 4 runs of 16 sums into its pooled plane from <paramref name="offset"/>: runs that
    /// are 4 output rows give 2 rows of 8 windows, runs that are 2 rows of 32 one row of 16 (AVX-512 only).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Pool<TVector>(TVector r0, TVector r1, TVector r2, TVector r3, int runsPerRow, ref float pooled, nint offset)
        where TVector : struct
    {
        Vector512<float> s0 = Lanes512.Rectify(Unsafe.BitCast<TVector, Vector512<float>>(r0));
        Vector512<float> s1 = Lanes512.Rectify(Unsafe.BitCast<TVector, Vector512<float>>(r1));
        Vector512<float> s2 = Lanes512.Rectify(Unsafe.BitCast<TVector, Vector512<float>>(r2));
        Vector512<float> s3 = Lanes512.Rectify(Unsafe.BitCast<TVector, Vector512<float>>(r3));
        if (runsPerRow == 1)
        {
            Vector256<float> top = Pooling.LargerOfPairs(s0);
            Vector256<float> below = Pooling.LargerOfPairs(s1);
            Vector256.ConditionalSelect(Vector256.GreaterThan(below, top), below, top).StoreUnsafe(ref pooled, (nuint)offset);
            top = Pooling.LargerOfPairs(s2);
            below = Pooling.LargerOfPairs(s3);
            Vector256.ConditionalSelect(Vector256.GreaterThan(below, top), below, top).StoreUnsafe(ref pooled, (nuint)offset + 8);
        }
        else
        {
            Vector512<float> top = Pooling.LargerOfPairs(s0, s1);
            Vector512<float> below = Pooling.LargerOfPairs(s2, s3);
            Vector512.ConditionalSelect(Vector512.GreaterThan(below, top), below, top).StoreUnsafe(ref pooled, (nuint)offset);
        }
    }

    private static Span<int> Offsets(int length) => ThreadBuffer.AtLeast(ref t_offsets, length).AsSpan(0, length);
}
