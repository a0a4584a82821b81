using System;

namespace CompiledNN;

/// <summary>
/// Declares a flatten of a signal or image into its values in C, H, W order, as PyTorch's <c>nn.Flatten()</c>. Optional:
/// a <see cref="DenseAttribute"/> layer after a multi-dimensional shape flattens it the same way.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class FlattenAttribute : Attribute
{
}
