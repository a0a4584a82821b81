using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace CompiledNN.Runtime;

/// <summary>
/// The dense layer of int8 inference (<c>Quantization.Int8</c>). The weights <c>W[units, inputs]</c> come baked as
/// symmetric int8 with one float scale per unit. Each row of inputs is quantised as the layer runs, asymmetrically to
/// 7 bits: <c>x ≈ scale · (q − zeroPoint)</c> with q in 0…127, ONNX Runtime's <c>DynamicQuantizeLinear</c> with 127 levels
/// instead of 255, so that the AVX2 path's pairs of 7-bit × int8 products (at most 2 · 127 · 127 = 32,258) never saturate
/// <c>vpmaddubsw</c>'s int16. The products are summed in int32, exactly, so the AVX-VNNI, AVX2 and portable paths give the
/// same integers, and the dequantisation they share gives the same bits:
/// <c>z = (Σ q·w − zeroPoint · Σ w) · (scale · unitScale) + b</c>. A row with a NaN or infinity gets NaN pre-activations.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class QuantizedKernels
{
    /// <summary>The largest quantised input: 7 bits.</summary>
    public const int InputLevels = 127;

    /// <summary>The most inputs a layer can have: |Σ q·w| ≤ 127 · 127 · inputs stays within int32.</summary>
    public const int MaxInputs = 131_072;

    private const int VectorBytes = 32;

    /// <summary>Rows quantised, then multiplied, together: four share each load of the weights.</summary>
    private const int RowBlock = 4;

    /// <summary>This thread's quantised rows: each <see cref="Stride"/> bytes, zero past the inputs.</summary>
    [ThreadStatic]
    private static byte[]? t_rows;

    /// <summary>The paths of the integer products, best last; each gives the same bits.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public enum Path
    {
        /// <summary>Scalar code, one product at a time.</summary>
        Portable,

        /// <summary>AVX2's <c>vpmaddubsw</c> and <c>vpmaddwd</c>.</summary>
        Avx2,

        /// <summary>AVX-VNNI's <c>vpdpbusd</c> (.NET 9 or later).</summary>
        AvxVnni,
    }

    /// <summary>The fastest path this processor runs.</summary>
    public static Path BestPath =>
#if NET9_0_OR_GREATER
        AvxVnni.IsSupported ? Path.AvxVnni :
#endif
        Avx2.IsSupported ? Path.Avx2 : Path.Portable;

    /// <summary>Whether this processor runs <paramref name="path"/>.</summary>
    public static bool IsSupported(Path path) => path switch
    {
        Path.Portable => true,
        Path.Avx2 => Avx2.IsSupported,
#if NET9_0_OR_GREATER
        Path.AvxVnni => AvxVnni.IsSupported,
#endif
        _ => false,
    };

    /// <summary>The pre-activations of a block of rows: <c>z[r, j] = b[j] + Σᵢ x[r, i] W[j, i]</c> in int8.</summary>
    /// <param name="x">The rows' inputs, <paramref name="rows"/> × the layer's inputs.</param>
    /// <param name="weights">The layer's int8 weights.</param>
    /// <param name="scales">Each unit's weight scale.</param>
    /// <param name="bias">The float bias, one value per unit.</param>
    /// <param name="z">Receives <paramref name="rows"/> × units pre-activations.</param>
    /// <param name="rows">The number of rows.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Linear(ReadOnlySpan<float> x, Int8Panels weights, ReadOnlySpan<float> scales, ReadOnlySpan<float> bias, Span<float> z, int rows) =>
        Linear(x, weights, scales, bias, z, rows, BestPath);

    /// <summary><see cref="Linear(ReadOnlySpan{float}, Int8Panels, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int)"/> on a chosen path.</summary>
    /// <param name="x">The rows' inputs.</param>
    /// <param name="weights">The layer's int8 weights.</param>
    /// <param name="scales">Each unit's weight scale.</param>
    /// <param name="bias">The float bias.</param>
    /// <param name="z">Receives the pre-activations.</param>
    /// <param name="rows">The number of rows.</param>
    /// <param name="path">The path of the integer products, one <see cref="IsSupported"/>.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Linear(ReadOnlySpan<float> x, Int8Panels weights, ReadOnlySpan<float> scales, ReadOnlySpan<float> bias, Span<float> z, int rows, Path path)
    {
        ArgumentNullException.ThrowIfNull(weights);
        int inputs = weights.Inputs;
        int units = weights.Units;
        if (rows < 0 || x.Length < rows * inputs || scales.Length < units || bias.Length < units || z.Length < rows * units || !IsSupported(path))
        {
            throw new ArgumentException($"The spans do not hold {rows} rows of a layer of {units} units of {inputs} int8 weights, or the processor lacks {path}.");
        }

        int stride = Stride(inputs);
        byte[] quantized = RowScratch(RowBlock * stride);
        Span<float> rowScales = stackalloc float[RowBlock];
        Span<int> zeroPoints = stackalloc int[RowBlock];

        // The int32 sums are written where their pre-activations go, then dequantised in place.
        Span<int> sums = MemoryMarshal.Cast<float, int>(z);
        for (int first = 0; first < rows; first += RowBlock)
        {
            int block = Math.Min(RowBlock, rows - first);
            for (int r = 0; r < block; r++)
            {
                (rowScales[r], zeroPoints[r]) = QuantizeRow(x.Slice((first + r) * inputs, inputs), quantized.AsSpan(r * stride, stride));
            }

            Span<int> blockSums = sums.Slice(first * units, block * units);
            switch (path)
            {
#if NET9_0_OR_GREATER
                case Path.AvxVnni:
                    Products<AvxVnniStep>(quantized, block, stride, weights, blockSums);
                    break;
#endif
                case Path.Avx2:
                    Products<Avx2Step>(quantized, block, stride, weights, blockSums);
                    break;
                default:
                    PortableProducts(quantized, block, stride, weights, blockSums);
                    break;
            }

            for (int r = 0; r < block; r++)
            {
                Dequantize(z.Slice((first + r) * units, units), rowScales[r], zeroPoints[r], scales, weights.Sums, bias);
            }
        }
    }

    /// <summary>
    /// Sets to NaN each row of <paramref name="outputs"/> whose row of <paramref name="inputs"/> holds a NaN or an
    /// infinity: its first layer's pre-activations are NaN, but a ReLU after it would turn them into zeros and a class.
    /// </summary>
    /// <param name="inputs">The rows' inputs, <paramref name="rows"/> × <paramref name="inputSize"/>.</param>
    /// <param name="outputs">The rows' outputs, <paramref name="rows"/> × <paramref name="outputSize"/>.</param>
    /// <param name="rows">The number of rows.</param>
    /// <param name="inputSize">Inputs of a row.</param>
    /// <param name="outputSize">Outputs of a row.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MarkNonFiniteRows(ReadOnlySpan<float> inputs, Span<float> outputs, int rows, int inputSize, int outputSize)
    {
        for (int r = 0; r < rows; r++)
        {
            if (!Range(inputs.Slice(r * inputSize, inputSize)).Finite)
            {
                outputs.Slice(r * outputSize, outputSize).Fill(float.NaN);
            }
        }
    }

    /// <summary>Bytes of one quantised row: the inputs rounded up to whole vectors.</summary>
    internal static int Stride(int inputs) => (inputs + VectorBytes - 1) & ~(VectorBytes - 1);

    private static byte[] RowScratch(int length) => ThreadBuffer.AtLeast(ref t_rows, length);

    /// <summary>
    /// Quantises one row into <paramref name="q"/> (zero past the inputs) and returns its scale and zero point: the range
    /// spans 0 and the row's values, so that 0 is exact. An all-zero row has scale 0; one with a NaN, an infinity, or a
    /// range beyond float's has scale NaN (its q are all 0).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static (float Scale, int ZeroPoint) QuantizeRow(ReadOnlySpan<float> x, Span<byte> q)
    {
        (float min, float max, bool finite) = Range(x);
        float range = max - min;
        q.Clear();
        if (!finite || !float.IsFinite(range))
        {
            return (float.NaN, 0);
        }

        if (range == 0f)
        {
            return (0f, 0);
        }

        float scale = range / InputLevels;
        int zeroPoint = Math.Clamp((int)MathF.Round(-min / scale), 0, InputLevels);
        int i = 0;
        if (Avx2.IsSupported)
        {
            // Round to nearest, ties to even, as MathF.Round below; the division is IEEE's in both.
            Vector256<float> divisor = Vector256.Create(scale);
            Vector256<int> zero = Vector256.Create(zeroPoint);
            Vector256<int> top = Vector256.Create(InputLevels);
            ref float source = ref MemoryMarshal.GetReference(x);
            ref byte target = ref MemoryMarshal.GetReference(q);
            for (; i <= x.Length - 32; i += 32)
            {
                Vector256<int> a = Level(Vector256.LoadUnsafe(ref source, (nuint)i), divisor, zero, top);
                Vector256<int> b = Level(Vector256.LoadUnsafe(ref source, (nuint)(i + 8)), divisor, zero, top);
                Vector256<int> c = Level(Vector256.LoadUnsafe(ref source, (nuint)(i + 16)), divisor, zero, top);
                Vector256<int> d = Level(Vector256.LoadUnsafe(ref source, (nuint)(i + 24)), divisor, zero, top);
                Vector256<ushort> low = Vector256.Narrow(a.AsUInt32(), b.AsUInt32());
                Vector256<ushort> high = Vector256.Narrow(c.AsUInt32(), d.AsUInt32());
                Vector256.Narrow(low, high).StoreUnsafe(ref target, (nuint)i);
            }
        }

        for (; i < x.Length; i++)
        {
            q[i] = (byte)Math.Clamp((int)MathF.Round(x[i] / scale) + zeroPoint, 0, InputLevels);
        }

        return (scale, zeroPoint);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Level(Vector256<float> x, Vector256<float> scale, Vector256<int> zeroPoint, Vector256<int> top)
    {
        Vector256<int> level = Avx.ConvertToVector256Int32WithTruncation(Avx.RoundToNearestInteger(Avx.Divide(x, scale)));
        return Avx2.Min(Avx2.Max(Avx2.Add(level, zeroPoint), Vector256<int>.Zero), top);
    }

    /// <summary>The smallest and largest of 0 and the row's values, and whether all are finite (each x · 0 is 0 then, else NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (float Min, float Max, bool Finite) Range(ReadOnlySpan<float> x)
    {
        float min = 0f;
        float max = 0f;
        float check = 0f;
        int i = 0;
        if (Vector256.IsHardwareAccelerated && x.Length >= 8)
        {
            Vector256<float> low = Vector256<float>.Zero;
            Vector256<float> high = Vector256<float>.Zero;
            Vector256<float> nonFinite = Vector256<float>.Zero;
            ref float source = ref MemoryMarshal.GetReference(x);
            for (; i <= x.Length - 8; i += 8)
            {
                Vector256<float> v = Vector256.LoadUnsafe(ref source, (nuint)i);
                low = Vector256.Min(low, v);
                high = Vector256.Max(high, v);
                nonFinite += v * Vector256<float>.Zero;
            }

            for (int lane = 0; lane < 8; lane++)
            {
                min = Math.Min(min, low.GetElement(lane));
                max = Math.Max(max, high.GetElement(lane));
                check += nonFinite.GetElement(lane);
            }
        }

        for (; i < x.Length; i++)
        {
            min = Math.Min(min, x[i]);
            max = Math.Max(max, x[i]);
            check += x[i] * 0f;
        }

        return (min, max, check == 0f);
    }

    /// <summary>Turns one row's int32 sums, stored in <paramref name="z"/>, into its float pre-activations, in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dequantize(Span<float> z, float scale, int zeroPoint, ReadOnlySpan<float> scales, ReadOnlySpan<int> weightSums, ReadOnlySpan<float> bias)
    {
        Span<int> sums = MemoryMarshal.Cast<float, int>(z);
        int j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // The same operations as the scalar loop, lane by lane (a multiply, then an add: never fused), so the same bits.
            Vector256<float> rowScale = Vector256.Create(scale);
            Vector256<int> zero = Vector256.Create(zeroPoint);
            for (; j <= z.Length - 8; j += 8)
            {
                Vector256<int> sum = Vector256.Create(sums.Slice(j, 8)) - (zero * Vector256.Create(weightSums.Slice(j, 8)));
                Vector256<float> product = Vector256.ConvertToSingle(sum) * (rowScale * Vector256.Create(scales.Slice(j, 8)));
                (product + Vector256.Create(bias.Slice(j, 8))).CopyTo(z.Slice(j, 8));
            }
        }

        for (; j < z.Length; j++)
        {
            float product = (float)(sums[j] - (zeroPoint * weightSums[j])) * (scale * scales[j]);
            z[j] = product + bias[j];
        }
    }

    /// <summary>One step of an int32 sum of 32 products of 7-bit inputs and int8 weights.</summary>
    private interface IProductStep
    {
        static abstract Vector256<int> Add(Vector256<int> sum, Vector256<byte> x, Vector256<sbyte> w);
    }

    /// <summary>AVX2: <c>vpmaddubsw</c> sums pairs into int16 (no saturation with 7-bit inputs), <c>vpmaddwd</c> pairs of those into int32.</summary>
    private readonly struct Avx2Step : IProductStep
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<int> Add(Vector256<int> sum, Vector256<byte> x, Vector256<sbyte> w) =>
            Avx2.Add(sum, Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(x, w), Vector256.Create((short)1)));
    }

#if NET9_0_OR_GREATER
    /// <summary>AVX-VNNI: <c>vpdpbusd</c> sums four products into each int32 lane in one instruction.</summary>
    private readonly struct AvxVnniStep : IProductStep
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<int> Add(Vector256<int> sum, Vector256<byte> x, Vector256<sbyte> w) => AvxVnni.MultiplyWideningAndAdd(sum, x, w);
    }
#endif

    /// <summary>
    /// The int32 sums of a block of quantised rows with every unit, panel by panel: four rows at a time share each load
    /// of a panel's weights; fewer rows take two panels at a time. Each sum runs over its groups in order, so every path
    /// adds the same integers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Products<TStep>(byte[] quantized, int rows, int stride, Int8Panels weights, Span<int> sums)
        where TStep : struct, IProductStep
    {
        ref byte x = ref MemoryMarshal.GetArrayDataReference(quantized);
        ref sbyte w = ref MemoryMarshal.GetArrayDataReference(weights.Data);
        int groups = weights.Groups;
        int units = weights.Units;
        int panelBytes = groups * Int8Panels.GroupBytes;
        int panels = (units + Int8Panels.PanelUnits - 1) / Int8Panels.PanelUnits;
        Span<int> panel = stackalloc int[RowBlock * Int8Panels.PanelUnits];
        if (rows == RowBlock)
        {
            for (int p = 0; p < panels; p++)
            {
                FourRowsOnePanel<TStep>(ref x, stride, ref Unsafe.Add(ref w, p * panelBytes), groups, panel);
                Store(panel, RowBlock, p, units, sums);
            }

            return;
        }

        for (int r = 0; r < rows; r++)
        {
            ref byte row = ref Unsafe.Add(ref x, r * stride);
            int p = 0;
            for (; p <= panels - 2; p += 2)
            {
                OneRowTwoPanels<TStep>(ref row, ref Unsafe.Add(ref w, p * panelBytes), panelBytes, groups, panel);
                Store(panel, 1, p, units, sums.Slice(r * units));
                Store(panel.Slice(Int8Panels.PanelUnits), 1, p + 1, units, sums.Slice(r * units));
            }

            if (p < panels)
            {
                OneRowTwoPanels<TStep>(ref row, ref Unsafe.Add(ref w, p * panelBytes), 0, groups, panel);
                Store(panel, 1, p, units, sums.Slice(r * units));
            }
        }
    }

    /// <summary>Copies the sums of panel <paramref name="p"/>, <paramref name="rows"/> rows of <see cref="Int8Panels.PanelUnits"/>, to the rows' units that exist.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Store(ReadOnlySpan<int> panel, int rows, int p, int units, Span<int> sums)
    {
        int first = p * Int8Panels.PanelUnits;
        int count = Math.Min(Int8Panels.PanelUnits, units - first);
        for (int r = 0; r < rows; r++)
        {
            panel.Slice(r * Int8Panels.PanelUnits, count).CopyTo(sums.Slice((r * units) + first, count));
        }
    }

    /// <summary>One panel's sums for four rows: eight independent chains, one per row and half panel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FourRowsOnePanel<TStep>(ref byte x, int stride, ref sbyte w, int groups, Span<int> panel)
        where TStep : struct, IProductStep
    {
        Vector256<int> s0 = default, s1 = default, s2 = default, s3 = default, s4 = default, s5 = default, s6 = default, s7 = default;
        nuint row = (nuint)stride;
        nuint thirdRow = 3 * row;
        ref sbyte end = ref Unsafe.Add(ref w, groups * Int8Panels.GroupBytes);
        while (Unsafe.IsAddressLessThan(ref w, ref end))
        {
            Vector256<sbyte> low = Vector256.LoadUnsafe(ref w);
            Vector256<sbyte> high = Vector256.LoadUnsafe(ref w, VectorBytes);
            Vector256<byte> x0 = Broadcast(ref x, 0);
            s0 = TStep.Add(s0, x0, low);
            s1 = TStep.Add(s1, x0, high);
            Vector256<byte> x1 = Broadcast(ref x, row);
            s2 = TStep.Add(s2, x1, low);
            s3 = TStep.Add(s3, x1, high);
            Vector256<byte> x2 = Broadcast(ref x, 2 * row);
            s4 = TStep.Add(s4, x2, low);
            s5 = TStep.Add(s5, x2, high);
            Vector256<byte> x3 = Broadcast(ref x, thirdRow);
            s6 = TStep.Add(s6, x3, low);
            s7 = TStep.Add(s7, x3, high);
            w = ref Unsafe.Add(ref w, Int8Panels.GroupBytes);
            x = ref Unsafe.Add(ref x, Int8Panels.GroupInputs);
        }

        ref int target = ref MemoryMarshal.GetReference(panel);
        s0.StoreUnsafe(ref target, 0);
        s1.StoreUnsafe(ref target, 8);
        s2.StoreUnsafe(ref target, 16);
        s3.StoreUnsafe(ref target, 24);
        s4.StoreUnsafe(ref target, 32);
        s5.StoreUnsafe(ref target, 40);
        s6.StoreUnsafe(ref target, 48);
        s7.StoreUnsafe(ref target, 56);
    }

    /// <summary>
    /// One row's sums for the panel at <paramref name="w"/> and the one <paramref name="next"/> bytes on (0: the same
    /// panel, whose second copy of the sums is then ignored): four chains per panel, even and odd groups apart, added
    /// at the end (integers: the order does not matter).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void OneRowTwoPanels<TStep>(ref byte x, ref sbyte w, int next, int groups, Span<int> panel)
        where TStep : struct, IProductStep
    {
        Vector256<int> a0 = default, a1 = default, a2 = default, a3 = default, b0 = default, b1 = default, b2 = default, b3 = default;
        int g = 0;
        for (; g <= groups - 2; g += 2)
        {
            ref sbyte line = ref Unsafe.Add(ref w, g * Int8Panels.GroupBytes);
            Vector256<byte> even = Broadcast(ref x, (nuint)(g * Int8Panels.GroupInputs));
            Vector256<byte> odd = Broadcast(ref x, (nuint)((g + 1) * Int8Panels.GroupInputs));
            a0 = TStep.Add(a0, even, Vector256.LoadUnsafe(ref line));
            a1 = TStep.Add(a1, even, Vector256.LoadUnsafe(ref line, VectorBytes));
            a2 = TStep.Add(a2, odd, Vector256.LoadUnsafe(ref line, Int8Panels.GroupBytes));
            a3 = TStep.Add(a3, odd, Vector256.LoadUnsafe(ref line, Int8Panels.GroupBytes + VectorBytes));
            ref sbyte other = ref Unsafe.Add(ref line, next);
            b0 = TStep.Add(b0, even, Vector256.LoadUnsafe(ref other));
            b1 = TStep.Add(b1, even, Vector256.LoadUnsafe(ref other, VectorBytes));
            b2 = TStep.Add(b2, odd, Vector256.LoadUnsafe(ref other, Int8Panels.GroupBytes));
            b3 = TStep.Add(b3, odd, Vector256.LoadUnsafe(ref other, Int8Panels.GroupBytes + VectorBytes));
        }

        if (g < groups)
        {
            ref sbyte line = ref Unsafe.Add(ref w, g * Int8Panels.GroupBytes);
            Vector256<byte> last = Broadcast(ref x, (nuint)(g * Int8Panels.GroupInputs));
            a0 = TStep.Add(a0, last, Vector256.LoadUnsafe(ref line));
            a1 = TStep.Add(a1, last, Vector256.LoadUnsafe(ref line, VectorBytes));
            ref sbyte other = ref Unsafe.Add(ref line, next);
            b0 = TStep.Add(b0, last, Vector256.LoadUnsafe(ref other));
            b1 = TStep.Add(b1, last, Vector256.LoadUnsafe(ref other, VectorBytes));
        }

        ref int target = ref MemoryMarshal.GetReference(panel);
        (a0 + a2).StoreUnsafe(ref target, 0);
        (a1 + a3).StoreUnsafe(ref target, 8);
        (b0 + b2).StoreUnsafe(ref target, 16);
        (b1 + b3).StoreUnsafe(ref target, 24);
    }

    /// <summary>Four quantised inputs at <paramref name="at"/>, repeated in every 32-bit lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> Broadcast(ref byte x, nuint at) =>
        Vector256.Create(Unsafe.ReadUnaligned<int>(ref Unsafe.Add(ref x, at))).AsByte();

    /// <summary>The portable path: the same int32 sums, one product at a time, from the same panels.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PortableProducts(byte[] quantized, int rows, int stride, Int8Panels weights, Span<int> sums)
    {
        int units = weights.Units;
        int panelBytes = weights.Groups * Int8Panels.GroupBytes;
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<byte> x = quantized.AsSpan(r * stride, weights.Inputs);
            for (int j = 0; j < units; j++)
            {
                ReadOnlySpan<sbyte> lane = weights.Data.AsSpan((j / Int8Panels.PanelUnits * panelBytes) + (j % Int8Panels.PanelUnits * Int8Panels.GroupInputs));
                int sum = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    sum += x[i] * lane[(i / Int8Panels.GroupInputs * Int8Panels.GroupBytes) + (i % Int8Panels.GroupInputs)];
                }

                sums[(r * units) + j] = sum;
            }
        }
    }
}
