using System;

namespace CompiledNN;

/// <summary>
/// Marks a <c>partial</c> class as Rosenblatt's single-layer perceptron: step units trained with the perceptron rule
/// <c>w += η (t − y) x</c>, which converges only on linearly separable data.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class PerceptronAttribute : Attribute
{
    /// <summary>The number of inputs.</summary>
    public int Inputs { get; set; }

    /// <summary>The number of step units (outputs); 1 when unset.</summary>
    public int Outputs { get; set; } = 1;

    /// <summary>The learning rate η of the perceptron rule; 0.1 when unset.</summary>
    public float LearningRate { get; set; } = 0.1f;
}
