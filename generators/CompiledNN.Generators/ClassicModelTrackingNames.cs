namespace CompiledNN.Generators;

/// <summary>The names of the classic generators' pipeline steps, so that incrementality tests can ask each step why it ran.</summary>
internal static class ClassicModelTrackingNames
{
    /// <summary>Each <c>[Neuron]</c> type read, validated and turned into a spec (null when invalid).</summary>
    public const string NeuronSpecs = nameof(NeuronSpecs);

    /// <summary>The specs of valid neurons, one source output each.</summary>
    public const string ValidNeurons = nameof(ValidNeurons);

    /// <summary>Each <c>[Perceptron]</c> type read, validated and turned into a spec (null when invalid).</summary>
    public const string PerceptronSpecs = nameof(PerceptronSpecs);

    /// <summary>The specs of valid perceptrons, one source output each.</summary>
    public const string ValidPerceptrons = nameof(ValidPerceptrons);
}
