using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CompiledNN.Runtime;

/// <summary>
/// The register-blocked matrix kernels of the forward pass and backpropagation over a block of rows. Weights are
/// passed in the generated code's internal layout, transposed to <c>Wᵀ[inputs, units]</c>, so that the forward
/// pass and the weight gradient read units contiguously and broadcast one input at a time; only the delta sent to
/// the layer below needs dot products. Every kernel uses the widest vectors the processor accelerates (512, 256,
/// 128 bits with fused multiply-add, or scalar code). In the forward pass and the weight gradient each output is one
/// chain of fused multiply-adds over the inputs in order (<see cref="BroadcastProduct"/>), whichever tile, width or
/// path computes it, so a row gives the same bits whether it is predicted alone or in a batch of any size; the dot
/// products' order depends only on the layer's size.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class MatrixKernels
{
    // Rows of Wᵀ per pass over the rows of a block: a panel of 128 inputs × 64 units × 4 bytes = 32 KiB, copied
    // contiguously, stays in the L1 cache while every row of the block uses it. Splitting the sum over inputs this way keeps the order of operations.
    private const int InputBlock = 128;

    // Packed panels are read where they lie, so they need not fit L1: longer blocks (a 256 KiB panel, which L2 streams
    // fast enough) save most of the tiles' starts and ends, while whole panels of 2 MiB lose. See docs/performance.md.
    private const int PackedInputBlock = 1024;

    // Up to this many units (two registers), a layer's rows sum all their inputs in one block: its panel is at most 128
    // bytes an input, read from L2 at a small fraction of that cache's bandwidth, and blocks would only send the sums
    // through memory between them (docs/performance.md).
    private const int NarrowUnits = 32;

    // A layer of 2 MiB of weights or more is larger than the L2 cache of current x64 cores (1 or 2 MiB), so each row
    // reads it again from L3 or memory: there the row kernels prefetch ahead (BroadcastProduct.Run, streamed).
    private const int StreamedWeights = 1 << 19;

    /// <summary>The pre-activations of a block of rows: <c>z[r, j] = b[j] + Σᵢ x[r, i] Wᵀ[i, j]</c>.</summary>
    /// <param name="x">The rows' inputs, <paramref name="rows"/> × <paramref name="inputs"/>.</param>
    /// <param name="weights">The layer's weights transposed, <paramref name="inputs"/> × <paramref name="units"/>.</param>
    /// <param name="bias">The layer's bias, <paramref name="units"/> values.</param>
    /// <param name="z">Receives <paramref name="rows"/> × <paramref name="units"/> pre-activations.</param>
    /// <param name="rows">The number of rows.</param>
    /// <param name="inputs">The layer's inputs.</param>
    /// <param name="units">The layer's units.</param>
    /// <param name="rectify">Whether to store <c>max(0, z)</c>, ReLU as <see cref="Activations.ReLU"/> computes it, as each sum is finished, instead of a pass over <paramref name="z"/> after.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Linear(ReadOnlySpan<float> x, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> z, int rows, int inputs, int units, bool rectify = false)
    {
        Check(x, rows * inputs, nameof(x));
        Check(weights, inputs * units, nameof(weights));
        Check(bias, units, nameof(bias));
        Check(z, rows * units, nameof(z));
        LinearUnits(ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(weights), ref MemoryMarshal.GetReference(bias), ref MemoryMarshal.GetReference(z), rows, inputs, units, 0, units, rectify);
    }

    /// <summary>Units per panel of the packed layout (<see cref="Pack"/>): four 512-bit registers, the batch kernel's widest tile.</summary>
    public const int PanelUnits = KernelShape.PanelUnits;

    /// <summary>
    /// Writes a layer's transposed weights packed in panels of <see cref="PanelUnits"/> units: panel <c>p</c> (units
    /// from 64p, <c>wₚ</c> of them, 64 but for the last) holds <c>Wᵀ[i, 64p + j]</c> at <c>64p · inputs + i · wₚ + j</c>,
    /// so that each panel is one contiguous block the batch kernel reads in place, in the order it uses it.
    /// </summary>
    /// <param name="weights">The layer's weights transposed, <paramref name="inputs"/> × <paramref name="units"/>.</param>
    /// <param name="packed">Receives the same <paramref name="inputs"/> × <paramref name="units"/> values, packed.</param>
    /// <param name="inputs">The layer's inputs.</param>
    /// <param name="units">The layer's units.</param>
    public static void Pack(ReadOnlySpan<float> weights, Span<float> packed, int inputs, int units)
    {
        Check(weights, inputs * units, nameof(weights));
        Check(packed, inputs * units, nameof(packed));
        for (int first = 0; first < units; first += PanelUnits)
        {
            int width = Math.Min(PanelUnits, units - first);
            Span<float> panel = packed.Slice(first * inputs, width * inputs);
            for (int i = 0; i < inputs; i++)
            {
                weights.Slice((i * units) + first, width).CopyTo(panel.Slice(i * width, width));
            }
        }
    }

    /// <summary>
    /// <see cref="Linear"/> from weights packed by <see cref="Pack"/>: the same sums, bit for bit, without copying each
    /// panel of the weights on the way (worth it for layers that stream from L3; see docs/performance.md).
    /// </summary>
    /// <param name="x">The rows' inputs, <paramref name="rows"/> × <paramref name="inputs"/>.</param>
    /// <param name="packed">The layer's weights, packed by <see cref="Pack"/>.</param>
    /// <param name="bias">The layer's bias, <paramref name="units"/> values.</param>
    /// <param name="z">Receives <paramref name="rows"/> × <paramref name="units"/> pre-activations.</param>
    /// <param name="rows">The number of rows.</param>
    /// <param name="inputs">The layer's inputs.</param>
    /// <param name="units">The layer's units.</param>
    /// <param name="rectify">Whether to store <c>max(0, z)</c>, ReLU as <see cref="Activations.ReLU"/> computes it, as each sum is finished, instead of a pass over <paramref name="z"/> after.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void LinearPacked(ReadOnlySpan<float> x, ReadOnlySpan<float> packed, ReadOnlySpan<float> bias, Span<float> z, int rows, int inputs, int units, bool rectify = false)
    {
        Check(x, rows * inputs, nameof(x));
        Check(packed, inputs * units, nameof(packed));
        Check(bias, units, nameof(bias));
        Check(z, rows * units, nameof(z));
        LinearPackedUnits(ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(packed), ref MemoryMarshal.GetReference(bias), ref MemoryMarshal.GetReference(z), rows, inputs, units, 0, units, rectify);
    }

    /// <summary>
    /// <see cref="LinearPacked"/> for units [<paramref name="first"/>, <paramref name="first"/> + <paramref name="count"/>),
    /// unchecked; <paramref name="first"/> is a multiple of <see cref="PanelUnits"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void LinearPackedUnits(ref float a, ref float packed, ref float b, ref float c, int rows, int inputs, int units, int first, int count, bool rectify)
    {
        // A layer of one panel is packed as it lies transposed.
        if (KernelShape.SumsInterleaved(inputs, units))
        {
            LinearUnits(ref a, ref packed, ref b, ref c, rows, inputs, units, first, count, rectify);
            return;
        }

        // Blocks keep a panel in L2 across the rows of a tile; fewer than 4 rows have none to share it with. A panel's
        // blocks one after the other read the packed weights in the order they lie, and its sums stay in L1 between blocks.
        int block = rows < 4 ? inputs : BlockSize(inputs, PackedInputBlock);
        bool streamed = inputs * units >= StreamedWeights;
        for (int panel = first; panel < first + count; panel += PanelUnits)
        {
            int width = Math.Min(PanelUnits, units - panel);
            for (int k = 0; k < inputs; k += block)
            {
                int end = Math.Min(inputs, k + block);
                int mode = StartMode(k, end, inputs, rectify);
                BroadcastProduct.Run(ref a, inputs, 1, ref Unsafe.Add(ref packed, panel * inputs), width, ref Unsafe.Add(ref c, panel), units, ref Unsafe.Add(ref b, panel), mode, rows, k, end, width, streamed);
            }
        }
    }

    /// <summary>
    /// The pre-activations of units [<paramref name="first"/>, <paramref name="first"/> + <paramref name="count"/>) of a
    /// block of rows, unchecked: each unit's sum is the same whichever other units share the call.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void LinearUnits(ref float a, ref float w, ref float b, ref float c, int rows, int inputs, int units, int first, int count, bool rectify)
    {
        if (KernelShape.SumsInterleaved(inputs, units))
        {
            InterleavedSums.Run(ref a, ref Unsafe.Add(ref w, first), units, ref Unsafe.Add(ref b, first), ref Unsafe.Add(ref c, first), units, rows, inputs, count, rectify);
            return;
        }

        // Blocks keep a panel in L1 across the rows of a tile; fewer than 4 rows have none to share it with. Less than a
        // panel of units is read where it lies (a partial register's rows) or copied once, then read from L2 in long
        // blocks, as packed panels are.
        int block = rows < 4 || count <= NarrowUnits ? inputs : BlockSize(inputs, count < PanelUnits ? PackedInputBlock : InputBlock);
        bool streamed = inputs * units >= StreamedWeights;
        for (int k = 0; k < inputs; k += block)
        {
            int end = Math.Min(inputs, k + block);
            int mode = StartMode(k, end, inputs, rectify);
            BroadcastProduct.Run(ref a, inputs, 1, ref Unsafe.Add(ref w, first), units, ref Unsafe.Add(ref c, first), units, ref Unsafe.Add(ref b, first), mode, rows, k, end, count, streamed);
        }
    }

    /// <summary>
    /// Adds a block's weight and bias gradients: <c>∂Wᵀ[i, j] += Σᵣ x[r, i] delta[r, j]</c> and
    /// <c>∂b[j] += Σᵣ delta[r, j]</c>. Each sum over the block's rows is formed first and added in one rounding, so
    /// blocks summed one after the other give the same bits as blocks summed apart and added in the same order.
    /// </summary>
    /// <param name="x">The layer's inputs of the rows, <paramref name="rows"/> × <paramref name="inputs"/>.</param>
    /// <param name="delta">∂L/∂z of the rows, <paramref name="rows"/> × <paramref name="units"/>.</param>
    /// <param name="weightGradient">The transposed weight gradient to add to, <paramref name="inputs"/> × <paramref name="units"/>.</param>
    /// <param name="biasGradient">The bias gradient to add to, <paramref name="units"/> values.</param>
    /// <param name="rows">The number of rows.</param>
    /// <param name="inputs">The layer's inputs.</param>
    /// <param name="units">The layer's units.</param>
    public static void AddWeightGradient(ReadOnlySpan<float> x, ReadOnlySpan<float> delta, Span<float> weightGradient, Span<float> biasGradient, int rows, int inputs, int units)
    {
        Check(x, rows * inputs, nameof(x));
        Check(delta, rows * units, nameof(delta));
        Check(weightGradient, inputs * units, nameof(weightGradient));
        Check(biasGradient, units, nameof(biasGradient));
        ref float a = ref MemoryMarshal.GetReference(x);
        ref float d = ref MemoryMarshal.GetReference(delta);
        ref float g = ref MemoryMarshal.GetReference(weightGradient);
        BroadcastProduct.Run(ref a, 1, inputs, ref d, units, ref g, units, ref g, BroadcastProduct.AddToOutput, inputs, 0, rows, units);
        ColumnSums(ref d, ref MemoryMarshal.GetReference(biasGradient), rows, units);
    }

    /// <summary>The delta for the layer below: <c>inputDelta[r, i] = Σⱼ delta[r, j] Wᵀ[i, j]</c>.</summary>
    /// <param name="delta">∂L/∂z of the rows, <paramref name="rows"/> × <paramref name="units"/>.</param>
    /// <param name="weights">The layer's weights transposed, <paramref name="inputs"/> × <paramref name="units"/>.</param>
    /// <param name="inputDelta">Receives ∂L/∂x, <paramref name="rows"/> × <paramref name="inputs"/>.</param>
    /// <param name="rows">The number of rows.</param>
    /// <param name="inputs">The layer's inputs.</param>
    /// <param name="units">The layer's units.</param>
    public static void InputGradient(ReadOnlySpan<float> delta, ReadOnlySpan<float> weights, Span<float> inputDelta, int rows, int inputs, int units)
    {
        Check(delta, rows * units, nameof(delta));
        Check(weights, inputs * units, nameof(weights));
        Check(inputDelta, rows * inputs, nameof(inputDelta));
        ref float d = ref MemoryMarshal.GetReference(delta);
        ref float w = ref MemoryMarshal.GetReference(weights);
        ref float c = ref MemoryMarshal.GetReference(inputDelta);

        // As a product of delta and W (Wᵀ transposed back as its panels are copied), in blocks of units like Linear's.
        int block = BlockSize(units, InputBlock);
        for (int k = 0; k < units; k += block)
        {
            int mode = k == 0 ? BroadcastProduct.StartFromZero : BroadcastProduct.StartFromOutput;
            if (!BroadcastProduct.TryRunTransposed(ref d, units, 1, ref w, units, ref c, inputs, mode, rows, k, Math.Min(units, k + block), inputs))
            {
                // Too few rows (or no vectors): nothing was computed, dot products instead.
                DotProducts(ref d, ref w, ref c, rows, inputs, units);
                return;
            }
        }
    }

    private static void DotProducts(ref float d, ref float w, ref float c, int rows, int inputs, int units)
    {
        if (Vector512.IsHardwareAccelerated && units >= Vector512<float>.Count)
        {
            DotProducts<Lanes512, Vector512<float>>(ref d, ref w, ref c, rows, inputs, units);
        }
        else if (Vector256.IsHardwareAccelerated && units >= Vector256<float>.Count)
        {
            DotProducts<Lanes256, Vector256<float>>(ref d, ref w, ref c, rows, inputs, units);
        }
        else if (Vector128.IsHardwareAccelerated && units >= Vector128<float>.Count)
        {
            DotProducts<Lanes128, Vector128<float>>(ref d, ref w, ref c, rows, inputs, units);
        }
        else
        {
            DotProducts<Scalar, float>(ref d, ref w, ref c, rows, inputs, units);
        }
    }

    /// <summary><c>y += x</c>, element by element: the ordered reduction of gradients computed in parallel.</summary>
    /// <param name="y">The sum so far.</param>
    /// <param name="x">The values to add, as many as <paramref name="y"/>.</param>
    public static void Add(Span<float> y, ReadOnlySpan<float> x)
    {
        Check(x, y.Length, nameof(x));
        ref float a = ref MemoryMarshal.GetReference(y);
        ref float b = ref MemoryMarshal.GetReference(x);
        nint i = 0;
        nint length = y.Length;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= length - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                (Vector512.LoadUnsafe(ref a, (nuint)i) + Vector512.LoadUnsafe(ref b, (nuint)i)).StoreUnsafe(ref a, (nuint)i);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                (Vector256.LoadUnsafe(ref a, (nuint)i) + Vector256.LoadUnsafe(ref b, (nuint)i)).StoreUnsafe(ref a, (nuint)i);
            }
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref a, i) += Unsafe.Add(ref b, i);
        }
    }

    /// <summary>Writes the transpose of a row-major matrix: <c>destination[c, r] = source[r, c]</c>.</summary>
    /// <param name="source">A <paramref name="rows"/> × <paramref name="columns"/> matrix.</param>
    /// <param name="destination">Receives the <paramref name="columns"/> × <paramref name="rows"/> transpose; must not overlap the source.</param>
    /// <param name="rows">The source's rows.</param>
    /// <param name="columns">The source's columns.</param>
    public static void Transpose(ReadOnlySpan<float> source, Span<float> destination, int rows, int columns)
    {
        Check(source, rows * columns, nameof(source));
        Check(destination, rows * columns, nameof(destination));
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                destination[(c * rows) + r] = source[(r * columns) + c];
            }
        }
    }

    /// <summary>How the block of inputs [<paramref name="k"/>, <paramref name="end"/>) of a layer's sums starts, and whether it rectifies them (the last one).</summary>
    private static int StartMode(int k, int end, int inputs, bool rectify) =>
        (k == 0 ? BroadcastProduct.StartFromBias : BroadcastProduct.StartFromOutput) | (rectify && end == inputs ? BroadcastProduct.Rectified : 0);

    /// <summary>
    /// Inputs per block of a sum: blocks of equal size of at most <paramref name="inputBlock"/> (784 inputs in blocks of 128:
    /// 7 of 112, not 6 of 128 and one of 16), so that no block is so short that loading and storing the sums outweighs it.
    /// </summary>
    internal static int BlockSize(int length, int inputBlock)
    {
        int blocks = Math.Max(1, (length + inputBlock - 1) / inputBlock);
        return (length + blocks - 1) / blocks;
    }

    /// <summary>Throws unless <paramref name="span"/> holds exactly <paramref name="expected"/> floats, naming the argument.</summary>
    internal static void Check(ReadOnlySpan<float> span, int expected, string name)
    {
        if (span.Length != expected)
        {
            throw new ArgumentException($"Expected {expected} elements, but the span has {span.Length}.", name);
        }
    }

    /// <summary><c>sums[j] += Σᵣ delta[r, j]</c>, each column summed from zero over the rows, then added.</summary>
    private static void ColumnSums(ref float delta, ref float sums, int rows, int units)
    {
        nint j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; j + Vector512<float>.Count <= units; j += Vector512<float>.Count)
            {
                var sum = Vector512<float>.Zero;
                for (nint r = 0; r < rows; r++)
                {
                    sum += Vector512.LoadUnsafe(ref delta, (nuint)((r * units) + j));
                }

                (Vector512.LoadUnsafe(ref sums, (nuint)j) + sum).StoreUnsafe(ref sums, (nuint)j);
            }
        }

        for (; j < units; j++)
        {
            float sum = 0f;
            for (nint r = 0; r < rows; r++)
            {
                sum += Unsafe.Add(ref delta, (r * units) + j);
            }

            Unsafe.Add(ref sums, j) += sum;
        }
    }

    /// <summary>
    /// <c>C[m, n] = Σₖ A[m, k] B[n, k]</c> with k contiguous in both: tiles of 4 × 4 dot products, each summed across
    /// its lanes at the end; the last k that do not fill a register are added one at a time.
    /// </summary>
    private static void DotProducts<TLanes, TVector>(ref float a, ref float b, ref float c, int m, int n, int k)
        where TLanes : struct, ILanes<TVector>
        where TVector : struct
    {
        int row = 0;
        for (; row + 4 <= m; row += 4)
        {
            int column = 0;
            for (; column + 4 <= n; column += 4)
            {
                Dot4x4<TLanes, TVector>(ref Unsafe.Add(ref a, row * k), ref Unsafe.Add(ref b, column * k), ref Unsafe.Add(ref c, (row * n) + column), n, k);
            }

            for (; column < n; column++)
            {
                for (int r = row; r < row + 4; r++)
                {
                    Unsafe.Add(ref c, (r * n) + column) = Dot<TLanes, TVector>(ref Unsafe.Add(ref a, r * k), ref Unsafe.Add(ref b, column * k), k);
                }
            }
        }

        for (; row < m; row++)
        {
            for (int column = 0; column < n; column++)
            {
                Unsafe.Add(ref c, (row * n) + column) = Dot<TLanes, TVector>(ref Unsafe.Add(ref a, row * k), ref Unsafe.Add(ref b, column * k), k);
            }
        }
    }

    private static float Dot<TLanes, TVector>(ref float a, ref float b, int k)
        where TLanes : struct, ILanes<TVector>
        where TVector : struct
    {
        nint w = TLanes.Count;
        TVector s = TLanes.Zero;
        nint i = 0;
        for (; i + w <= k; i += w)
        {
            s = TLanes.MultiplyAdd(TLanes.Load(ref a, i), TLanes.Load(ref b, i), s);
        }

        float sum = TLanes.Sum(s);
        for (; i < k; i++)
        {
            sum = Scalar.MultiplyAdd(Unsafe.Add(ref a, i), Unsafe.Add(ref b, i), sum);
        }

        return sum;
    }

    // A compilation root, optimized from its first call, as BroadcastProduct's tiles are (its remarks say why).
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Dot4x4<TLanes, TVector>(ref float a, ref float b, ref float c, nint ldc, int k)
        where TLanes : struct, ILanes<TVector>
        where TVector : struct
    {
        nint w = TLanes.Count;
        ref float a1 = ref Unsafe.Add(ref a, k);
        ref float a2 = ref Unsafe.Add(ref a, 2 * k);
        ref float a3 = ref Unsafe.Add(ref a, 3 * k);
        ref float b1 = ref Unsafe.Add(ref b, k);
        ref float b2 = ref Unsafe.Add(ref b, 2 * k);
        ref float b3 = ref Unsafe.Add(ref b, 3 * k);
        TVector s00 = TLanes.Zero, s01 = TLanes.Zero, s02 = TLanes.Zero, s03 = TLanes.Zero;
        TVector s10 = TLanes.Zero, s11 = TLanes.Zero, s12 = TLanes.Zero, s13 = TLanes.Zero;
        TVector s20 = TLanes.Zero, s21 = TLanes.Zero, s22 = TLanes.Zero, s23 = TLanes.Zero;
        TVector s30 = TLanes.Zero, s31 = TLanes.Zero, s32 = TLanes.Zero, s33 = TLanes.Zero;
        nint i = 0;
        for (; i + w <= k; i += w)
        {
            TVector y0 = TLanes.Load(ref b, i), y1 = TLanes.Load(ref b1, i), y2 = TLanes.Load(ref b2, i), y3 = TLanes.Load(ref b3, i);
            TVector x = TLanes.Load(ref a, i);
            s00 = TLanes.MultiplyAdd(x, y0, s00);
            s01 = TLanes.MultiplyAdd(x, y1, s01);
            s02 = TLanes.MultiplyAdd(x, y2, s02);
            s03 = TLanes.MultiplyAdd(x, y3, s03);
            x = TLanes.Load(ref a1, i);
            s10 = TLanes.MultiplyAdd(x, y0, s10);
            s11 = TLanes.MultiplyAdd(x, y1, s11);
            s12 = TLanes.MultiplyAdd(x, y2, s12);
            s13 = TLanes.MultiplyAdd(x, y3, s13);
            x = TLanes.Load(ref a2, i);
            s20 = TLanes.MultiplyAdd(x, y0, s20);
            s21 = TLanes.MultiplyAdd(x, y1, s21);
            s22 = TLanes.MultiplyAdd(x, y2, s22);
            s23 = TLanes.MultiplyAdd(x, y3, s23);
            x = TLanes.Load(ref a3, i);
            s30 = TLanes.MultiplyAdd(x, y0, s30);
            s31 = TLanes.MultiplyAdd(x, y1, s31);
            s32 = TLanes.MultiplyAdd(x, y2, s32);
            s33 = TLanes.MultiplyAdd(x, y3, s33);
        }

        WriteDots<TLanes, TVector>(ref c, ref a, ref b, ref b1, ref b2, ref b3, s00, s01, s02, s03, i, k);
        WriteDots<TLanes, TVector>(ref Unsafe.Add(ref c, ldc), ref a1, ref b, ref b1, ref b2, ref b3, s10, s11, s12, s13, i, k);
        WriteDots<TLanes, TVector>(ref Unsafe.Add(ref c, 2 * ldc), ref a2, ref b, ref b1, ref b2, ref b3, s20, s21, s22, s23, i, k);
        WriteDots<TLanes, TVector>(ref Unsafe.Add(ref c, 3 * ldc), ref a3, ref b, ref b1, ref b2, ref b3, s30, s31, s32, s33, i, k);
    }

    /// <summary>Finishes one row of a 4 × 4 tile: the lane sums, then the last elements exactly as <see cref="Dot"/> adds them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteDots<TLanes, TVector>(
        ref float c, ref float a, ref float b0, ref float b1, ref float b2, ref float b3, TVector s0, TVector s1, TVector s2, TVector s3, nint tail, int k)
        where TLanes : struct, ILanes<TVector>
        where TVector : struct
    {
        float d0 = TLanes.Sum(s0), d1 = TLanes.Sum(s1), d2 = TLanes.Sum(s2), d3 = TLanes.Sum(s3);
        for (nint i = tail; i < k; i++)
        {
            float x = Unsafe.Add(ref a, i);
            d0 = Scalar.MultiplyAdd(x, Unsafe.Add(ref b0, i), d0);
            d1 = Scalar.MultiplyAdd(x, Unsafe.Add(ref b1, i), d1);
            d2 = Scalar.MultiplyAdd(x, Unsafe.Add(ref b2, i), d2);
            d3 = Scalar.MultiplyAdd(x, Unsafe.Add(ref b3, i), d3);
        }

        c = d0;
        Unsafe.Add(ref c, 1) = d1;
        Unsafe.Add(ref c, 2) = d2;
        Unsafe.Add(ref c, 3) = d3;
    }
}
