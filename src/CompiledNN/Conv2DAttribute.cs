using System;

namespace CompiledNN;

/// <summary>
/// Declares a 2-D convolution over an image of channels × height × width, as PyTorch's
/// <c>nn.Conv2d(channels, filters, kernelSize, stride, padding, dilation)</c>, followed by <see cref="Activation"/>.
/// Its parameters are the weights <c>W[filters, channels, kernelSize, kernelSize]</c>, then the bias <c>b[filters]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class Conv2DAttribute : ConvolutionAttribute
{
    /// <summary>Declares <paramref name="filters"/> square filters of <paramref name="kernelSize"/> × <paramref name="kernelSize"/> pixels.</summary>
    /// <param name="filters">The number of filters (output channels); at least 1.</param>
    /// <param name="kernelSize">The height and width of each filter; at least 1.</param>
    /// <param name="activation">The activation applied to the layer's pre-activations.</param>
    public Conv2DAttribute(int filters, int kernelSize, Activation activation = Activation.Identity)
        : base(filters, kernelSize, activation)
    {
    }
}
