using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CompiledNN.Runtime;

/// <summary>
/// The activation functions with PyTorch's definitions, applied element by element from pre-activations
/// <c>z</c> to activations <c>a</c> (the two spans may be the same). Generated code calls these with spans whose
/// lengths are the layer's constant unit count.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class Activations
{
    /// <summary>Logistic sigmoid, <c>1 / (1 + e^-z)</c>, within 3 units in the last place (see <see cref="Sigmoid(Vector128{float})"/>).</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="a">Receives the activations.</param>
    public static void Sigmoid(ReadOnlySpan<float> z, Span<float> a) => Map<SigmoidLanes>(z, a, 0f);

    /// <summary>Hyperbolic tangent, within 2 units in the last place (see <see cref="Tanh(Vector128{float})"/>).</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="a">Receives the activations.</param>
    public static void Tanh(ReadOnlySpan<float> z, Span<float> a) => Map<TanhLanes>(z, a, 0f);

    /// <summary>Rectified linear unit, <c>max(0, z)</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="a">Receives the activations.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ReLU(ReadOnlySpan<float> z, Span<float> a)
    {
        if (a.Length < z.Length)
        {
            throw new ArgumentException($"Expected room for {z.Length} activations, but the span has {a.Length}.", nameof(a));
        }

        ref float source = ref MemoryMarshal.GetReference(z);
        ref float destination = ref MemoryMarshal.GetReference(a);
        nint i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= z.Length - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                Lanes512.Rectify(Lanes512.Load(ref source, i)).StoreUnsafe(ref destination, (nuint)i);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= z.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                Lanes256.Rectify(Lanes256.Load(ref source, i)).StoreUnsafe(ref destination, (nuint)i);
            }
        }

        for (; i < z.Length; i++)
        {
            Unsafe.Add(ref destination, i) = Scalar.Rectify(Unsafe.Add(ref source, i));
        }
    }

    /// <summary>Leaky ReLU, <c>z &gt; 0 ? z : αz</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="a">Receives the activations.</param>
    /// <param name="alpha">The slope for negative inputs.</param>
    public static void LeakyReLU(ReadOnlySpan<float> z, Span<float> a, float alpha) => Map<LeakyReLULanes>(z, a, alpha);

    /// <summary>Softplus, <c>log(1 + e^z)</c>, as PyTorch computes it: <c>z</c> itself above 20, where the two agree in float.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="a">Receives the activations.</param>
    public static void Softplus(ReadOnlySpan<float> z, Span<float> a)
    {
        for (int i = 0; i < z.Length; i++)
        {
            a[i] = Softplus(z[i]);
        }
    }

    /// <summary>Exponential linear unit, <c>z &gt; 0 ? z : α(e^z − 1)</c>, with <see cref="Exponential.ExpM1(Vector128{float})"/>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="a">Receives the activations.</param>
    /// <param name="alpha">The scale for negative inputs.</param>
    public static void ELU(ReadOnlySpan<float> z, Span<float> a, float alpha) => Map<ELULanes>(z, a, alpha);

    /// <summary>
    /// Softmax, <c>e^(z − max z) / Σ e^(z − max z)</c>: subtracting the maximum keeps every exponent ≤ 0, so nothing overflows.
    /// Each probability is within 6 units in the last place of the exact softmax of the float differences <c>z − max</c> (measured 5.5 on rows of 1 to 16
    /// logits); like any float softmax, the rounding of <c>z − max</c> itself adds a relative error up to |z − max| × 6e-8.
    /// </summary>
    /// <param name="z">The pre-activations (logits).</param>
    /// <param name="a">Receives the probabilities.</param>
    public static void Softmax(ReadOnlySpan<float> z, Span<float> a) => SoftmaxWithMax(z, a, out _);

    /// <summary>Writes <c>softmax(z)</c> into <paramref name="a"/> and returns <c>logsumexp(z)</c>, which the fused cross-entropy needs.</summary>
    internal static float SoftmaxWithLogSumExp(ReadOnlySpan<float> z, Span<float> a)
    {
        float sum = SoftmaxWithMax(z, a, out float max);
        return max + MathF.Log(sum);
    }

    /// <summary>Writes <c>softmax(z)</c> into <paramref name="a"/>; returns the sum of the shifted exponentials, and their shift, the largest logit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float SoftmaxWithMax(ReadOnlySpan<float> z, Span<float> a, out float max)
    {
        float largest = z[0];
        for (int i = 1; i < z.Length; i++)
        {
            largest = MathF.Max(largest, z[i]);
        }

        Map<ShiftedExpLanes>(z, a, largest);

        // Summed in index order, so a row's probabilities never depend on how it was reached (Predict or PredictBatch).
        float sum = 0f;
        for (int i = 0; i < z.Length; i++)
        {
            sum += a[i];
        }

        Map<DivideLanes>(a, a, sum);
        max = largest;
        return sum;
    }

    /// <summary>Heaviside step, <c>z ≥ 0 ? 1 : 0</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="a">Receives the activations.</param>
    public static void Step(ReadOnlySpan<float> z, Span<float> a)
    {
        for (int i = 0; i < z.Length; i++)
        {
            a[i] = z[i] >= 0f ? 1f : 0f;
        }
    }

    /// <summary>Logistic sigmoid of one value, with the same bits as a lane of <see cref="Sigmoid(Vector128{float})"/>.</summary>
    /// <param name="z">The pre-activation.</param>
    /// <returns><c>1 / (1 + e^-z)</c>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sigmoid(float z) => Sigmoid(Vector128.CreateScalarUnsafe(z)).ToScalar();

    /// <summary>Softplus of one value, as PyTorch computes it: <c>log1p(e^z)</c>, and <c>z</c> above its threshold of 20.</summary>
    /// <param name="z">The pre-activation.</param>
    /// <returns><c>log(1 + e^z)</c>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Softplus(float z)
    {
        if (z > 20f)
        {
            return z;
        }

        // log(1 + e) loses e entirely once 1 + e rounds to 1; below 1e-5 the series e − e²/2 is exact to double precision.
        double e = Math.Exp(z);
        return (float)(e < 1e-5 ? e - (0.5 * e * e) : Math.Log(1.0 + e));
    }

    /// <summary><c>e^z − 1</c>, accurate near zero where the subtraction would cancel.</summary>
    /// <param name="z">The exponent.</param>
    /// <returns><c>e^z − 1</c>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ExpM1(float z) => Exponential.ExpM1(z);
}
