using System;

namespace CompiledNN;

/// <summary>
/// Marks a <c>partial</c> class as a McCulloch-Pitts neuron: fixed weights and a threshold, output 1 when
/// <c>Σ wᵢ xᵢ ≥ threshold</c>, else 0. Nothing is learned; the weights become constants in the generated code.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class NeuronAttribute : Attribute
{
    /// <summary>The fixed weight of each input.</summary>
    public float[] Weights { get; set; } = [];

    /// <summary>The threshold the weighted sum must reach for the neuron to fire.</summary>
    public float Threshold { get; set; }
}
