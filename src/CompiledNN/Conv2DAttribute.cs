using System;

namespace CompiledNN;

/// <summary>
/// Declares a 2-D convolution over an image of channels × height × width, as PyTorch's
/// <c>nn.Conv2d(channels, filters, kernelSize, stride, padding, dilation)</c>, followed by <see cref="Activation"/>.
/// Its parameters are the weights <c>W[filters, channels, kernelSize, kernelSize]</c>, then the bias <c>b[filters]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class Conv2DAttribute : Attribute
{
    /// <summary>Declares <paramref name="filters"/> square filters of <paramref name="kernelSize"/> × <paramref name="kernelSize"/> pixels.</summary>
    /// <param name="filters">The number of filters (output channels); at least 1.</param>
    /// <param name="kernelSize">The height and width of each filter; at least 1.</param>
    /// <param name="activation">The activation applied to the layer's pre-activations.</param>
    public Conv2DAttribute(int filters, int kernelSize, Activation activation = Activation.Identity)
    {
        Filters = filters;
        KernelSize = kernelSize;
        Activation = activation;
    }

    /// <summary>The number of filters (output channels).</summary>
    public int Filters { get; }

    /// <summary>The height and width of each filter.</summary>
    public int KernelSize { get; }

    /// <summary>The activation applied to the layer's pre-activations.</summary>
    public Activation Activation { get; }

    /// <summary>The step between two windows; at least 1.</summary>
    public int Stride { get; set; } = 1;

    /// <summary>The zeros added on each side of the image, in both directions.</summary>
    public int Padding { get; set; }

    /// <summary>The step between two pixels of a window; at least 1.</summary>
    public int Dilation { get; set; } = 1;

    /// <summary>The slope α of <see cref="Activation.LeakyReLU"/> (default 0.01) or the scale of <see cref="Activation.ELU"/> (default 1).</summary>
    public float Alpha { get; set; } = float.NaN;
}
