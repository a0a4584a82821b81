using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CompiledNN.Runtime;

// The activations on whole registers: what the span forms run on each block of lanes, and what generated code calls
// on a layer's units while they are still in registers. Each function is written once over ILanes, so it is the same
// sequence of roundings at every width (and in the scalar tail, through a one-lane Vector128): a unit's value never
// depends on where it lands.
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
    public static Vector128<float> Sigmoid(Vector128<float> z) => Sigmoid<Lanes128, Vector128<float>>(z);

    /// <summary>Logistic sigmoid on 8 lanes: <c>1 / (1 + e^-z)</c>, as <c>e^z / (1 + e^z)</c> for negative <c>z</c> so that tiny results keep their precision.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <returns>The activations, within 3 units in the last place (measured 2.3 over a sample of every 97th float).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sigmoid(Vector256<float> z) => Sigmoid<Lanes256, Vector256<float>>(z);

    /// <summary>Logistic sigmoid on 16 lanes: <c>1 / (1 + e^-z)</c>, as <c>e^z / (1 + e^z)</c> for negative <c>z</c> so that tiny results keep their precision.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <returns>The activations, within 3 units in the last place (measured 2.3 over a sample of every 97th float).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sigmoid(Vector512<float> z) => Sigmoid<Lanes512, Vector512<float>>(z);

    /// <summary>Hyperbolic tangent on 4 lanes (Cephes' <c>tanhf</c> on <see cref="Exponential"/>).</summary>
    /// <param name="z">The pre-activations.</param>
    /// <returns>The activations, within 2 units in the last place (measured 1.3); ±1 beyond |z| ≈ 9, and the sign of <paramref name="z"/> kept (also for −0).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Tanh(Vector128<float> z) => Tanh<Lanes128, Vector128<float>>(z);

    /// <summary>Hyperbolic tangent on 8 lanes (Cephes' <c>tanhf</c> on <see cref="Exponential"/>).</summary>
    /// <param name="z">The pre-activations.</param>
    /// <returns>The activations, within 2 units in the last place (measured 1.3); ±1 beyond |z| ≈ 9, and the sign of <paramref name="z"/> kept (also for −0).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Tanh(Vector256<float> z) => Tanh<Lanes256, Vector256<float>>(z);

    /// <summary>Hyperbolic tangent on 16 lanes (Cephes' <c>tanhf</c> on <see cref="Exponential"/>).</summary>
    /// <param name="z">The pre-activations.</param>
    /// <returns>The activations, within 2 units in the last place (measured 1.3); ±1 beyond |z| ≈ 9, and the sign of <paramref name="z"/> kept (also for −0).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tanh(Vector512<float> z) => Tanh<Lanes512, Vector512<float>>(z);

    /// <summary>Exponential linear unit on 4 lanes, <c>z &gt; 0 ? z : α(e^z − 1)</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="alpha">The scale for negative inputs.</param>
    /// <returns>The activations; negative inputs within 2 units in the last place of <c>α(e^z − 1)</c> (measured 1.4).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ELU(Vector128<float> z, float alpha) => ELU<Lanes128, Vector128<float>>(z, alpha);

    /// <summary>Exponential linear unit on 8 lanes, <c>z &gt; 0 ? z : α(e^z − 1)</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="alpha">The scale for negative inputs.</param>
    /// <returns>The activations; negative inputs within 2 units in the last place of <c>α(e^z − 1)</c> (measured 1.4).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ELU(Vector256<float> z, float alpha) => ELU<Lanes256, Vector256<float>>(z, alpha);

    /// <summary>Exponential linear unit on 16 lanes, <c>z &gt; 0 ? z : α(e^z − 1)</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="alpha">The scale for negative inputs.</param>
    /// <returns>The activations; negative inputs within 2 units in the last place of <c>α(e^z − 1)</c> (measured 1.4).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ELU(Vector512<float> z, float alpha) => ELU<Lanes512, Vector512<float>>(z, alpha);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector Sigmoid<TLanes, TVector>(TVector z)
        where TLanes : struct, ILanes<TVector>
        where TVector : struct
    {
        TVector one = TLanes.Broadcast(1f);
        TVector e = TLanes.Exp(TLanes.Negate(TLanes.Abs(z)));
        return TLanes.Divide(TLanes.WhereNegative(z, e, one), TLanes.Add(one, e));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector Tanh<TLanes, TVector>(TVector z)
        where TLanes : struct, ILanes<TVector>
        where TVector : struct
    {
        TVector x = TLanes.Abs(z);
        TVector x2 = TLanes.Multiply(x, x);
        TVector q = TLanes.Add(TLanes.Multiply(TLanes.Broadcast(T0), x2), TLanes.Broadcast(T1));
        q = TLanes.Add(TLanes.Multiply(q, x2), TLanes.Broadcast(T2));
        q = TLanes.Add(TLanes.Multiply(q, x2), TLanes.Broadcast(T3));
        q = TLanes.Add(TLanes.Multiply(q, x2), TLanes.Broadcast(T4));
        TVector small = TLanes.Add(TLanes.Multiply(TLanes.Multiply(q, x2), x), x);
        TVector one = TLanes.Broadcast(1f);
        TVector large = TLanes.Subtract(one, TLanes.Divide(TLanes.Broadcast(2f), TLanes.Add(TLanes.Exp(TLanes.Add(x, x)), one)));
        return TLanes.CopySign(TLanes.WhereLess(x, TLanes.Broadcast(TanhPolynomialLimit), small, large), z);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector ELU<TLanes, TVector>(TVector z, float alpha)
        where TLanes : struct, ILanes<TVector>
        where TVector : struct =>
        TLanes.WherePositive(z, z, TLanes.Multiply(TLanes.Broadcast(alpha), TLanes.ExpM1(z)));

    /// <summary>Applies <typeparamref name="TFunction"/> to every element, a register at a time and the tail one lane at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Map<TFunction>(ReadOnlySpan<float> z, Span<float> a, float parameter)
        where TFunction : struct, IActivationLanes
    {
        if (a.Length < z.Length)
        {
            throw new ArgumentException($"Expected room for {z.Length} activations, but the span has {a.Length}.", nameof(a));
        }

        ref float source = ref MemoryMarshal.GetReference(z);
        ref float destination = ref MemoryMarshal.GetReference(a);
        nint length = z.Length;
        nint i = 0;

        // No call where no whole register fits (a softmax of a few logits); the lanes left over go one at a time here.
        if (Vector512.IsHardwareAccelerated && length >= Vector512<float>.Count)
        {
            i = MapRegisters<TFunction, Lanes512, Vector512<float>>(ref source, ref destination, i, length, parameter);
        }
        else if (Vector256.IsHardwareAccelerated && length >= Vector256<float>.Count)
        {
            i = MapRegisters<TFunction, Lanes256, Vector256<float>>(ref source, ref destination, i, length, parameter);
        }

        if (length - i >= Vector128<float>.Count)
        {
            i = MapRegisters<TFunction, Lanes128, Vector128<float>>(ref source, ref destination, i, length, parameter);
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref destination, i) = TFunction.Apply<Lanes128, Vector128<float>>(Vector128.CreateScalarUnsafe(Unsafe.Add(ref source, i)), parameter).ToScalar();
        }
    }

    /// <summary>
    /// Applies <typeparamref name="TFunction"/> a register at a time from element <paramref name="i"/> while whole registers
    /// remain; returns where it stopped. Each width's loop is a compilation root, as the matrix kernels' tiles are
    /// (<see cref="BroadcastProduct"/>'s remarks): with the function inlined at every width into one method, the JIT ran
    /// out of inlining budget and left the function's own steps as calls.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static nint MapRegisters<TFunction, TLanes, TVector>(ref float source, ref float destination, nint i, nint length, float parameter)
        where TFunction : struct, IActivationLanes
        where TLanes : struct, ILanes<TVector>
        where TVector : struct
    {
        for (; i + TLanes.Count <= length; i += TLanes.Count)
        {
            TLanes.Store(TFunction.Apply<TLanes, TVector>(TLanes.Load(ref source, i), parameter), ref destination, i);
        }

        return i;
    }

    /// <summary>An element-wise function written once over <see cref="ILanes{TVector}"/> and run at every register width, with one float parameter (α, or a constant of the pass).</summary>
    internal interface IActivationLanes
    {
        static abstract TVector Apply<TLanes, TVector>(TVector z, float parameter)
            where TLanes : struct, ILanes<TVector>
            where TVector : struct;
    }

    /// <summary>The logistic sigmoid.</summary>
    private readonly struct SigmoidLanes : IActivationLanes
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static TVector IActivationLanes.Apply<TLanes, TVector>(TVector z, float parameter) => Sigmoid<TLanes, TVector>(z);
    }

    /// <summary>The hyperbolic tangent.</summary>
    private readonly struct TanhLanes : IActivationLanes
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static TVector IActivationLanes.Apply<TLanes, TVector>(TVector z, float parameter) => Tanh<TLanes, TVector>(z);
    }

    /// <summary>ELU with α = the parameter.</summary>
    private readonly struct ELULanes : IActivationLanes
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static TVector IActivationLanes.Apply<TLanes, TVector>(TVector z, float parameter) => ELU<TLanes, TVector>(z, parameter);
    }

    /// <summary>Leaky ReLU with slope α = the parameter.</summary>
    private readonly struct LeakyReLULanes : IActivationLanes
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static TVector IActivationLanes.Apply<TLanes, TVector>(TVector z, float parameter) => TLanes.WherePositive(z, z, TLanes.Multiply(z, TLanes.Broadcast(parameter)));
    }

    /// <summary>Softmax's exponentials, <c>e^(z − max)</c> with the maximum as the parameter.</summary>
    private readonly struct ShiftedExpLanes : IActivationLanes
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static TVector IActivationLanes.Apply<TLanes, TVector>(TVector z, float parameter) => TLanes.Exp(TLanes.Subtract(z, TLanes.Broadcast(parameter)));
    }

    /// <summary>Softmax's normalisation: division by the sum, the parameter.</summary>
    private readonly struct DivideLanes : IActivationLanes
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static TVector IActivationLanes.Apply<TLanes, TVector>(TVector z, float parameter) => TLanes.Divide(z, TLanes.Broadcast(parameter));
    }
}
