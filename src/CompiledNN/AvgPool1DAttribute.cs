using System;

namespace CompiledNN;

/// <summary>
/// Declares average pooling over a signal of channels × length, as PyTorch's <c>nn.AvgPool1d(size, stride)</c>: each channel's windows of <c>size</c> samples become their
/// mean. No parameters; windows start at 0 and a partial window at the end is dropped, as PyTorch's default.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AvgPool1DAttribute : Attribute
{
    /// <summary>Declares windows of <c>size</c> samples, one every <paramref name="size"/> unless <see cref="Stride"/> says otherwise.</summary>
    /// <param name="size">The window's length; at least 1.</param>
    public AvgPool1DAttribute(int size)
    {
        Size = size;
        Stride = size;
    }

    /// <summary>The window's length.</summary>
    public int Size { get; }

    /// <summary>The step between two windows; by default <see cref="Size"/>, so windows do not overlap.</summary>
    public int Stride { get; set; }
}
