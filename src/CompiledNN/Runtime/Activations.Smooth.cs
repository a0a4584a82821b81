using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CompiledNN.Runtime;

// GELU, SiLU and Mish: the smooth ReLU-like activations, on whole registers and on spans, with their derivatives.
// Each is written once over ILanes and run at every width (the scalar tail through a one-lane Vector128), so a unit
// gets the same bits wherever it lands, as for the other activations.
public static partial class Activations
{
    // Numerical Recipes' erfc (Press et al., §6.2): erfc(u) = t e^(−u² + P(t)), t = 1 / (1 + u/2), relative error below 1.2e-7 for every u ≥ 0.
    private const float E0 = -1.26551223f;
    private const float E1 = 1.00002368f;
    private const float E2 = 0.37409196f;
    private const float E3 = 0.09678418f;
    private const float E4 = -0.18628806f;
    private const float E5 = 0.27886807f;
    private const float E6 = -1.13520398f;
    private const float E7 = 1.48851587f;
    private const float E8 = -0.82215223f;
    private const float E9 = 0.17087277f;

    private const float InverseSqrt2 = 0.707106781f;
    private const float InverseSqrt2Pi = 0.398942280f;

    // Beyond |z| = 20, erfc(|z|/√2)/2 < 3e-89 and tanh(softplus(z)) rounds to 1: clamping keeps every intermediate finite.
    private const float SaturationLimit = 20f;

    /// <summary>GELU on 4 lanes, <c>z Φ(z)</c> with the normal distribution function from erfc, PyTorch's exact (default) form.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <returns>The activations, within 8 units in the last place (measured 7.5 on every 97th float; see docs/numerics.md).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> GELU(Vector128<float> z) => GELU<Lanes128, Vector128<float>>(z);

    /// <summary>GELU on 8 lanes, <c>z Φ(z)</c> with the normal distribution function from erfc, PyTorch's exact (default) form.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <returns>The activations, within 8 units in the last place (measured 7.5 on every 97th float; see docs/numerics.md).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> GELU(Vector256<float> z) => GELU<Lanes256, Vector256<float>>(z);

    /// <summary>GELU on 16 lanes, <c>z Φ(z)</c> with the normal distribution function from erfc, PyTorch's exact (default) form.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <returns>The activations, within 8 units in the last place (measured 7.5 on every 97th float; see docs/numerics.md).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> GELU(Vector512<float> z) => GELU<Lanes512, Vector512<float>>(z);

    /// <summary>SiLU (swish) on 4 lanes, <c>z σ(z)</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <returns>The activations, within 3 units in the last place for z ≥ −87 (measured 2.99), where e^z is a normal float.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> SiLU(Vector128<float> z) => SiLU<Lanes128, Vector128<float>>(z);

    /// <summary>SiLU (swish) on 8 lanes, <c>z σ(z)</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <returns>The activations, within 3 units in the last place for z ≥ −87 (measured 2.99), where e^z is a normal float.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> SiLU(Vector256<float> z) => SiLU<Lanes256, Vector256<float>>(z);

    /// <summary>SiLU (swish) on 16 lanes, <c>z σ(z)</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <returns>The activations, within 3 units in the last place for z ≥ −87 (measured 2.99), where e^z is a normal float.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> SiLU(Vector512<float> z) => SiLU<Lanes512, Vector512<float>>(z);

    /// <summary>Mish on 4 lanes, <c>z tanh(softplus(z))</c>, as <c>z n / (n + 2)</c> with <c>n = e^z (e^z + 2)</c>, which neither cancels nor overflows.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <returns>The activations, within 5 units in the last place for z ≥ −87 (measured 4.6), where e^z is a normal float.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Mish(Vector128<float> z) => Mish<Lanes128, Vector128<float>>(z);

    /// <summary>Mish on 8 lanes, <c>z tanh(softplus(z))</c>, as <c>z n / (n + 2)</c> with <c>n = e^z (e^z + 2)</c>, which neither cancels nor overflows.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <returns>The activations, within 5 units in the last place for z ≥ −87 (measured 4.6), where e^z is a normal float.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Mish(Vector256<float> z) => Mish<Lanes256, Vector256<float>>(z);

    /// <summary>Mish on 16 lanes, <c>z tanh(softplus(z))</c>, as <c>z n / (n + 2)</c> with <c>n = e^z (e^z + 2)</c>, which neither cancels nor overflows.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <returns>The activations, within 5 units in the last place for z ≥ −87 (measured 4.6), where e^z is a normal float.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Mish(Vector512<float> z) => Mish<Lanes512, Vector512<float>>(z);

    /// <summary>GELU, <c>z Φ(z) = z (1 + erf(z / √2)) / 2</c> (PyTorch's exact form), within 8 units in the last place.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="a">Receives the activations.</param>
    public static void GELU(ReadOnlySpan<float> z, Span<float> a) => Map<GELULanes>(z, a, 0f);

    /// <summary>SiLU (swish), <c>z σ(z)</c>, within 3 units in the last place for z ≥ −87.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="a">Receives the activations.</param>
    public static void SiLU(ReadOnlySpan<float> z, Span<float> a) => Map<SiLULanes>(z, a, 0f);

    /// <summary>Mish, <c>z tanh(softplus(z))</c>, within 5 units in the last place for z ≥ −87.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="a">Receives the activations.</param>
    public static void Mish(ReadOnlySpan<float> z, Span<float> a) => Map<MishLanes>(z, a, 0f);

    /// <summary>Multiplies each element of <paramref name="delta"/> by <typeparamref name="TDerivative"/> of the matching <paramref name="z"/>, a register at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void MultiplyByDerivative<TDerivative>(ReadOnlySpan<float> z, Span<float> delta)
        where TDerivative : struct, IActivationLanes
    {
        if (z.Length < delta.Length)
        {
            throw new ArgumentException($"Expected {delta.Length} pre-activations, but the span has {z.Length}.", nameof(z));
        }

        ref float source = ref MemoryMarshal.GetReference(z);
        ref float gradient = ref MemoryMarshal.GetReference(delta);
        nint length = delta.Length;
        nint i = 0;
        if (Vector512.IsHardwareAccelerated && length >= Vector512<float>.Count)
        {
            i = MultiplyRegisters<TDerivative, Lanes512, Vector512<float>>(ref source, ref gradient, i, length);
        }
        else if (Vector256.IsHardwareAccelerated && length >= Vector256<float>.Count)
        {
            i = MultiplyRegisters<TDerivative, Lanes256, Vector256<float>>(ref source, ref gradient, i, length);
        }

        if (length - i >= Vector128<float>.Count)
        {
            i = MultiplyRegisters<TDerivative, Lanes128, Vector128<float>>(ref source, ref gradient, i, length);
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref gradient, i) *= TDerivative.Apply<Lanes128, Vector128<float>>(Vector128.CreateScalarUnsafe(Unsafe.Add(ref source, i)), 0f).ToScalar();
        }
    }

    /// <summary>
    /// Multiplies by <typeparamref name="TDerivative"/> a register at a time from element <paramref name="i"/> while whole
    /// registers remain; returns where it stopped. A compilation root for each width, as <c>Map</c>'s loops are.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static nint MultiplyRegisters<TDerivative, TLanes, TVector>(ref float source, ref float gradient, nint i, nint length)
        where TDerivative : struct, IActivationLanes
        where TLanes : struct, ILanes<TVector>
        where TVector : struct
    {
        for (; i + TLanes.Count <= length; i += TLanes.Count)
        {
            TLanes.Store(TLanes.Multiply(TLanes.Load(ref gradient, i), TDerivative.Apply<TLanes, TVector>(TLanes.Load(ref source, i), 0f)), ref gradient, i);
        }

        return i;
    }

    /// <summary>
    /// <c>factor · erfc(|z| / √2) / 2</c> (with factor z: GELU(z) for negative z, and z − GELU(z) for positive z), and
    /// <c>e^(−z²/2)</c> for the derivative. <c>z²/2</c> is split into its float and the float of its rounding error
    /// (<see cref="SquareError"/>), so that the exponential of a large square keeps its relative precision; the
    /// exponential of the large part is the last factor, so a product that lands among the subnormals rounds once.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector HalfTail<TLanes, TVector>(TVector z, TVector factor, out TVector gaussian)
        where TLanes : struct, ILanes<TVector>
        where TVector : struct
    {
        TVector x = TLanes.Min(TLanes.Abs(z), TLanes.Broadcast(SaturationLimit));
        TVector half = TLanes.Broadcast(0.5f);
        TVector square = TLanes.Multiply(x, x);
        TVector small = TLanes.Multiply(SquareError<TLanes, TVector>(x, square), half);
        TVector large = TLanes.Exp(TLanes.Multiply(square, TLanes.Broadcast(-0.5f)));
        gaussian = TLanes.MultiplyAdd(large, TLanes.Multiply(small, TLanes.Broadcast(-1f)), large);

        TVector t = TLanes.Divide(TLanes.Broadcast(1f), TLanes.MultiplyAdd(TLanes.Multiply(x, TLanes.Broadcast(InverseSqrt2)), half, TLanes.Broadcast(1f)));
        TVector p = TLanes.MultiplyAdd(TLanes.Broadcast(E9), t, TLanes.Broadcast(E8));
        p = TLanes.MultiplyAdd(p, t, TLanes.Broadcast(E7));
        p = TLanes.MultiplyAdd(p, t, TLanes.Broadcast(E6));
        p = TLanes.MultiplyAdd(p, t, TLanes.Broadcast(E5));
        p = TLanes.MultiplyAdd(p, t, TLanes.Broadcast(E4));
        p = TLanes.MultiplyAdd(p, t, TLanes.Broadcast(E3));
        p = TLanes.MultiplyAdd(p, t, TLanes.Broadcast(E2));
        p = TLanes.MultiplyAdd(p, t, TLanes.Broadcast(E1));
        p = TLanes.MultiplyAdd(p, t, TLanes.Broadcast(E0));
        TVector scaled = TLanes.Multiply(TLanes.Multiply(factor, TLanes.Multiply(t, half)), TLanes.Exp(TLanes.Subtract(p, small)));
        return TLanes.Multiply(scaled, large);
    }

    /// <summary>
    /// The rounding error of <paramref name="square"/> = x·x, exactly: one fused multiply-add where the processor has it;
    /// elsewhere (where <c>MultiplyAdd</c> rounds twice and would give 0) Dekker's product of x split into halves of 12 bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector SquareError<TLanes, TVector>(TVector x, TVector square)
        where TLanes : struct, ILanes<TVector>
        where TVector : struct
    {
        if (FusedMultiplyAdd.IsHardware)
        {
            return TLanes.MultiplyAdd(x, x, TLanes.Multiply(square, TLanes.Broadcast(-1f)));
        }

        TVector spread = TLanes.Multiply(x, TLanes.Broadcast(4097f));
        TVector high = TLanes.Subtract(spread, TLanes.Subtract(spread, x));
        TVector low = TLanes.Subtract(x, high);
        TVector error = TLanes.Add(TLanes.Subtract(TLanes.Multiply(high, high), square), TLanes.Multiply(TLanes.Multiply(high, low), TLanes.Broadcast(2f)));
        return TLanes.Add(error, TLanes.Multiply(low, low));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector GELU<TLanes, TVector>(TVector z)
        where TLanes : struct, ILanes<TVector>
        where TVector : struct
    {
        TVector tail = HalfTail<TLanes, TVector>(z, z, out _);
        return TLanes.WhereNegative(z, tail, TLanes.Subtract(z, tail));
    }

    /// <summary>GELU′ = Φ(z) + z φ(z), as PyTorch differentiates the exact form.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector GELUDerivative<TLanes, TVector>(TVector z)
        where TLanes : struct, ILanes<TVector>
        where TVector : struct
    {
        TVector tail = HalfTail<TLanes, TVector>(z, TLanes.Broadcast(1f), out TVector gaussian);
        TVector phi = TLanes.WhereNegative(z, tail, TLanes.Subtract(TLanes.Broadcast(1f), tail));
        return TLanes.MultiplyAdd(TLanes.Multiply(z, TLanes.Broadcast(InverseSqrt2Pi)), gaussian, phi);
    }

    /// <summary><c>n = e^z (e^z + 2)</c> and <c>tanh(softplus(z)) = n / (n + 2)</c>, z clamped where the ratio is already 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector TanhSoftplus<TLanes, TVector>(TVector z, out TVector e, out TVector n)
        where TLanes : struct, ILanes<TVector>
        where TVector : struct
    {
        e = TLanes.Exp(TLanes.Min(z, TLanes.Broadcast(SaturationLimit)));
        n = TLanes.Multiply(e, TLanes.Add(e, TLanes.Broadcast(2f)));
        return TLanes.Divide(n, TLanes.Add(n, TLanes.Broadcast(2f)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector Mish<TLanes, TVector>(TVector z)
        where TLanes : struct, ILanes<TVector>
        where TVector : struct =>
        TLanes.Multiply(z, TanhSoftplus<TLanes, TVector>(z, out _, out _));

    /// <summary>Mish′ = t + z σ(z) (1 − t²) with t = tanh(softplus(z)), as PyTorch; 1 − t² = 4 (n + 1) / (n + 2)², which does not cancel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector MishDerivative<TLanes, TVector>(TVector z)
        where TLanes : struct, ILanes<TVector>
        where TVector : struct
    {
        // Past the clamp, z σ(z) (1 − t²) < 20 · 2e-17 for the clamped z: t = 1 alone is the float result, as in PyTorch.
        TVector t = TanhSoftplus<TLanes, TVector>(z, out TVector e, out TVector n);
        TVector one = TLanes.Broadcast(1f);
        TVector sigmoid = TLanes.Divide(e, TLanes.Add(one, e));
        TVector denominator = TLanes.Add(n, TLanes.Broadcast(2f));
        TVector sech2 = TLanes.Divide(TLanes.Multiply(TLanes.Broadcast(4f), TLanes.Add(n, one)), TLanes.Multiply(denominator, denominator));
        return TLanes.MultiplyAdd(TLanes.Multiply(TLanes.Min(z, TLanes.Broadcast(SaturationLimit)), sigmoid), sech2, t);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector SiLU<TLanes, TVector>(TVector z)
        where TLanes : struct, ILanes<TVector>
        where TVector : struct =>
        TLanes.Multiply(z, Sigmoid<TLanes, TVector>(z));

    /// <summary>SiLU′ = σ(z) (1 + z (1 − σ(z))), as PyTorch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector SiLUDerivative<TLanes, TVector>(TVector z)
        where TLanes : struct, ILanes<TVector>
        where TVector : struct
    {
        TVector s = Sigmoid<TLanes, TVector>(z);
        TVector one = TLanes.Broadcast(1f);
        return TLanes.Multiply(s, TLanes.Add(one, TLanes.Multiply(z, TLanes.Subtract(one, s))));
    }

    /// <summary>GELU.</summary>
    private readonly struct GELULanes : IActivationLanes
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static TVector IActivationLanes.Apply<TLanes, TVector>(TVector z, float parameter) => GELU<TLanes, TVector>(z);
    }

    /// <summary>SiLU.</summary>
    private readonly struct SiLULanes : IActivationLanes
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static TVector IActivationLanes.Apply<TLanes, TVector>(TVector z, float parameter) => SiLU<TLanes, TVector>(z);
    }

    /// <summary>Mish.</summary>
    private readonly struct MishLanes : IActivationLanes
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static TVector IActivationLanes.Apply<TLanes, TVector>(TVector z, float parameter) => Mish<TLanes, TVector>(z);
    }

    /// <summary>GELU′.</summary>
    internal readonly struct GELUDerivativeLanes : IActivationLanes
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static TVector IActivationLanes.Apply<TLanes, TVector>(TVector z, float parameter) => GELUDerivative<TLanes, TVector>(z);
    }

    /// <summary>SiLU′.</summary>
    internal readonly struct SiLUDerivativeLanes : IActivationLanes
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static TVector IActivationLanes.Apply<TLanes, TVector>(TVector z, float parameter) => SiLUDerivative<TLanes, TVector>(z);
    }

    /// <summary>Mish′.</summary>
    internal readonly struct MishDerivativeLanes : IActivationLanes
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static TVector IActivationLanes.Apply<TLanes, TVector>(TVector z, float parameter) => MishDerivative<TLanes, TVector>(z);
    }
}
