using System;

namespace CompiledNN;

/// <summary>
/// Declares average pooling over an image of channels × height × width, as PyTorch's <c>nn.AvgPool2d(size, stride)</c>: each channel's windows of <c>size</c> × <c>size</c> pixels become their
/// mean. No parameters; windows start at 0 and a partial window at the end is dropped, as PyTorch's default.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AvgPool2DAttribute : PoolingAttribute
{
    /// <summary>Declares windows of <c>size</c> × <c>size</c> pixels, one every <paramref name="size"/> unless <see cref="PoolingAttribute.Stride"/> says otherwise.</summary>
    /// <param name="size">The window's height and width; at least 1.</param>
    public AvgPool2DAttribute(int size)
        : base(size)
    {
    }
}
