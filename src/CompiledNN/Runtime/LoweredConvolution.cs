using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CompiledNN.Runtime;

/// <summary>
/// Convolution as matrix products (im2col), for the layers the generator's planner finds faster this way than
/// <see cref="Convolution"/>'s direct loops (docs/performance.md, Convolutions). Each row's input is lowered to the
/// columns <c>col[channels·kh·kw, outHeight·outWidth]</c> (the values each tap reads, zero in the padding), and the
/// register-blocked product of the dense layers (<see cref="BroadcastProduct"/>) computes
/// <c>z = W · col + b</c>, <c>∂W += δ · colᵀ</c> and <c>∂col = Wᵀ · δ</c>, whose columns are added back onto ∂x
/// (col2im). Every sum runs in a fixed order that depends only on the layer's sizes, so a row's result does not depend
/// on the block it is in or the thread that runs it. Same arguments and results as <see cref="Convolution"/>, to float
/// rounding.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class LoweredConvolution
{
    // Taps (forward) or filters (input gradient) per block of a product: a block's panel of the columns, 128 × 64 floats,
    // stays in the L1 cache across the filters, as MatrixKernels' InputBlock for the dense layers.
    private const int DepthBlock = 128;

    // Rows of a batch lowered side by side over padded rows hold at most this many floats of columns (512 KiB), which
    // the product reads back from L2.
    private const int GroupColumns = 128 * 1024;

    // The lowered columns (and, in the backward pass, the block's weight gradient), one buffer per thread, grown to the
    // largest layer on its first call and reused after: no allocation per call.
    [ThreadStatic]
    private static float[]? t_scratch;

    /// <summary>Writes <c>z = W ⋆ x + b</c> for <paramref name="rows"/> rows, as <see cref="Convolution.Forward"/>.</summary>
    /// <param name="shape">The layer's sizes.</param>
    /// <param name="x">The rows' inputs, <c>[rows, channels, height, width]</c>.</param>
    /// <param name="weights">The weights <c>[filters, channels, kh, kw]</c>.</param>
    /// <param name="bias">The bias <c>[filters]</c>.</param>
    /// <param name="z">Receives the rows' pre-activations, <c>[rows, filters, outHeight, outWidth]</c>.</param>
    /// <param name="rows">The number of rows.</param>
    /// <param name="rectify">Whether to store <c>max(0, z)</c>, ReLU as <see cref="Activations.ReLU"/> computes it, instead of the pre-activations: as each sum is finished where the register tiles run, else in a pass after.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward(in ConvolutionShape shape, ReadOnlySpan<float> x, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> z, int rows, bool rectify = false)
    {
        // The register tiles read the padded input in place, with no lowered columns to write and read back: 1.3 to 3
        // times faster wherever they fit (docs/performance.md, Convolutions).
        if (TiledConvolution.Fits(shape))
        {
            TiledConvolution.Forward(shape, x, weights, bias, z, rows, rectify);
            return;
        }

        // Lowering over padded rows copies one run per tap, then one per filter and output row to drop the extra columns;
        // over output rows, one per tap and output row. So it pays where there are no more filters than taps, and not
        // for a single output row (1-D), which both lower alike (docs/performance.md, Convolutions).
        if (shape.StrideHeight == 1 && shape.StrideWidth == 1 && shape.OutputHeight > 1 && shape.Filters <= Taps(shape))
        {
            ForwardOverPaddedRows(shape, x, weights, bias, z, rows);
        }
        else
        {
            ForwardOverOutputRows(shape, x, weights, bias, z, rows);
        }

        if (rectify)
        {
            Span<float> outputs = z.Slice(0, rows * shape.OutputSize);
            Activations.ReLU(outputs, outputs);
        }
    }

    /// <summary>
    /// Writes <c>a = maxpool(ReLU(W ⋆ x + b))</c> for <paramref name="rows"/> rows, the bits of <see cref="Forward"/> with
    /// <c>rectify</c> then <see cref="Pooling.MaxForward"/>: pooled in the register tiles as they store where they can
    /// (AVX-512, output rows of 16 or 32, 2×2 windows two apart), which saves writing the layer's activations and reading
    /// them back; else the two passes through <paramref name="z"/>.
    /// </summary>
    /// <param name="shape">The layer's sizes.</param>
    /// <param name="pool">The max pooling's sizes, over the layer's output.</param>
    /// <param name="x">The rows' inputs.</param>
    /// <param name="weights">The weights <c>[filters, channels, kh, kw]</c>.</param>
    /// <param name="bias">The bias <c>[filters]</c>.</param>
    /// <param name="z">Room for the rows' activations, <c>[rows, filters, outHeight, outWidth]</c>; what it holds after is unspecified.</param>
    /// <param name="a">Receives the rows' pooled activations.</param>
    /// <param name="rows">The number of rows.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ForwardPooled(in ConvolutionShape shape, in PoolingShape pool, ReadOnlySpan<float> x, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> z, Span<float> a, int rows)
    {
        if (TiledConvolution.PoolsInTiles(shape, pool))
        {
            TiledConvolution.ForwardPooled(shape, x, weights, bias, a, rows, 0, shape.Filters);
            return;
        }

        Forward(shape, x, weights, bias, z, rows, rectify: true);
        Pooling.MaxForward(pool, z, a, rows);
    }

    /// <summary><see cref="Forward"/> for any stride, lowered one output row at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void ForwardOverOutputRows(in ConvolutionShape shape, ReadOnlySpan<float> x, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> z, int rows)
    {
        int plane = shape.OutputHeight * shape.OutputWidth;
        int taps = Taps(shape);
        Span<float> columns = Scratch(taps * plane);
        ref float w = ref MemoryMarshal.GetReference(weights);
        ref float col = ref MemoryMarshal.GetReference(columns);
        int block = MatrixKernels.BlockSize(taps, DepthBlock);
        for (int row = 0; row < rows; row++)
        {
            Lower(shape, x.Slice(row * shape.InputSize, shape.InputSize), columns);
            Span<float> output = z.Slice(row * shape.OutputSize, shape.OutputSize);
            for (int f = 0; f < shape.Filters; f++)
            {
                output.Slice(f * plane, plane).Fill(bias[f]);
            }

            ref float c = ref MemoryMarshal.GetReference(output);
            for (int k = 0; k < taps; k += block)
            {
                BroadcastProduct.Run(ref w, taps, 1, ref col, plane, ref c, plane, ref c, BroadcastProduct.StartFromOutput, shape.Filters, k, Math.Min(taps, k + block), plane);
            }
        }
    }

    /// <summary>
    /// <see cref="Forward"/> with a stride of 1, lowered over whole rows of the zero-padded input: output position
    /// (oh, ow) is column <c>oh · paddedWidth + ow</c>, so that every tap's column is one contiguous run of the padded
    /// input instead of a run per output row. The columns between one output row's end and the next one's start are
    /// computed too and dropped (<c>paddedWidth − outWidth</c> of every <c>paddedWidth</c>). Several rows of a batch lie
    /// side by side in one product, which then has fewer partial panels and calls. Each output is the same chain as in
    /// <see cref="ForwardOverOutputRows"/>, so the results are the same bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void ForwardOverPaddedRows(in ConvolutionShape shape, ReadOnlySpan<float> x, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> z, int rows)
    {
        int paddedHeight = shape.Height + (2 * shape.PaddingHeight);
        int paddedWidth = shape.Width + (2 * shape.PaddingWidth);
        int paddedPlane = paddedHeight * paddedWidth;
        int plane = shape.OutputHeight * shape.OutputWidth;
        int columnsPerRow = ((shape.OutputHeight - 1) * paddedWidth) + shape.OutputWidth;
        int taps = Taps(shape);
        int group = Math.Clamp(GroupColumns / (taps * columnsPerRow), 1, Math.Max(1, rows));
        int columnsPerTap = group * columnsPerRow;
        int paddedRow = shape.Channels * paddedPlane;
        Span<float> scratch = Scratch(((taps + shape.Filters) * columnsPerTap) + (group * paddedRow));
        Span<float> columns = scratch.Slice(0, taps * columnsPerTap);
        Span<float> wide = scratch.Slice(columns.Length, shape.Filters * columnsPerTap);
        Span<float> paddedInputs = scratch.Slice(columns.Length + wide.Length);
        paddedInputs.Clear();
        ref float w = ref MemoryMarshal.GetReference(weights);
        ref float col = ref MemoryMarshal.GetReference(columns);
        ref float c = ref MemoryMarshal.GetReference(wide);
        int block = MatrixKernels.BlockSize(taps, DepthBlock);
        for (int first = 0; first < rows; first += group)
        {
            int count = Math.Min(group, rows - first);
            int width = count * columnsPerRow;
            for (int member = 0; member < count; member++)
            {
                // Only the interior is written: the border stays the zeros cleared above.
                ReadOnlySpan<float> input = x.Slice((first + member) * shape.InputSize, shape.InputSize);
                Span<float> paddedInput = paddedInputs.Slice(member * paddedRow, paddedRow);
                for (int r = 0; r < shape.Channels * shape.Height; r++)
                {
                    int channel = r / shape.Height;
                    int destination = (channel * paddedPlane) + ((r % shape.Height + shape.PaddingHeight) * paddedWidth) + shape.PaddingWidth;
                    CopyRow(input.Slice(r * shape.Width, shape.Width), paddedInput.Slice(destination, shape.Width));
                }

                // Tap (channel, i, j) reads from (i · dilation, j · dilation) on, in every position's window.
                int t = 0;
                for (int channel = 0; channel < shape.Channels; channel++)
                {
                    for (int kh = 0; kh < shape.KernelHeight; kh++)
                    {
                        for (int kw = 0; kw < shape.KernelWidth; kw++, t++)
                        {
                            int start = (channel * paddedPlane) + (kh * shape.DilationHeight * paddedWidth) + (kw * shape.DilationWidth);
                            paddedInput.Slice(start, columnsPerRow).CopyTo(columns.Slice((t * width) + (member * columnsPerRow), columnsPerRow));
                        }
                    }
                }
            }

            for (int f = 0; f < shape.Filters; f++)
            {
                wide.Slice(f * width, width).Fill(bias[f]);
            }

            for (int k = 0; k < taps; k += block)
            {
                BroadcastProduct.Run(ref w, taps, 1, ref col, width, ref c, width, ref c, BroadcastProduct.StartFromOutput, shape.Filters, k, Math.Min(taps, k + block), width);
            }

            for (int member = 0; member < count; member++)
            {
                Span<float> output = z.Slice((first + member) * shape.OutputSize, shape.OutputSize);
                for (int f = 0; f < shape.Filters; f++)
                {
                    for (int oh = 0; oh < shape.OutputHeight; oh++)
                    {
                        CopyRow(wide.Slice((f * width) + (member * columnsPerRow) + (oh * paddedWidth), shape.OutputWidth), output.Slice((f * plane) + (oh * shape.OutputWidth), shape.OutputWidth));
                    }
                }
            }
        }
    }

    /// <summary>
    /// The backward pass of <paramref name="rows"/> rows, as <see cref="Convolution.Backward"/>: adds ∂L/∂W and ∂L/∂b
    /// (each summed over the block's rows first and added once) and, unless <paramref name="inputDelta"/> is empty, writes ∂L/∂x.
    /// </summary>
    /// <param name="shape">The layer's sizes.</param>
    /// <param name="x">The rows' inputs.</param>
    /// <param name="delta">The rows' ∂L/∂z.</param>
    /// <param name="weights">The weights <c>[filters, channels, kh, kw]</c>.</param>
    /// <param name="weightGradient">Receives ∂L/∂W, added.</param>
    /// <param name="biasGradient">Receives ∂L/∂b, added.</param>
    /// <param name="inputDelta">Receives ∂L/∂x, overwritten; empty for none.</param>
    /// <param name="rows">The number of rows.</param>
    public static void Backward(in ConvolutionShape shape, ReadOnlySpan<float> x, ReadOnlySpan<float> delta, ReadOnlySpan<float> weights, Span<float> weightGradient, Span<float> biasGradient, Span<float> inputDelta, int rows)
    {
        Convolution.AddBiasGradient(shape, delta, biasGradient, rows);
        int plane = shape.OutputHeight * shape.OutputWidth;
        int taps = Taps(shape);
        int weightCount = shape.Filters * taps;
        Span<float> scratch = Scratch((taps * plane) + weightCount);
        Span<float> columns = scratch.Slice(0, taps * plane);
        Span<float> sum = scratch.Slice(taps * plane, weightCount);
        ref float col = ref MemoryMarshal.GetReference(columns);
        ref float s = ref MemoryMarshal.GetReference(sum);

        // ∂W[f, t] = Σ over the rows and positions p of δ[f, p] col[t, p]: one chain per weight through the block's
        // rows, into the scratch sum, added to the gradient once. With fewer than 4 filters the product would not pay
        // for its copies; the direct loops run instead.
        int block = MatrixKernels.BlockSize(plane, DepthBlock);
        bool lowered = true;
        for (int row = 0; row < rows && lowered; row++)
        {
            Lower(shape, x.Slice(row * shape.InputSize, shape.InputSize), columns);
            ref float d = ref MemoryMarshal.GetReference(delta.Slice(row * shape.OutputSize, shape.OutputSize));
            for (int k = 0; k < plane && lowered; k += block)
            {
                int mode = row == 0 && k == 0 ? BroadcastProduct.StartFromZero : BroadcastProduct.StartFromOutput;
                lowered = BroadcastProduct.TryRunTransposed(ref d, plane, 1, ref col, plane, ref s, taps, mode, shape.Filters, k, Math.Min(plane, k + block), taps);
            }
        }

        if (lowered)
        {
            MatrixKernels.Add(weightGradient.Slice(0, weightCount), sum);
        }
        else
        {
            Convolution.AddWeightGradient(shape, x, delta, weightGradient, rows);
        }

        if (inputDelta.IsEmpty)
        {
            return;
        }

        // ∂col[t, p] = Σ_f W[f, t] δ[f, p], then each column added back onto the inputs its tap read.
        ref float w = ref MemoryMarshal.GetReference(weights);
        int filterBlock = MatrixKernels.BlockSize(shape.Filters, DepthBlock);
        for (int row = 0; row < rows; row++)
        {
            ref float d = ref MemoryMarshal.GetReference(delta.Slice(row * shape.OutputSize, shape.OutputSize));
            for (int k = 0; k < shape.Filters; k += filterBlock)
            {
                int mode = k == 0 ? BroadcastProduct.StartFromZero : BroadcastProduct.StartFromOutput;
                BroadcastProduct.Run(ref w, 1, taps, ref d, plane, ref col, plane, ref col, mode, taps, k, Math.Min(shape.Filters, k + filterBlock), plane);
            }

            Raise(shape, columns, inputDelta.Slice(row * shape.InputSize, shape.InputSize));
        }
    }

    /// <summary>The rows of the lowered columns: one per weight of a filter, <c>channels · kh · kw</c>.</summary>
    private static int Taps(in ConvolutionShape shape) => shape.Channels * shape.KernelHeight * shape.KernelWidth;

    /// <summary>im2col: <c>col[(c·kh + i)·kw + j, oh·outWidth + ow]</c> = the input tap (i, j) of output (oh, ow) reads in channel c, 0 in the padding.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Lower(in ConvolutionShape shape, ReadOnlySpan<float> input, Span<float> columns)
    {
        int plane = shape.OutputHeight * shape.OutputWidth;
        int inputPlaneSize = shape.Height * shape.Width;
        int t = 0;
        for (int c = 0; c < shape.Channels; c++)
        {
            ReadOnlySpan<float> inputPlane = input.Slice(c * inputPlaneSize, inputPlaneSize);
            for (int kh = 0; kh < shape.KernelHeight; kh++)
            {
                for (int kw = 0; kw < shape.KernelWidth; kw++, t++)
                {
                    (int first, int last) = shape.Columns(kw);
                    Span<float> tap = columns.Slice(t * plane, plane);
                    for (int oh = 0; oh < shape.OutputHeight; oh++)
                    {
                        Span<float> line = tap.Slice(oh * shape.OutputWidth, shape.OutputWidth);
                        int ih = shape.InputRow(oh, kh);
                        if ((uint)ih >= (uint)shape.Height || first >= last)
                        {
                            line.Clear();
                            continue;
                        }

                        line.Slice(0, first).Clear();
                        line.Slice(last).Clear();
                        int start = (ih * shape.Width) + shape.InputColumn(first, kw);
                        if (shape.StrideWidth == 1)
                        {
                            CopyRow(inputPlane.Slice(start, last - first), line.Slice(first, last - first));
                        }
                        else
                        {
                            for (int ow = first; ow < last; ow++)
                            {
                                line[ow] = inputPlane[start + ((ow - first) * shape.StrideWidth)];
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>col2im: writes ∂x of one row, each column's values added onto the input its tap read (the inverse of <see cref="Lower"/>).</summary>
    private static void Raise(in ConvolutionShape shape, ReadOnlySpan<float> columns, Span<float> inputDelta)
    {
        int plane = shape.OutputHeight * shape.OutputWidth;
        int inputPlaneSize = shape.Height * shape.Width;
        inputDelta.Clear();
        int t = 0;
        for (int c = 0; c < shape.Channels; c++)
        {
            Span<float> inputPlane = inputDelta.Slice(c * inputPlaneSize, inputPlaneSize);
            for (int kh = 0; kh < shape.KernelHeight; kh++)
            {
                for (int kw = 0; kw < shape.KernelWidth; kw++, t++)
                {
                    (int first, int last) = shape.Columns(kw);
                    ReadOnlySpan<float> tap = columns.Slice(t * plane, plane);
                    for (int oh = 0; oh < shape.OutputHeight && first < last; oh++)
                    {
                        int ih = shape.InputRow(oh, kh);
                        if ((uint)ih >= (uint)shape.Height)
                        {
                            continue;
                        }

                        ReadOnlySpan<float> line = tap.Slice((oh * shape.OutputWidth) + first, last - first);
                        int start = (ih * shape.Width) + shape.InputColumn(first, kw);
                        if (shape.StrideWidth == 1)
                        {
                            MatrixKernels.Add(inputPlane.Slice(start, line.Length), line);
                        }
                        else
                        {
                            for (int i = 0; i < line.Length; i++)
                            {
                                inputPlane[start + (i * shape.StrideWidth)] += line[i];
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// Copies one row of an image (<paramref name="source"/> into <paramref name="destination"/>, of the same length,
    /// which do not overlap) with vector moves, the last one overlapping the one before: rows are short, and a call to
    /// the general copy cost more than the copy itself.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void CopyRow(ReadOnlySpan<float> source, Span<float> destination)
    {
        int count = source.Length;
        if (destination.Length != count)
        {
            throw new ArgumentException("The rows differ in length.", nameof(destination));
        }

        ref float from = ref MemoryMarshal.GetReference(source);
        ref float to = ref MemoryMarshal.GetReference(destination);
        if (Vector256.IsHardwareAccelerated && count >= Vector256<float>.Count)
        {
            CopyRow<Lanes256, Vector256<float>>(ref from, ref to, count);
        }
        else if (Vector128.IsHardwareAccelerated && count >= Vector128<float>.Count)
        {
            CopyRow<Lanes128, Vector128<float>>(ref from, ref to, count);
        }
        else if (count > 0)
        {
            CopyRow<Scalar, float>(ref from, ref to, count);
        }
    }

    /// <summary>Copies <paramref name="count"/> floats, at least one register's, a register at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CopyRow<TLanes, TVector>(ref float from, ref float to, int count)
        where TLanes : struct, ILanes<TVector>
        where TVector : struct
    {
        nint last = count - TLanes.Count;
        for (nint i = 0; i < last; i += TLanes.Count)
        {
            TLanes.Store(TLanes.Load(ref from, i), ref to, i);
        }

        TLanes.Store(TLanes.Load(ref from, last), ref to, last);
    }

    /// <summary>The thread's scratch buffer, at least <paramref name="length"/> floats (also <see cref="TiledConvolution"/>'s padded image).</summary>
    internal static Span<float> Scratch(int length) => ThreadBuffer.AtLeast(ref t_scratch, length).AsSpan(0, length);
}
