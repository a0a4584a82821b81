using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CompiledNN.Runtime;

/// <summary>
/// Backpropagation through the activation functions: each turns <c>delta</c> from <c>∂L/∂a</c> into
/// <c>∂L/∂z = ∂L/∂a · f′(z)</c> in place, given the layer's pre-activations <c>z</c> and activations <c>a</c>.
/// The derivatives are PyTorch's, including its choices at the kinks (ReLU′(0) = 0).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ActivationGradients
{
    /// <summary>Sigmoid: <c>f′ = a (1 − a)</c>.</summary>
    /// <param name="a">The activations.</param>
    /// <param name="delta">∂L/∂a in, ∂L/∂z out.</param>
    public static void Sigmoid(ReadOnlySpan<float> a, Span<float> delta)
    {
        for (int i = 0; i < delta.Length; i++)
        {
            delta[i] *= a[i] * (1f - a[i]);
        }
    }

    /// <summary>Tanh: <c>f′ = 1 − a²</c>.</summary>
    /// <param name="a">The activations.</param>
    /// <param name="delta">∂L/∂a in, ∂L/∂z out.</param>
    public static void Tanh(ReadOnlySpan<float> a, Span<float> delta)
    {
        for (int i = 0; i < delta.Length; i++)
        {
            delta[i] *= 1f - (a[i] * a[i]);
        }
    }

    /// <summary>ReLU: <c>f′ = z &gt; 0 ? 1 : 0</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="delta">∂L/∂a in, ∂L/∂z out.</param>
    public static void ReLU(ReadOnlySpan<float> z, Span<float> delta)
    {
        if (z.Length < delta.Length)
        {
            throw new ArgumentException($"Expected {delta.Length} pre-activations, but the span has {z.Length}.", nameof(z));
        }

        ref float source = ref MemoryMarshal.GetReference(z);
        ref float gradient = ref MemoryMarshal.GetReference(delta);
        nint i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= delta.Length - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                Vector512<float> active = Vector512.GreaterThan(Vector512.LoadUnsafe(ref source, (nuint)i), Vector512<float>.Zero);
                (Vector512.LoadUnsafe(ref gradient, (nuint)i) & active).StoreUnsafe(ref gradient, (nuint)i);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= delta.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                Vector256<float> active = Vector256.GreaterThan(Vector256.LoadUnsafe(ref source, (nuint)i), Vector256<float>.Zero);
                (Vector256.LoadUnsafe(ref gradient, (nuint)i) & active).StoreUnsafe(ref gradient, (nuint)i);
            }
        }

        for (; i < delta.Length; i++)
        {
            if (!(Unsafe.Add(ref source, i) > 0f))
            {
                Unsafe.Add(ref gradient, i) = 0f;
            }
        }
    }

    /// <summary>Leaky ReLU: <c>f′ = z &gt; 0 ? 1 : α</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="delta">∂L/∂a in, ∂L/∂z out.</param>
    /// <param name="alpha">The slope for negative inputs.</param>
    public static void LeakyReLU(ReadOnlySpan<float> z, Span<float> delta, float alpha)
    {
        for (int i = 0; i < delta.Length; i++)
        {
            if (!(z[i] > 0f))
            {
                delta[i] *= alpha;
            }
        }
    }

    /// <summary>Softplus: <c>f′ = σ(z)</c>, and 1 above PyTorch's threshold of 20 where f is the identity.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="delta">∂L/∂a in, ∂L/∂z out.</param>
    public static void Softplus(ReadOnlySpan<float> z, Span<float> delta)
    {
        for (int i = 0; i < delta.Length; i++)
        {
            if (!(z[i] > 20f))
            {
                delta[i] *= Activations.Sigmoid(z[i]);
            }
        }
    }

    /// <summary>ELU: <c>f′ = z &gt; 0 ? 1 : α e^z</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="delta">∂L/∂a in, ∂L/∂z out.</param>
    /// <param name="alpha">The scale for negative inputs.</param>
    public static void ELU(ReadOnlySpan<float> z, Span<float> delta, float alpha)
    {
        for (int i = 0; i < delta.Length; i++)
        {
            if (!(z[i] > 0f))
            {
                delta[i] *= alpha * MathF.Exp(z[i]);
            }
        }
    }

    /// <summary>GELU: <c>f′ = Φ(z) + z φ(z)</c>, with φ the standard normal density (see <see cref="Activations.GELU(ReadOnlySpan{float}, Span{float})"/>).</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="delta">∂L/∂a in, ∂L/∂z out.</param>
    public static void GELU(ReadOnlySpan<float> z, Span<float> delta) => Activations.MultiplyByDerivative<Activations.GELUDerivativeLanes>(z, delta);

    /// <summary>SiLU: <c>f′ = σ(z) (1 + z (1 − σ(z)))</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="delta">∂L/∂a in, ∂L/∂z out.</param>
    public static void SiLU(ReadOnlySpan<float> z, Span<float> delta) => Activations.MultiplyByDerivative<Activations.SiLUDerivativeLanes>(z, delta);

    /// <summary>Mish: <c>f′ = t + z σ(z) (1 − t²)</c> with <c>t = tanh(softplus(z))</c>.</summary>
    /// <param name="z">The pre-activations.</param>
    /// <param name="delta">∂L/∂a in, ∂L/∂z out.</param>
    public static void Mish(ReadOnlySpan<float> z, Span<float> delta) => Activations.MultiplyByDerivative<Activations.MishDerivativeLanes>(z, delta);

    /// <summary>Softmax, whose Jacobian couples the units: <c>∂L/∂zᵢ = aᵢ (∂L/∂aᵢ − Σⱼ aⱼ ∂L/∂aⱼ)</c>.</summary>
    /// <param name="a">The probabilities.</param>
    /// <param name="delta">∂L/∂a in, ∂L/∂z out.</param>
    public static void Softmax(ReadOnlySpan<float> a, Span<float> delta)
    {
        float dot = 0f;
        for (int i = 0; i < delta.Length; i++)
        {
            dot += a[i] * delta[i];
        }

        for (int i = 0; i < delta.Length; i++)
        {
            delta[i] = a[i] * (delta[i] - dot);
        }
    }
}
