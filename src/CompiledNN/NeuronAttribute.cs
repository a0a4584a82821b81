using System;

namespace CompiledNN;

/// <summary>
/// Marks a <c>partial</c> class as a McCulloch-Pitts neuron: fixed weights and a threshold, output 1 when
/// <c>Σ wᵢ xᵢ ≥ threshold</c>, else 0. Nothing is learned; the weights become constants in the generated code.
/// </summary>
/// <remarks>
/// <code>
/// [Neuron(Weights = new[] { 1f, 1f }, Threshold = 2f)]
/// public partial class AndGate;
///
/// bool both = new AndGate().Fire(true, true); // true: 1 + 1 ≥ 2
/// </code>
/// The generated class has <c>InputSize</c>, <c>Threshold</c> and <c>Weights</c>, and <c>Fire</c> overloads on
/// <c>ReadOnlySpan&lt;float&gt;</c> (returns 0 or 1), <c>ReadOnlySpan&lt;bool&gt;</c> and, for up to eight inputs,
/// one <see cref="bool"/> parameter per input (true counts as 1, false as 0).
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class NeuronAttribute : Attribute
{
    /// <summary>The fixed weight of each input; at least one, all finite.</summary>
    public float[] Weights { get; set; } = [];

    /// <summary>The threshold the weighted sum must reach for the neuron to fire; finite.</summary>
    public float Threshold { get; set; }

    /// <summary>
    /// The number of inputs, as a check on <see cref="Weights"/>: when set, the analyzer requires exactly this many
    /// weights. 0 (unset) means one input per weight.
    /// </summary>
    public int Inputs { get; set; }
}
