using System;

namespace CompiledNN;

/// <summary>
/// What <see cref="Conv1DAttribute"/> and <see cref="Conv2DAttribute"/> declare alike: filters, a kernel size, an
/// activation, and the named <see cref="Stride"/>, <see cref="Padding"/>, <see cref="Dilation"/> and <see cref="Alpha"/>.
/// </summary>
public abstract class ConvolutionAttribute : Attribute
{
    /// <summary>Declares <paramref name="filters"/> filters of <paramref name="kernelSize"/>.</summary>
    /// <param name="filters">The number of filters (output channels); at least 1.</param>
    /// <param name="kernelSize">The kernel's samples (1-D) or height and width (2-D); at least 1.</param>
    /// <param name="activation">The activation applied to the layer's pre-activations.</param>
    private protected ConvolutionAttribute(int filters, int kernelSize, Activation activation)
    {
        Filters = filters;
        KernelSize = kernelSize;
        Activation = activation;
    }

    /// <summary>The number of filters (output channels).</summary>
    public int Filters { get; }

    /// <summary>The kernel's samples (1-D) or height and width (2-D).</summary>
    public int KernelSize { get; }

    /// <summary>The activation applied to the layer's pre-activations.</summary>
    public Activation Activation { get; }

    /// <summary>The step between two windows, in each direction; at least 1.</summary>
    public int Stride { get; set; } = 1;

    /// <summary>The zeros added on each side of the signal or image, in each direction.</summary>
    public int Padding { get; set; }

    /// <summary>The step between two samples or pixels of a window; at least 1.</summary>
    public int Dilation { get; set; } = 1;

    /// <summary>The slope α of <see cref="Activation.LeakyReLU"/> (default 0.01) or the scale of <see cref="Activation.ELU"/> (default 1).</summary>
    public float Alpha { get; set; } = float.NaN;
}
