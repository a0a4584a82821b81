using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CompiledNN.Runtime;

/// <summary>
/// <c>e^x</c> on every lane of a register, for the activations that need it (softmax, sigmoid, tanh, ELU): about
/// thirty plain vector instructions instead of a library call per element.
/// </summary>
/// <remarks>
/// <para>
/// Method (after Cephes' <c>expf</c>): <c>x = n ln 2 + r</c> with <c>n = round(x log₂e)</c> and <c>|r| ≤ ln 2 / 2</c>, the
/// product <c>n ln 2</c> subtracted in two parts (Cody–Waite); <c>e^r</c> by a degree-7 polynomial; <c>2^n</c> built in the exponent bits, as two
/// factors <c>2^⌊n/2⌋ · 2^⌈n/2⌉</c> so that results down to the subnormals round once and correctly scaled.
/// </para>
/// <para>
/// Accuracy, measured against <see cref="System.Math.Exp(double)"/> over every float: within 1.04 units in the last
/// place (relative error below 1.3e-7) for normal results, including the largest, <c>e^88.72 ≈ 3.4e38</c>; results
/// in the subnormal range (<c>x &lt; −87.3</c>) are within 1 unit of the subnormal spacing (1.4e-45). Above 88.73 the
/// result is +∞, below −103.98 it is +0 (as the exact value rounds), +∞ gives +∞, −∞ gives 0, NaN gives NaN.
/// </para>
/// <para>
/// Every width and <see cref="Exp(float)"/> run the same operations (fused multiply-adds where the processor has
/// them, a multiply then an add where it has not), so a unit gets the same bits whether it lands in a 512-bit
/// register, a 128-bit one or the scalar tail of a loop. The accuracy above is the fused form's.
/// </para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Exponential
{
    // Beyond these, e^x is +∞ or rounds to 0; clamping keeps n within the range the two scale factors can represent.
    private const float Highest = 89f;
    private const float Lowest = -104f;
    private const float Log2E = 1.44269504088896341f;

    // ln 2 = Ln2High + Ln2Low; Ln2High = 355/512 has 9 significant bits, so n × Ln2High is exact for |n| ≤ 150.
    private const float Ln2High = 0.693359375f;
    private const float Ln2Low = -2.12194440e-4f;

    // Adding 1.5 × 2²³ rounds to an integer, which then sits in the low bits of the float's significand.
    private const float RoundingShift = 12582912f;
    private const int RoundingShiftBits = 0x4B400000;

    // Cephes' minimax coefficients for (e^r − 1 − r) / r² on |r| ≤ ln 2 / 2.
    private const float P0 = 1.9875691500e-4f;
    private const float P1 = 1.3981999507e-3f;
    private const float P2 = 8.3334519073e-3f;
    private const float P3 = 4.1665795894e-2f;
    private const float P4 = 1.6666665459e-1f;
    private const float P5 = 5.0000001201e-1f;

    private const float HalfLn2 = 0.34657359f;

    /// <summary><c>e^x</c> of one value, with the same bits as a lane of the vector forms.</summary>
    /// <param name="x">The exponent.</param>
    /// <returns><c>e^x</c>, within 1.04 units in the last place.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Exp(float x) => Exp(Vector128.CreateScalarUnsafe(x)).ToScalar();

    /// <summary><c>e^x − 1</c> of one value, with the same bits as a lane of the vector forms.</summary>
    /// <param name="x">The exponent.</param>
    /// <returns><c>e^x − 1</c>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ExpM1(float x) => ExpM1(Vector128.CreateScalarUnsafe(x)).ToScalar();

    /// <summary><c>e^x</c> on each of 4 lanes.</summary>
    /// <param name="x">The exponents.</param>
    /// <returns><c>e^x</c> per lane, within 1.04 units in the last place.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Exp(Vector128<float> x)
    {
        // The clamps may lose a NaN (the processor's min and max differ there); the last line puts it back.
        Vector128<float> clamped = Min(Max(x, Vector128.Create(Lowest)), Vector128.Create(Highest));
        Vector128<float> shifted = Lanes128.MultiplyAdd(clamped, Vector128.Create(Log2E), Vector128.Create(RoundingShift));
        Vector128<float> n = shifted - Vector128.Create(RoundingShift);
        Vector128<float> r = Lanes128.MultiplyAdd(n, Vector128.Create(-Ln2Low), Lanes128.MultiplyAdd(n, Vector128.Create(-Ln2High), clamped));
        Vector128<float> p = SmallExpM1<Lanes128, Vector128<float>>(r) + Vector128<float>.One;
        Vector128<int> power = shifted.AsInt32() - Vector128.Create(RoundingShiftBits);
        Vector128<int> half = Vector128.ShiftRightArithmetic(power, 1);
        Vector128<float> scale1 = Vector128.ShiftLeft(half + Vector128.Create(127), 23).AsSingle();
        Vector128<float> scale2 = Vector128.ShiftLeft(power - half + Vector128.Create(127), 23).AsSingle();
        return Vector128.ConditionalSelect(Vector128.Equals(x, x), p * scale1 * scale2, x);
    }

    /// <summary><c>e^x</c> on each of 8 lanes, bit for bit as <see cref="Exp(Vector128{float})"/>.</summary>
    /// <param name="x">The exponents.</param>
    /// <returns><c>e^x</c> per lane, within 1.04 units in the last place.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x)
    {
        // The clamps may lose a NaN (the processor's min and max differ there); the last line puts it back.
        Vector256<float> clamped = Min(Max(x, Vector256.Create(Lowest)), Vector256.Create(Highest));
        Vector256<float> shifted = Lanes256.MultiplyAdd(clamped, Vector256.Create(Log2E), Vector256.Create(RoundingShift));
        Vector256<float> n = shifted - Vector256.Create(RoundingShift);
        Vector256<float> r = Lanes256.MultiplyAdd(n, Vector256.Create(-Ln2Low), Lanes256.MultiplyAdd(n, Vector256.Create(-Ln2High), clamped));
        Vector256<float> p = SmallExpM1<Lanes256, Vector256<float>>(r) + Vector256<float>.One;
        Vector256<int> power = shifted.AsInt32() - Vector256.Create(RoundingShiftBits);
        Vector256<int> half = Vector256.ShiftRightArithmetic(power, 1);
        Vector256<float> scale1 = Vector256.ShiftLeft(half + Vector256.Create(127), 23).AsSingle();
        Vector256<float> scale2 = Vector256.ShiftLeft(power - half + Vector256.Create(127), 23).AsSingle();
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), p * scale1 * scale2, x);
    }

    /// <summary><c>e^x</c> on each of 16 lanes, bit for bit as <see cref="Exp(Vector128{float})"/>.</summary>
    /// <param name="x">The exponents.</param>
    /// <returns><c>e^x</c> per lane, within 1.04 units in the last place.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp(Vector512<float> x)
    {
        // The clamps may lose a NaN (the processor's min and max differ there); the last line puts it back.
        Vector512<float> clamped = Min(Max(x, Vector512.Create(Lowest)), Vector512.Create(Highest));
        Vector512<float> shifted = Lanes512.MultiplyAdd(clamped, Vector512.Create(Log2E), Vector512.Create(RoundingShift));
        Vector512<float> n = shifted - Vector512.Create(RoundingShift);
        Vector512<float> r = Lanes512.MultiplyAdd(n, Vector512.Create(-Ln2Low), Lanes512.MultiplyAdd(n, Vector512.Create(-Ln2High), clamped));
        Vector512<float> p = SmallExpM1<Lanes512, Vector512<float>>(r) + Vector512<float>.One;
        Vector512<int> power = shifted.AsInt32() - Vector512.Create(RoundingShiftBits);
        Vector512<int> half = Vector512.ShiftRightArithmetic(power, 1);
        Vector512<float> scale1 = Vector512.ShiftLeft(half + Vector512.Create(127), 23).AsSingle();
        Vector512<float> scale2 = Vector512.ShiftLeft(power - half + Vector512.Create(127), 23).AsSingle();
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), p * scale1 * scale2, x);
    }

    /// <summary><c>e^x − 1</c> on each of 4 lanes, accurate near 0 where <c>e^x − 1</c> would cancel.</summary>
    /// <param name="x">The exponents.</param>
    /// <returns><c>e^x − 1</c> per lane: within 1 unit in the last place for |x| ≤ ln 2 / 2, within 4 beyond (measured 3.5, just above ln 2 / 2).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ExpM1(Vector128<float> x)
    {
        // Inside the reduction interval the polynomial is e^x − 1 itself; outside it e^x − 1 loses at most a bit or two.
        Vector128<float> small = Vector128.LessThanOrEqual(Vector128.Abs(x), Vector128.Create(HalfLn2));
        return Vector128.ConditionalSelect(small, SmallExpM1<Lanes128, Vector128<float>>(x), Exp(x) - Vector128<float>.One);
    }

    /// <summary><c>e^x − 1</c> on each of 8 lanes, accurate near 0 where <c>e^x − 1</c> would cancel.</summary>
    /// <param name="x">The exponents.</param>
    /// <returns><c>e^x − 1</c> per lane: within 1 unit in the last place for |x| ≤ ln 2 / 2, within 4 beyond (measured 3.5, just above ln 2 / 2).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ExpM1(Vector256<float> x)
    {
        // Inside the reduction interval the polynomial is e^x − 1 itself; outside it e^x − 1 loses at most a bit or two.
        Vector256<float> small = Vector256.LessThanOrEqual(Vector256.Abs(x), Vector256.Create(HalfLn2));
        return Vector256.ConditionalSelect(small, SmallExpM1<Lanes256, Vector256<float>>(x), Exp(x) - Vector256<float>.One);
    }

    /// <summary><c>e^x − 1</c> on each of 16 lanes, accurate near 0 where <c>e^x − 1</c> would cancel.</summary>
    /// <param name="x">The exponents.</param>
    /// <returns><c>e^x − 1</c> per lane: within 1 unit in the last place for |x| ≤ ln 2 / 2, within 4 beyond (measured 3.5, just above ln 2 / 2).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ExpM1(Vector512<float> x)
    {
        // Inside the reduction interval the polynomial is e^x − 1 itself; outside it e^x − 1 loses at most a bit or two.
        Vector512<float> small = Vector512.LessThanOrEqual(Vector512.Abs(x), Vector512.Create(HalfLn2));
        return Vector512.ConditionalSelect(small, SmallExpM1<Lanes512, Vector512<float>>(x), Exp(x) - Vector512<float>.One);
    }

    /// <summary><c>e^r − 1</c> for |r| ≤ ln 2 / 2: <c>r + r² P(r)</c>, P in Estrin's form (pairs of terms, then pairs of pairs) for a short dependency chain.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector SmallExpM1<TLanes, TVector>(TVector r)
        where TLanes : struct, ILanes<TVector>
        where TVector : struct
    {
        TVector r2 = TLanes.Multiply(r, r);
        TVector high = TLanes.MultiplyAdd(TLanes.Broadcast(P0), r, TLanes.Broadcast(P1));
        TVector middle = TLanes.MultiplyAdd(TLanes.Broadcast(P2), r, TLanes.Broadcast(P3));
        TVector low = TLanes.MultiplyAdd(TLanes.Broadcast(P4), r, TLanes.Broadcast(P5));
        TVector p = TLanes.MultiplyAdd(high, TLanes.Multiply(r2, r2), TLanes.MultiplyAdd(middle, r2, low));
        return TLanes.MultiplyAdd(p, r2, r);
    }

    // The processor's min and max, whose NaN rules Exp does not rely on.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<float> Min(Vector128<float> a, Vector128<float> b) =>
#if NET9_0_OR_GREATER
        Vector128.MinNative(a, b);
#else
        Vector128.Min(a, b);
#endif

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<float> Max(Vector128<float> a, Vector128<float> b) =>
#if NET9_0_OR_GREATER
        Vector128.MaxNative(a, b);
#else
        Vector128.Max(a, b);
#endif

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> Min(Vector256<float> a, Vector256<float> b) =>
#if NET9_0_OR_GREATER
        Vector256.MinNative(a, b);
#else
        Vector256.Min(a, b);
#endif

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> Max(Vector256<float> a, Vector256<float> b) =>
#if NET9_0_OR_GREATER
        Vector256.MaxNative(a, b);
#else
        Vector256.Max(a, b);
#endif

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> Min(Vector512<float> a, Vector512<float> b) =>
#if NET9_0_OR_GREATER
        Vector512.MinNative(a, b);
#else
        Vector512.Min(a, b);
#endif

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> Max(Vector512<float> a, Vector512<float> b) =>
#if NET9_0_OR_GREATER
        Vector512.MaxNative(a, b);
#else
        Vector512.Max(a, b);
#endif
}
