using System;

namespace CompiledNN;

/// <summary>
/// Declares inverted dropout on the previous layer's outputs, as PyTorch's <c>nn.Dropout(rate)</c>: in training calls
/// each value is zeroed with probability <see cref="Rate"/> and the kept ones are scaled by <c>1 / (1 − rate)</c>;
/// in predictions and <c>ComputeLoss</c> it passes the values through. The masks come from the network's own seeded
/// generator, so a seed gives the same training run on every machine and with any number of threads.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DropoutAttribute : Attribute
{
    /// <summary>Declares dropout with the probability <paramref name="rate"/> of zeroing a value.</summary>
    /// <param name="rate">The probability of zeroing each value in training, in [0, 1).</param>
    public DropoutAttribute(float rate) => Rate = rate;

    /// <summary>The probability of zeroing each value in training.</summary>
    public float Rate { get; }
}
