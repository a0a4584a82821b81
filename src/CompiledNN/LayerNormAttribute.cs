using System;

namespace CompiledNN;

/// <summary>
/// Declares layer normalisation of each row of the previous layer's flat outputs, as PyTorch's
/// <c>nn.LayerNorm(features)</c>, followed by <see cref="Activation"/>. Its parameters are the element-wise γ (starting
/// at 1), then β (starting at 0). It behaves the same in training and in predictions.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class LayerNormAttribute : Attribute
{
    /// <summary>Declares layer normalisation, followed by <paramref name="activation"/>.</summary>
    /// <param name="activation">The activation applied after normalising, scaling and shifting.</param>
    public LayerNormAttribute(Activation activation = Activation.Identity) => Activation = activation;

    /// <summary>The activation applied after normalising, scaling and shifting.</summary>
    public Activation Activation { get; }

    /// <summary>The value added to the variance before its square root; greater than 0.</summary>
    public float Epsilon { get; set; } = 1e-5f;

    /// <summary>The slope α of <see cref="Activation.LeakyReLU"/> (default 0.01) or the scale of <see cref="Activation.ELU"/> (default 1).</summary>
    public float Alpha { get; set; } = float.NaN;
}
