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

    /// <summary>Zero bytes after a layer's int8 weights, so that a vector load at the end of the last unit stays in the data.</summary>
    public const int WeightPadding = VectorBytes;

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

    /// <summary>Each unit's sum of its int8 weights, which removes the inputs' zero point from the products.</summary>
    /// <param name="weights">The layer's weights, <paramref name="units"/> × <paramref name="inputs"/>.</param>
    /// <param name="inputs">Inputs of the layer.</param>
    /// <param name="units">Units of the layer.</param>
    /// <returns>The <paramref name="units"/> sums.</returns>
    public static int[] WeightSums(ReadOnlySpan<sbyte> weights, int inputs, int units)
    {
        var sums = new int[units];
        for (int j = 0; j < units; j++)
        {
            int sum = 0;
            foreach (sbyte w in weights.Slice(j * inputs, inputs))
            {
                sum += w;
            }

            sums[j] = sum;
        }

        return sums;
    }

    /// <summary>The pre-activations of a block of rows: <c>z[r, j] = b[j] + Σᵢ x[r, i] W[j, i]</c> in int8.</summary>
    /// <param name="x">The rows' inputs, <paramref name="rows"/> × <paramref name="inputs"/>.</param>
    /// <param name="weights">The int8 weights, <paramref name="units"/> × <paramref name="inputs"/>, then <see cref="WeightPadding"/> zeros.</param>
    /// <param name="scales">Each unit's weight scale.</param>
    /// <param name="weightSums">Each unit's <see cref="WeightSums"/>.</param>
    /// <param name="bias">The float bias, <paramref name="units"/> values.</param>
    /// <param name="z">Receives <paramref name="rows"/> × <paramref name="units"/> pre-activations.</param>
    /// <param name="rows">The number of rows.</param>
    /// <param name="inputs">Inputs of the layer.</param>
    /// <param name="units">Units of the layer.</param>
    public static void Linear(ReadOnlySpan<float> x, ReadOnlySpan<sbyte> weights, ReadOnlySpan<float> scales, ReadOnlySpan<int> weightSums, ReadOnlySpan<float> bias, Span<float> z, int rows, int inputs, int units) =>
        Linear(x, weights, scales, weightSums, bias, z, rows, inputs, units, BestPath);

    /// <summary><see cref="Linear(ReadOnlySpan{float}, ReadOnlySpan{sbyte}, ReadOnlySpan{float}, ReadOnlySpan{int}, ReadOnlySpan{float}, Span{float}, int, int, int)"/> on a chosen path.</summary>
    /// <param name="x">The rows' inputs.</param>
    /// <param name="weights">The int8 weights, then the padding.</param>
    /// <param name="scales">Each unit's weight scale.</param>
    /// <param name="weightSums">Each unit's sum of int8 weights.</param>
    /// <param name="bias">The float bias.</param>
    /// <param name="z">Receives the pre-activations.</param>
    /// <param name="rows">The number of rows.</param>
    /// <param name="inputs">Inputs of the layer.</param>
    /// <param name="units">Units of the layer.</param>
    /// <param name="path">The path of the integer products, one <see cref="IsSupported"/>.</param>
    public static void Linear(ReadOnlySpan<float> x, ReadOnlySpan<sbyte> weights, ReadOnlySpan<float> scales, ReadOnlySpan<int> weightSums, ReadOnlySpan<float> bias, Span<float> z, int rows, int inputs, int units, Path path)
    {
        // The vector paths read whole vectors past each unit's inputs: the lengths are checked once, here.
        if (rows < 0 || inputs <= 0 || inputs > MaxInputs || units <= 0 || x.Length < rows * inputs || weights.Length < (units * inputs) + WeightPadding
            || scales.Length < units || weightSums.Length < units || bias.Length < units || z.Length < rows * units || !IsSupported(path))
        {
            throw new ArgumentException($"The spans do not hold a layer of {units} units of {inputs} int8 weights and {rows} rows, or the processor lacks {path}.");
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
                    Products<AvxVnniStep>(quantized, block, stride, weights, inputs, units, blockSums);
                    break;
#endif
                case Path.Avx2:
                    Products<Avx2Step>(quantized, block, stride, weights, inputs, units, blockSums);
                    break;
                default:
                    PortableProducts(quantized, block, stride, weights, inputs, units, blockSums);
                    break;
            }

            for (int r = 0; r < block; r++)
            {
                Dequantize(z.Slice((first + r) * units, units), rowScales[r], zeroPoints[r], scales, weightSums, bias);
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

    private static byte[] RowScratch(int length)
    {
        byte[]? rows = t_rows;
        if (rows is null || rows.Length < length)
        {
            rows = new byte[length];
            t_rows = rows;
        }

        return rows;
    }

    /// <summary>
    /// Quantises one row into <paramref name="q"/> (zero past the inputs) and returns its scale and zero point: the range
    /// spans 0 and the row's values, so that 0 is exact. An all-zero row has scale 0; one with a NaN, an infinity, or a
    /// range beyond float's has scale NaN (its q are all 0).
    /// </summary>
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
    /// The int32 sums of a block of quantised rows with every unit: four rows by two units share their loads; fewer rows
    /// take four units at a time. Each unit's loads run past its inputs into the next unit's weights (or the padding),
    /// where the rows' quantised inputs are 0.
    /// </summary>
    private static void Products<TStep>(byte[] quantized, int rows, int stride, ReadOnlySpan<sbyte> weights, int inputs, int units, Span<int> sums)
        where TStep : struct, IProductStep
    {
        ref byte x = ref MemoryMarshal.GetArrayDataReference(quantized);
        ref sbyte w = ref MemoryMarshal.GetReference(weights);
        int j = 0;
        if (rows == RowBlock)
        {
            for (; j <= units - 2; j += 2)
            {
                FourRowsTwoUnits<TStep>(ref x, stride, ref Unsafe.Add(ref w, j * inputs), ref Unsafe.Add(ref w, (j + 1) * inputs), sums, units, j);
            }
        }
        else
        {
            for (; j <= units - 4; j += 4)
            {
                for (int r = 0; r < rows; r++)
                {
                    OneRowFourUnits<TStep>(ref Unsafe.Add(ref x, r * stride), stride, ref Unsafe.Add(ref w, j * inputs), inputs, sums.Slice((r * units) + j, 4));
                }
            }
        }

        for (; j < units; j++)
        {
            for (int r = 0; r < rows; r++)
            {
                sums[(r * units) + j] = OneRowOneUnit<TStep>(ref Unsafe.Add(ref x, r * stride), stride, ref Unsafe.Add(ref w, j * inputs));
            }
        }
    }

    private static void FourRowsTwoUnits<TStep>(ref byte x, int stride, ref sbyte w0, ref sbyte w1, Span<int> sums, int units, int j)
        where TStep : struct, IProductStep
    {
        Vector256<int> s00 = default, s01 = default, s10 = default, s11 = default, s20 = default, s21 = default, s30 = default, s31 = default;
        for (int k = 0; k < stride; k += VectorBytes)
        {
            Vector256<sbyte> v0 = Vector256.LoadUnsafe(ref w0, (nuint)k);
            Vector256<sbyte> v1 = Vector256.LoadUnsafe(ref w1, (nuint)k);
            Vector256<byte> x0 = Vector256.LoadUnsafe(ref x, (nuint)k);
            s00 = TStep.Add(s00, x0, v0);
            s01 = TStep.Add(s01, x0, v1);
            Vector256<byte> x1 = Vector256.LoadUnsafe(ref x, (nuint)(stride + k));
            s10 = TStep.Add(s10, x1, v0);
            s11 = TStep.Add(s11, x1, v1);
            Vector256<byte> x2 = Vector256.LoadUnsafe(ref x, (nuint)((2 * stride) + k));
            s20 = TStep.Add(s20, x2, v0);
            s21 = TStep.Add(s21, x2, v1);
            Vector256<byte> x3 = Vector256.LoadUnsafe(ref x, (nuint)((3 * stride) + k));
            s30 = TStep.Add(s30, x3, v0);
            s31 = TStep.Add(s31, x3, v1);
        }

        sums[j] = Vector256.Sum(s00);
        sums[j + 1] = Vector256.Sum(s01);
        sums[units + j] = Vector256.Sum(s10);
        sums[units + j + 1] = Vector256.Sum(s11);
        sums[(2 * units) + j] = Vector256.Sum(s20);
        sums[(2 * units) + j + 1] = Vector256.Sum(s21);
        sums[(3 * units) + j] = Vector256.Sum(s30);
        sums[(3 * units) + j + 1] = Vector256.Sum(s31);
    }

    private static void OneRowFourUnits<TStep>(ref byte x, int stride, ref sbyte w, int inputs, Span<int> sums)
        where TStep : struct, IProductStep
    {
        Vector256<int> s0 = default, s1 = default, s2 = default, s3 = default;
        for (int k = 0; k < stride; k += VectorBytes)
        {
            Vector256<byte> v = Vector256.LoadUnsafe(ref x, (nuint)k);
            s0 = TStep.Add(s0, v, Vector256.LoadUnsafe(ref w, (nuint)k));
            s1 = TStep.Add(s1, v, Vector256.LoadUnsafe(ref w, (nuint)(inputs + k)));
            s2 = TStep.Add(s2, v, Vector256.LoadUnsafe(ref w, (nuint)((2 * inputs) + k)));
            s3 = TStep.Add(s3, v, Vector256.LoadUnsafe(ref w, (nuint)((3 * inputs) + k)));
        }

        sums[0] = Vector256.Sum(s0);
        sums[1] = Vector256.Sum(s1);
        sums[2] = Vector256.Sum(s2);
        sums[3] = Vector256.Sum(s3);
    }

    private static int OneRowOneUnit<TStep>(ref byte x, int stride, ref sbyte w)
        where TStep : struct, IProductStep
    {
        Vector256<int> sum = default;
        for (int k = 0; k < stride; k += VectorBytes)
        {
            sum = TStep.Add(sum, Vector256.LoadUnsafe(ref x, (nuint)k), Vector256.LoadUnsafe(ref w, (nuint)k));
        }

        return Vector256.Sum(sum);
    }

    /// <summary>The portable path: the same int32 sums, one product at a time.</summary>
    private static void PortableProducts(byte[] quantized, int rows, int stride, ReadOnlySpan<sbyte> weights, int inputs, int units, Span<int> sums)
    {
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<byte> x = quantized.AsSpan(r * stride, inputs);
            for (int j = 0; j < units; j++)
            {
                ReadOnlySpan<sbyte> w = weights.Slice(j * inputs, inputs);
                int sum = 0;
                for (int i = 0; i < inputs; i++)
                {
                    sum += x[i] * w[i];
                }

                sums[(r * units) + j] = sum;
            }
        }
    }
}
