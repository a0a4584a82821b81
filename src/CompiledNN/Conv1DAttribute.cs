using System;

namespace CompiledNN;

/// <summary>
/// Declares a 1-D convolution over a signal of channels × length, as PyTorch's
/// <c>nn.Conv1d(channels, filters, kernelSize, stride, padding, dilation)</c>, followed by <see cref="Activation"/>.
/// Its parameters are the weights <c>W[filters, channels, kernelSize]</c>, then the bias <c>b[filters]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class Conv1DAttribute : ConvolutionAttribute
{
    /// <summary>Declares <paramref name="filters"/> filters of <paramref name="kernelSize"/> samples.</summary>
    /// <param name="filters">The number of filters (output channels); at least 1.</param>
    /// <param name="kernelSize">The number of samples each filter spans; at least 1.</param>
    /// <param name="activation">The activation applied to the layer's pre-activations.</param>
    public Conv1DAttribute(int filters, int kernelSize, Activation activation = Activation.Identity)
        : base(filters, kernelSize, activation)
    {
    }
}
