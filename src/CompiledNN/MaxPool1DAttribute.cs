using System;

namespace CompiledNN;

/// <summary>
/// Declares max pooling over a signal of channels × length, as PyTorch's <c>nn.MaxPool1d(size, stride)</c>: each channel's windows of <c>size</c> samples become their
/// largest value (the first of equal largest ones, as PyTorch picks). No parameters; windows start at 0 and a partial window at the end is dropped, as PyTorch's default.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class MaxPool1DAttribute : PoolingAttribute
{
    /// <summary>Declares windows of <c>size</c> samples, one every <paramref name="size"/> unless <see cref="PoolingAttribute.Stride"/> says otherwise.</summary>
    /// <param name="size">The window's length; at least 1.</param>
    public MaxPool1DAttribute(int size)
        : base(size)
    {
    }
}
