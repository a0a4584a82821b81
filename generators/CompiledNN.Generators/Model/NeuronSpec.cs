using CompiledNN.Generators.Helpers;

namespace CompiledNN.Generators.Model;

/// <summary>A validated McCulloch-Pitts neuron: it fires when <c>Σ wᵢ xᵢ ≥ threshold</c>. Nothing from the compilation.</summary>
/// <param name="Type">Where the class lives.</param>
/// <param name="Weights">The fixed weights, one per input, all finite.</param>
/// <param name="Threshold">The finite threshold.</param>
internal sealed record NeuronSpec(TypeHierarchy Type, EquatableArray<float> Weights, float Threshold)
{
    /// <summary>The number of inputs.</summary>
    public int InputSize => Weights.Count;

    /// <summary>Neurons with up to this many inputs get a <c>Fire</c> overload with one <see cref="bool"/> parameter per input.</summary>
    public const int MaxBooleanParameters = 8;

    /// <summary>Whether the neuron gets the overload with one <see cref="bool"/> parameter per input.</summary>
    public bool HasBooleanParameters => InputSize <= MaxBooleanParameters;
}
