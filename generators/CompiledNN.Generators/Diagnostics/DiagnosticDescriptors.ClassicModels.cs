using Microsoft.CodeAnalysis;

namespace CompiledNN.Generators.Diagnostics;

/// <summary>
/// The rules of the classic models, <c>[Neuron]</c> and <c>[Perceptron]</c> (CNN01xx). The rules they share with
/// <c>[Network]</c> (partial, supported type, member collisions, one kind per type) use the network descriptors.
/// </summary>
internal static partial class DiagnosticDescriptors
{
    private const string ClassicModels = "CompiledNN.ClassicModels";

    public static readonly DiagnosticDescriptor NeuronWithoutWeights = Error(
        "CNN0101", ClassicModels,
        "Neuron has no weights",
        "Neuron '{0}' has no weights; give one weight per input, e.g. [Neuron(Weights = new[] {{ 1f, 1f }}, Threshold = 2f)] for AND");

    public static readonly DiagnosticDescriptor NeuronWeightCountMismatch = Error(
        "CNN0102", ClassicModels,
        "Neuron weights do not match its inputs",
        "Neuron '{0}' declares Inputs = {1} but has {2} weights; give exactly one weight per input");

    public static readonly DiagnosticDescriptor NeuronValueNotFinite = Error(
        "CNN0103", ClassicModels,
        "Neuron weights and threshold must be finite",
        "{0} of neuron '{1}' is {2}; it must be a finite number");

    public static readonly DiagnosticDescriptor PerceptronSizeNotPositive = Error(
        "CNN0104", ClassicModels,
        "Perceptron inputs and outputs must be at least 1",
        "{0} of perceptron '{1}' is {2}; set it to the number of {3} (at least 1), e.g. [Perceptron(Inputs = 2, Outputs = 1)]");

    public static readonly DiagnosticDescriptor PerceptronLearningRateInvalid = Error(
        "CNN0105", ClassicModels,
        "Perceptron learning rate must be positive and finite",
        "LearningRate of perceptron '{0}' is {1}; it must be a finite value greater than 0, e.g. 0.1");
}
