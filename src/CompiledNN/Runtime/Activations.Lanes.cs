using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CompiledNN.Runtime;

// The activations on whole registers: what the span forms run on each block of lanes, and what generated code calls
// on a layer's units while they are still in registers. Each function is the same sequence of roundings at every
// width (and in the scalar tail, through a one-lane Vector128), so a unit's value never depends on where it lands.
public static partial class Activations
{
    // Cephes' tanhf: below |z| = 0.625 an odd polynomial z + z³ Q(z²); above it 1 − 2 / (e^2|z| + 1), which no longer cancels.
    private const float TanhPolynomialLimit = 0.625f;
    private const float T0 = -5.70498872745e-3f;
    private const float T1 = 2.06390887954e-2f;
    private const float T2 = -5.37397155531e-2f;
    private const float T3 = 1.33314422036e-1f;
    private const float T4 = -3.33332819422e-1f;


    /// <summary>Logistic sigmoid on 4 lanes: <c>1 / (1 + e^-z)</c>, as <c>e^z / (1 + e^z)</c> for negative <c>z</c> so that tiny results keep their precision.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <returns>The activations, within 3 units in the last place (measured 2.3 over a sample of every 97th float).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sigmoid(Vector128<float> z)
    {
        Vector128<float> e = Exponential.Exp(-Vector128.Abs(z));
        Vector128<float> numerator = Vector128.ConditionalSelect(Vector128.GreaterThanOrEqual(z, Vector128<float>.Zero), Vector128<float>.One, e);
        return numerator / (Vector128<float>.One + e);
    }

    /// <summary>Hyperbolic tangent on 4 lanes (Cephes' <c>tanhf</c> on <see cref="Exponential"/>).</summary>
    /// <param name="z">The pre-activations.</param>
    /// <returns>The activations, within 2 units in the last place (measured 1.3); ±1 beyond |z| ≈ 9, and the sign of <paramref name="z"/> kept (also for −0).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Tanh(Vector128<float> z)
    {
        Vector128<float> x = Vector128.Abs(z);
        Vector128<float> x2 = x * x;
        Vector128<float> q = (Vector128.Create(T0) * x2) + Vector128.Create(T1);
        q = (q * x2) + Vector128.Create(T2);
        q = (q * x2) + Vector128.Create(T3);
        q = (q * x2) + Vector128.Create(T4);
        Vector128<float> small = (q * x2 * x) + x;
        Vector128<float> large = Vector128<float>.One - (Vector128.Create(2f) / (Exponential.Exp(x + x) + Vector128<float>.One));
        Vector128<float> magnitude = Vector128.ConditionalSelect(Vector128.LessThan(x, Vector128.Create(TanhPolynomialLimit)), small, large);
        return magnitude | (z & Vector128.Create(-0f));
    }

    /// <summary>Exponential linear unit on 4 lanes, <c>z &gt; 0 ? z : α(e^z − 1)</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="alpha">The scale for negative inputs.</param>
    /// <returns>The activations; negative inputs within 2 units in the last place of <c>α(e^z − 1)</c> (measured 1.4).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ELU(Vector128<float> z, float alpha) =>
        Vector128.ConditionalSelect(Vector128.GreaterThan(z, Vector128<float>.Zero), z, Vector128.Create(alpha) * Exponential.ExpM1(z));


    /// <summary>Logistic sigmoid on 8 lanes: <c>1 / (1 + e^-z)</c>, as <c>e^z / (1 + e^z)</c> for negative <c>z</c> so that tiny results keep their precision.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <returns>The activations, within 3 units in the last place (measured 2.3 over a sample of every 97th float).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sigmoid(Vector256<float> z)
    {
        Vector256<float> e = Exponential.Exp(-Vector256.Abs(z));
        Vector256<float> numerator = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(z, Vector256<float>.Zero), Vector256<float>.One, e);
        return numerator / (Vector256<float>.One + e);
    }

    /// <summary>Hyperbolic tangent on 8 lanes (Cephes' <c>tanhf</c> on <see cref="Exponential"/>).</summary>
    /// <param name="z">The pre-activations.</param>
    /// <returns>The activations, within 2 units in the last place (measured 1.3); ±1 beyond |z| ≈ 9, and the sign of <paramref name="z"/> kept (also for −0).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Tanh(Vector256<float> z)
    {
        Vector256<float> x = Vector256.Abs(z);
        Vector256<float> x2 = x * x;
        Vector256<float> q = (Vector256.Create(T0) * x2) + Vector256.Create(T1);
        q = (q * x2) + Vector256.Create(T2);
        q = (q * x2) + Vector256.Create(T3);
        q = (q * x2) + Vector256.Create(T4);
        Vector256<float> small = (q * x2 * x) + x;
        Vector256<float> large = Vector256<float>.One - (Vector256.Create(2f) / (Exponential.Exp(x + x) + Vector256<float>.One));
        Vector256<float> magnitude = Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256.Create(TanhPolynomialLimit)), small, large);
        return magnitude | (z & Vector256.Create(-0f));
    }

    /// <summary>Exponential linear unit on 8 lanes, <c>z &gt; 0 ? z : α(e^z − 1)</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="alpha">The scale for negative inputs.</param>
    /// <returns>The activations; negative inputs within 2 units in the last place of <c>α(e^z − 1)</c> (measured 1.4).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ELU(Vector256<float> z, float alpha) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(z, Vector256<float>.Zero), z, Vector256.Create(alpha) * Exponential.ExpM1(z));


    /// <summary>Logistic sigmoid on 16 lanes: <c>1 / (1 + e^-z)</c>, as <c>e^z / (1 + e^z)</c> for negative <c>z</c> so that tiny results keep their precision.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <returns>The activations, within 3 units in the last place (measured 2.3 over a sample of every 97th float).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sigmoid(Vector512<float> z)
    {
        Vector512<float> e = Exponential.Exp(-Vector512.Abs(z));
        Vector512<float> numerator = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(z, Vector512<float>.Zero), Vector512<float>.One, e);
        return numerator / (Vector512<float>.One + e);
    }

    /// <summary>Hyperbolic tangent on 16 lanes (Cephes' <c>tanhf</c> on <see cref="Exponential"/>).</summary>
    /// <param name="z">The pre-activations.</param>
    /// <returns>The activations, within 2 units in the last place (measured 1.3); ±1 beyond |z| ≈ 9, and the sign of <paramref name="z"/> kept (also for −0).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tanh(Vector512<float> z)
    {
        Vector512<float> x = Vector512.Abs(z);
        Vector512<float> x2 = x * x;
        Vector512<float> q = (Vector512.Create(T0) * x2) + Vector512.Create(T1);
        q = (q * x2) + Vector512.Create(T2);
        q = (q * x2) + Vector512.Create(T3);
        q = (q * x2) + Vector512.Create(T4);
        Vector512<float> small = (q * x2 * x) + x;
        Vector512<float> large = Vector512<float>.One - (Vector512.Create(2f) / (Exponential.Exp(x + x) + Vector512<float>.One));
        Vector512<float> magnitude = Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512.Create(TanhPolynomialLimit)), small, large);
        return magnitude | (z & Vector512.Create(-0f));
    }

    /// <summary>Exponential linear unit on 16 lanes, <c>z &gt; 0 ? z : α(e^z − 1)</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="alpha">The scale for negative inputs.</param>
    /// <returns>The activations; negative inputs within 2 units in the last place of <c>α(e^z − 1)</c> (measured 1.4).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ELU(Vector512<float> z, float alpha) =>
        Vector512.ConditionalSelect(Vector512.GreaterThan(z, Vector512<float>.Zero), z, Vector512.Create(alpha) * Exponential.ExpM1(z));


    /// <summary>Applies <typeparamref name="TFunction"/> to every element, a register at a time and the tail one lane at a time.</summary>
    private static void Map<TFunction>(ReadOnlySpan<float> z, Span<float> a, float parameter)
        where TFunction : struct, IActivationLanes
    {
        if (a.Length < z.Length)
        {
            throw new ArgumentException($"Expected room for {z.Length} activations, but the span has {a.Length}.", nameof(a));
        }

        ref float source = ref MemoryMarshal.GetReference(z);
        ref float destination = ref MemoryMarshal.GetReference(a);
        nuint length = (nuint)z.Length;
        nuint i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + (nuint)Vector512<float>.Count <= length; i += (nuint)Vector512<float>.Count)
            {
                TFunction.Apply(Vector512.LoadUnsafe(ref source, i), parameter).StoreUnsafe(ref destination, i);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i + (nuint)Vector256<float>.Count <= length; i += (nuint)Vector256<float>.Count)
            {
                TFunction.Apply(Vector256.LoadUnsafe(ref source, i), parameter).StoreUnsafe(ref destination, i);
            }
        }

        for (; i + (nuint)Vector128<float>.Count <= length; i += (nuint)Vector128<float>.Count)
        {
            TFunction.Apply(Vector128.LoadUnsafe(ref source, i), parameter).StoreUnsafe(ref destination, i);
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref destination, i) = TFunction.Apply(Vector128.CreateScalarUnsafe(Unsafe.Add(ref source, i)), parameter).ToScalar();
        }
    }

    /// <summary>An element-wise function at each register width, with one float parameter (α, or a constant of the pass).</summary>
    internal interface IActivationLanes
    {
        static abstract Vector512<float> Apply(Vector512<float> z, float parameter);

        static abstract Vector256<float> Apply(Vector256<float> z, float parameter);

        static abstract Vector128<float> Apply(Vector128<float> z, float parameter);
    }


    /// <summary>The logistic sigmoid.</summary>
    private readonly struct SigmoidLanes : IActivationLanes
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Apply(Vector512<float> z, float parameter) => Sigmoid(z);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Apply(Vector256<float> z, float parameter) => Sigmoid(z);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Apply(Vector128<float> z, float parameter) => Sigmoid(z);
    }

    /// <summary>The hyperbolic tangent.</summary>
    private readonly struct TanhLanes : IActivationLanes
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Apply(Vector512<float> z, float parameter) => Tanh(z);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Apply(Vector256<float> z, float parameter) => Tanh(z);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Apply(Vector128<float> z, float parameter) => Tanh(z);
    }

    /// <summary>ELU with α = the parameter.</summary>
    private readonly struct ELULanes : IActivationLanes
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Apply(Vector512<float> z, float parameter) => ELU(z, parameter);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Apply(Vector256<float> z, float parameter) => ELU(z, parameter);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Apply(Vector128<float> z, float parameter) => ELU(z, parameter);
    }

    /// <summary>Leaky ReLU with slope α = the parameter.</summary>
    private readonly struct LeakyReLULanes : IActivationLanes
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Apply(Vector512<float> z, float parameter) => Vector512.ConditionalSelect(Vector512.GreaterThan(z, Vector512<float>.Zero), z, z * parameter);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Apply(Vector256<float> z, float parameter) => Vector256.ConditionalSelect(Vector256.GreaterThan(z, Vector256<float>.Zero), z, z * parameter);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Apply(Vector128<float> z, float parameter) => Vector128.ConditionalSelect(Vector128.GreaterThan(z, Vector128<float>.Zero), z, z * parameter);
    }

    /// <summary>Softmax's exponentials, <c>e^(z − max)</c> with the maximum as the parameter.</summary>
    private readonly struct ShiftedExpLanes : IActivationLanes
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Apply(Vector512<float> z, float parameter) => Exponential.Exp(z - Vector512.Create(parameter));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Apply(Vector256<float> z, float parameter) => Exponential.Exp(z - Vector256.Create(parameter));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Apply(Vector128<float> z, float parameter) => Exponential.Exp(z - Vector128.Create(parameter));
    }

    /// <summary>Softmax's normalisation: division by the sum, the parameter.</summary>
    private readonly struct DivideLanes : IActivationLanes
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Apply(Vector512<float> z, float parameter) => z / Vector512.Create(parameter);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Apply(Vector256<float> z, float parameter) => z / Vector256.Create(parameter);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Apply(Vector128<float> z, float parameter) => z / Vector128.Create(parameter);
    }
}
