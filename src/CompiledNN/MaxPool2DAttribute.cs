using System;

namespace CompiledNN;

/// <summary>
/// Declares max pooling over an image of channels × height × width, as PyTorch's <c>nn.MaxPool2d(size, stride)</c>: each channel's windows of <c>size</c> × <c>size</c> pixels become their
/// largest value (the first of equal largest ones in row-major order, as PyTorch picks). No parameters; windows start at 0 and a partial window at the end is dropped, as PyTorch's default.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class MaxPool2DAttribute : PoolingAttribute
{
    /// <summary>Declares windows of <c>size</c> × <c>size</c> pixels, one every <paramref name="size"/> unless <see cref="PoolingAttribute.Stride"/> says otherwise.</summary>
    /// <param name="size">The window's height and width; at least 1.</param>
    public MaxPool2DAttribute(int size)
        : base(size)
    {
    }
}
