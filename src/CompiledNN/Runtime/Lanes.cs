using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace CompiledNN.Runtime;

/// <summary>
/// One SIMD width as a type, so that each matrix kernel is written once and the JIT compiles a specialised copy per
/// width (generic methods over structs are never shared). <see cref="Scalar"/> is the one-lane fallback.
/// </summary>
/// <typeparam name="TVector">The register type: <c>Vector512&lt;float&gt;</c>, …, or <see cref="float"/>.</typeparam>
internal interface ILanes<TVector>
    where TVector : struct
{
    /// <summary>The number of floats in one register.</summary>
    static abstract int Count { get; }

    static abstract TVector Zero { get; }

    static abstract TVector Broadcast(float value);

    static abstract TVector Load(ref float source, nint offset);

    static abstract void Store(TVector value, ref float destination, nint offset);

    /// <summary><c>a · b + c</c>, fused (one rounding) where the processor has FMA (<see cref="FusedMultiplyAdd.IsHardware"/>), else two roundings.</summary>
    static abstract TVector MultiplyAdd(TVector a, TVector b, TVector c);

    static abstract TVector Add(TVector a, TVector b);

    static abstract TVector Subtract(TVector a, TVector b);

    static abstract TVector Multiply(TVector a, TVector b);

    static abstract TVector Divide(TVector a, TVector b);

    static abstract TVector Sqrt(TVector a);

    /// <summary>The value, or 0 where it is subnormal (nonzero and below 2⁻¹²⁶ in magnitude).</summary>
    static abstract TVector FlushSubnormal(TVector a);

    /// <summary>The sum of the lanes, in a fixed order.</summary>
    static abstract float Sum(TVector value);

    /// <summary>ReLU, <c>a &gt; 0 ? a : 0</c>, a select rather than a max, so that NaN and −0 map to 0 as in <see cref="Activations.ReLU"/>.</summary>
    static abstract TVector Rectify(TVector a);

    /// <summary>A mask that holds for every lane, the start of <see cref="AndWithin"/>'s running check.</summary>
    static abstract TVector AllTrue { get; }

    /// <summary><paramref name="mask"/>, cleared in the lanes where |<paramref name="value"/>| ≤ <paramref name="limit"/> fails (a NaN fails).</summary>
    static abstract TVector AndWithin(TVector mask, TVector value, TVector limit);

    /// <summary>Whether <paramref name="mask"/> still holds in every lane.</summary>
    static abstract bool All(TVector mask);

    /// <summary><c>e^a</c> per lane, <see cref="Exponential"/>'s.</summary>
    static abstract TVector Exp(TVector a);

    static abstract TVector Abs(TVector a);

    /// <summary><c>−a</c>: the sign bit flipped.</summary>
    static abstract TVector Negate(TVector a);

    /// <summary>The processor's minimum, whose result for a NaN operand is either operand.</summary>
    static abstract TVector Min(TVector a, TVector b);

    /// <summary>The maximum as <see cref="MathF.Max"/> computes it: NaN if either operand is, +0 above −0.</summary>
    static abstract TVector Max(TVector a, TVector b);

    /// <summary><paramref name="negative"/> in the lanes where <paramref name="value"/> &lt; 0, <paramref name="otherwise"/> elsewhere.</summary>
    static abstract TVector WhereNegative(TVector value, TVector negative, TVector otherwise);

    /// <summary><paramref name="positive"/> in the lanes where <paramref name="value"/> &gt; 0, <paramref name="otherwise"/> elsewhere (also for NaN and −0).</summary>
    static abstract TVector WherePositive(TVector value, TVector positive, TVector otherwise);

    /// <summary><paramref name="less"/> in the lanes where <paramref name="value"/> &lt; <paramref name="limit"/>, <paramref name="otherwise"/> elsewhere.</summary>
    static abstract TVector WhereLess(TVector value, TVector limit, TVector less, TVector otherwise);

    /// <summary><paramref name="magnitude"/> (whose sign bit is clear) with the sign bit of <paramref name="sign"/>.</summary>
    static abstract TVector CopySign(TVector magnitude, TVector sign);

    /// <summary><c>e^a − 1</c> per lane, <see cref="Exponential"/>'s.</summary>
    static abstract TVector ExpM1(TVector a);
}

/// <summary>512-bit registers (AVX-512).</summary>
internal readonly struct Lanes512 : ILanes<Vector512<float>>
{
    public static int Count => Vector512<float>.Count;

    public static Vector512<float> Zero => Vector512<float>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Broadcast(float value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load(ref float source, nint offset) => Vector512.LoadUnsafe(ref source, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<float> value, ref float destination, nint offset) => value.StoreUnsafe(ref destination, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> MultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c) =>
#if NET9_0_OR_GREATER
        FusedMultiplyAdd.IsHardware ? Vector512.FusedMultiplyAdd(a, b, c) : (a * b) + c;
#else
        Avx512F.IsSupported ? Avx512F.FusedMultiplyAdd(a, b, c) : (a * b) + c;
#endif

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Add(Vector512<float> a, Vector512<float> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Subtract(Vector512<float> a, Vector512<float> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Multiply(Vector512<float> a, Vector512<float> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Divide(Vector512<float> a, Vector512<float> b) => a / b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sqrt(Vector512<float> a) => Vector512.Sqrt(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> FlushSubnormal(Vector512<float> a) =>
        a & Vector512.GreaterThanOrEqual(Vector512.Abs(a), Vector512.Create(Scalar.SmallestNormal));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector512<float> value) => Vector512.Sum(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Rectify(Vector512<float> a) => Vector512.ConditionalSelect(Vector512.GreaterThan(a, Vector512<float>.Zero), a, Vector512<float>.Zero);

    public static Vector512<float> AllTrue => Vector512<float>.AllBitsSet;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> AndWithin(Vector512<float> mask, Vector512<float> value, Vector512<float> limit) => mask & Vector512.LessThanOrEqual(Vector512.Abs(value), limit);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool All(Vector512<float> mask) => Vector512.EqualsAll(mask.AsInt32(), Vector512<int>.AllBitsSet);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp(Vector512<float> a) => Exponential.Exp(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Abs(Vector512<float> a) => Vector512.Abs(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Negate(Vector512<float> a) => -a;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Min(Vector512<float> a, Vector512<float> b) => Exponential.Min(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Max(Vector512<float> a, Vector512<float> b) =>
#if NET9_0_OR_GREATER
        Vector512.Max(a, b);
#else
        // .NET 8's Max is the processor's, which returns the second operand for NaN and for ±0.
        Vector512.ConditionalSelect(Vector512.GreaterThan(a, b) | (Vector512.Equals(a, b) & Vector512.LessThan(b.AsInt32(), Vector512<int>.Zero).AsSingle()) | ~Vector512.Equals(a, a), a, b);
#endif

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> WhereNegative(Vector512<float> value, Vector512<float> negative, Vector512<float> otherwise) =>
        Vector512.ConditionalSelect(Vector512.LessThan(value, Vector512<float>.Zero), negative, otherwise);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> WherePositive(Vector512<float> value, Vector512<float> positive, Vector512<float> otherwise) =>
        Vector512.ConditionalSelect(Vector512.GreaterThan(value, Vector512<float>.Zero), positive, otherwise);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> WhereLess(Vector512<float> value, Vector512<float> limit, Vector512<float> less, Vector512<float> otherwise) =>
        Vector512.ConditionalSelect(Vector512.LessThan(value, limit), less, otherwise);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> CopySign(Vector512<float> magnitude, Vector512<float> sign) => magnitude | (sign & Vector512.Create(-0f));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ExpM1(Vector512<float> a) => Exponential.ExpM1(a);
}

/// <summary>256-bit registers (AVX2).</summary>
internal readonly struct Lanes256 : ILanes<Vector256<float>>
{
    public static int Count => Vector256<float>.Count;

    public static Vector256<float> Zero => Vector256<float>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Broadcast(float value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load(ref float source, nint offset) => Vector256.LoadUnsafe(ref source, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<float> value, ref float destination, nint offset) => value.StoreUnsafe(ref destination, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) =>
#if NET9_0_OR_GREATER
        FusedMultiplyAdd.IsHardware ? Vector256.FusedMultiplyAdd(a, b, c) : (a * b) + c;
#else
        Fma.IsSupported ? Fma.MultiplyAdd(a, b, c) : (a * b) + c;
#endif

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Add(Vector256<float> a, Vector256<float> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Subtract(Vector256<float> a, Vector256<float> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Multiply(Vector256<float> a, Vector256<float> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Divide(Vector256<float> a, Vector256<float> b) => a / b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sqrt(Vector256<float> a) => Vector256.Sqrt(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> FlushSubnormal(Vector256<float> a) =>
        a & Vector256.GreaterThanOrEqual(Vector256.Abs(a), Vector256.Create(Scalar.SmallestNormal));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector256<float> value) => Vector256.Sum(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Rectify(Vector256<float> a) => Vector256.ConditionalSelect(Vector256.GreaterThan(a, Vector256<float>.Zero), a, Vector256<float>.Zero);

    public static Vector256<float> AllTrue => Vector256<float>.AllBitsSet;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> AndWithin(Vector256<float> mask, Vector256<float> value, Vector256<float> limit) => mask & Vector256.LessThanOrEqual(Vector256.Abs(value), limit);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool All(Vector256<float> mask) => Vector256.EqualsAll(mask.AsInt32(), Vector256<int>.AllBitsSet);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> a) => Exponential.Exp(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Abs(Vector256<float> a) => Vector256.Abs(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Negate(Vector256<float> a) => -a;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Min(Vector256<float> a, Vector256<float> b) => Exponential.Min(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Max(Vector256<float> a, Vector256<float> b) =>
#if NET9_0_OR_GREATER
        Vector256.Max(a, b);
#else
        // .NET 8's Max is the processor's, which returns the second operand for NaN and for ±0.
        Vector256.ConditionalSelect(Vector256.GreaterThan(a, b) | (Vector256.Equals(a, b) & Vector256.LessThan(b.AsInt32(), Vector256<int>.Zero).AsSingle()) | ~Vector256.Equals(a, a), a, b);
#endif

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> WhereNegative(Vector256<float> value, Vector256<float> negative, Vector256<float> otherwise) =>
        Vector256.ConditionalSelect(Vector256.LessThan(value, Vector256<float>.Zero), negative, otherwise);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> WherePositive(Vector256<float> value, Vector256<float> positive, Vector256<float> otherwise) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(value, Vector256<float>.Zero), positive, otherwise);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> WhereLess(Vector256<float> value, Vector256<float> limit, Vector256<float> less, Vector256<float> otherwise) =>
        Vector256.ConditionalSelect(Vector256.LessThan(value, limit), less, otherwise);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> CopySign(Vector256<float> magnitude, Vector256<float> sign) => magnitude | (sign & Vector256.Create(-0f));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ExpM1(Vector256<float> a) => Exponential.ExpM1(a);
}

/// <summary>128-bit registers (SSE, NEON).</summary>
internal readonly struct Lanes128 : ILanes<Vector128<float>>
{
    public static int Count => Vector128<float>.Count;

    public static Vector128<float> Zero => Vector128<float>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Broadcast(float value) => Vector128.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Load(ref float source, nint offset) => Vector128.LoadUnsafe(ref source, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<float> value, ref float destination, nint offset) => value.StoreUnsafe(ref destination, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> c) =>
#if NET9_0_OR_GREATER
        FusedMultiplyAdd.IsHardware ? Vector128.FusedMultiplyAdd(a, b, c) : (a * b) + c;
#else
        Fma.IsSupported ? Fma.MultiplyAdd(a, b, c) : (a * b) + c;
#endif

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Add(Vector128<float> a, Vector128<float> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Subtract(Vector128<float> a, Vector128<float> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Multiply(Vector128<float> a, Vector128<float> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Divide(Vector128<float> a, Vector128<float> b) => a / b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sqrt(Vector128<float> a) => Vector128.Sqrt(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> FlushSubnormal(Vector128<float> a) =>
        a & Vector128.GreaterThanOrEqual(Vector128.Abs(a), Vector128.Create(Scalar.SmallestNormal));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector128<float> value) => Vector128.Sum(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Rectify(Vector128<float> a) => Vector128.ConditionalSelect(Vector128.GreaterThan(a, Vector128<float>.Zero), a, Vector128<float>.Zero);

    public static Vector128<float> AllTrue => Vector128<float>.AllBitsSet;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> AndWithin(Vector128<float> mask, Vector128<float> value, Vector128<float> limit) => mask & Vector128.LessThanOrEqual(Vector128.Abs(value), limit);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool All(Vector128<float> mask) => Vector128.EqualsAll(mask.AsInt32(), Vector128<int>.AllBitsSet);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Exp(Vector128<float> a) => Exponential.Exp(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Abs(Vector128<float> a) => Vector128.Abs(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Negate(Vector128<float> a) => -a;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Min(Vector128<float> a, Vector128<float> b) => Exponential.Min(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Max(Vector128<float> a, Vector128<float> b) =>
#if NET9_0_OR_GREATER
        Vector128.Max(a, b);
#else
        // .NET 8's Max is the processor's, which returns the second operand for NaN and for ±0.
        Vector128.ConditionalSelect(Vector128.GreaterThan(a, b) | (Vector128.Equals(a, b) & Vector128.LessThan(b.AsInt32(), Vector128<int>.Zero).AsSingle()) | ~Vector128.Equals(a, a), a, b);
#endif

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> WhereNegative(Vector128<float> value, Vector128<float> negative, Vector128<float> otherwise) =>
        Vector128.ConditionalSelect(Vector128.LessThan(value, Vector128<float>.Zero), negative, otherwise);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> WherePositive(Vector128<float> value, Vector128<float> positive, Vector128<float> otherwise) =>
        Vector128.ConditionalSelect(Vector128.GreaterThan(value, Vector128<float>.Zero), positive, otherwise);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> WhereLess(Vector128<float> value, Vector128<float> limit, Vector128<float> less, Vector128<float> otherwise) =>
        Vector128.ConditionalSelect(Vector128.LessThan(value, limit), less, otherwise);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> CopySign(Vector128<float> magnitude, Vector128<float> sign) => magnitude | (sign & Vector128.Create(-0f));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ExpM1(Vector128<float> a) => Exponential.ExpM1(a);
}

/// <summary>One float at a time: the tails of vector loops, and processors without SIMD.</summary>
internal readonly struct Scalar : ILanes<float>
{
    public static int Count => 1;

    public static float Zero => 0f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Broadcast(float value) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Load(ref float source, nint offset) => Unsafe.Add(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(float value, ref float destination, nint offset) => Unsafe.Add(ref destination, offset) = value;

    // Fused exactly where the vector lanes are fused, so that a unit computed here rounds as it would in a vector lane.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MultiplyAdd(float a, float b, float c) =>
#if NET9_0_OR_GREATER
        FusedMultiplyAdd.IsHardware ? MathF.FusedMultiplyAdd(a, b, c) : (a * b) + c;
#else
        Fma.IsSupported ? MathF.FusedMultiplyAdd(a, b, c) : (a * b) + c;
#endif

    /// <summary>The smallest normal float, 2⁻¹²⁶.</summary>
    public const float SmallestNormal = 1.17549435E-38f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Add(float a, float b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Subtract(float a, float b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Multiply(float a, float b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Divide(float a, float b) => a / b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sqrt(float a) => MathF.Sqrt(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float FlushSubnormal(float a) => MathF.Abs(a) >= SmallestNormal ? a : 0f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(float value) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Rectify(float a) => a > 0f ? a : 0f;

    // One lane's mask is 1 (holds) or 0.
    public static float AllTrue => 1f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float AndWithin(float mask, float value, float limit) => MathF.Abs(value) <= limit ? mask : 0f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool All(float mask) => mask != 0f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Exp(float a) => Exponential.Exp(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Abs(float a) => MathF.Abs(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Negate(float a) => -a;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Min(float a, float b) => MathF.Min(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Max(float a, float b) => MathF.Max(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float WhereNegative(float value, float negative, float otherwise) => value < 0f ? negative : otherwise;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float WherePositive(float value, float positive, float otherwise) => value > 0f ? positive : otherwise;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float WhereLess(float value, float limit, float less, float otherwise) => value < limit ? less : otherwise;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float CopySign(float magnitude, float sign) =>
        BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(magnitude) | (BitConverter.SingleToInt32Bits(sign) & int.MinValue));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ExpM1(float a) => Exponential.ExpM1(a);
}
