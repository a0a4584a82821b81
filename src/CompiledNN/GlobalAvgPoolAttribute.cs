using System;

namespace CompiledNN;

/// <summary>
/// Declares global average pooling: each channel of a signal or image becomes its mean, a flat shape of one value per
/// channel, as PyTorch's <c>nn.AdaptiveAvgPool1d(1)</c> or <c>nn.AdaptiveAvgPool2d(1)</c> followed by <c>nn.Flatten()</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GlobalAvgPoolAttribute : Attribute
{
}
