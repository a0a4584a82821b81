using System;

namespace CompiledNN;

/// <summary>Declares the number of input features of a <see cref="NetworkAttribute"/> network.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class InputAttribute : Attribute
{
    /// <summary>Declares <paramref name="size"/> input features.</summary>
    /// <param name="size">The number of features of one input row; at least 1.</param>
    public InputAttribute(int size) => Size = size;

    /// <summary>The number of features of one input row.</summary>
    public int Size { get; }
}
