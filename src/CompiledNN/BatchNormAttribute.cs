using System;

namespace CompiledNN;

/// <summary>
/// Declares batch normalisation of the previous layer's outputs, as PyTorch's <c>nn.BatchNorm1d</c> (after a dense
/// layer, per feature; after a 1-D convolution or pooling, per channel over the length) or <c>nn.BatchNorm2d</c> (per
/// channel over height and width), followed by <see cref="Activation"/>. Its parameters are γ (starting at 1), then β
/// (starting at 0), one per feature or channel; its running mean (starting at 0) and running variance (starting at 1)
/// are buffers (<c>GetBuffers</c>, <c>SetBuffers</c>). Training uses the batch's statistics and an optimizer step
/// updates the running ones; predictions and <c>ComputeLoss</c> use the running ones, as PyTorch's <c>eval()</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class BatchNormAttribute : Attribute
{
    /// <summary>Declares batch normalisation, followed by <paramref name="activation"/>.</summary>
    /// <param name="activation">The activation applied after normalising, scaling and shifting.</param>
    public BatchNormAttribute(Activation activation = Activation.Identity) => Activation = activation;

    /// <summary>The activation applied after normalising, scaling and shifting.</summary>
    public Activation Activation { get; }

    /// <summary>The weight of a batch's statistics in the running ones, in (0, 1]: <c>running = (1 − m) · running + m · batch</c>, as PyTorch.</summary>
    public float Momentum { get; set; } = 0.1f;

    /// <summary>The value added to the variance before its square root; greater than 0.</summary>
    public float Epsilon { get; set; } = 1e-5f;

    /// <summary>The slope α of <see cref="Activation.LeakyReLU"/> (default 0.01) or the scale of <see cref="Activation.ELU"/> (default 1).</summary>
    public float Alpha { get; set; } = float.NaN;
}
