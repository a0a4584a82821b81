using System;

namespace CompiledNN;

/// <summary>
/// What the max- and average-pooling attributes declare alike: a window <see cref="Size"/> and the named
/// <see cref="Stride"/>, which defaults to the size.
/// </summary>
public abstract class PoolingAttribute : Attribute
{
    /// <summary>Declares windows of <paramref name="size"/>, one every <paramref name="size"/> unless <see cref="Stride"/> says otherwise.</summary>
    /// <param name="size">The window's length (1-D) or height and width (2-D); at least 1.</param>
    private protected PoolingAttribute(int size)
    {
        Size = size;
        Stride = size;
    }

    /// <summary>The window's length (1-D) or height and width (2-D).</summary>
    public int Size { get; }

    /// <summary>The step between two windows; by default <see cref="Size"/>, so windows do not overlap.</summary>
    public int Stride { get; set; }
}
