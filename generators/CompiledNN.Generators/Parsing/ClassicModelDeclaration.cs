using CompiledNN.Generators.Helpers;
using CompiledNN.Generators.Model;

namespace CompiledNN.Generators.Parsing;

/// <summary>
/// A <c>[Neuron]</c> exactly as the user wrote it: the validator judges it, the generator turns a valid one into a
/// <see cref="NeuronSpec"/>, the analyzer reports its problems. Values left out are <see langword="null"/>.
/// </summary>
/// <param name="Type">Where the class lives.</param>
/// <param name="Shape">What kind of type carries the attribute.</param>
/// <param name="AttributeIndex">The index of <c>[Neuron]</c> among the type's attributes.</param>
/// <param name="Weights">The weights; empty when left out or <see langword="null"/>.</param>
/// <param name="Threshold">The threshold.</param>
/// <param name="Inputs">The declared number of inputs.</param>
/// <param name="HasMalformedArguments">An argument has a compile error of its own (the compiler reports it).</param>
internal sealed record NeuronDeclaration(
    TypeHierarchy Type,
    TypeShape Shape,
    int AttributeIndex,
    EquatableArray<float> Weights,
    float? Threshold,
    int? Inputs,
    bool HasMalformedArguments);

/// <summary>A <c>[Perceptron]</c> exactly as the user wrote it; values left out are <see langword="null"/>.</summary>
/// <param name="Type">Where the class lives.</param>
/// <param name="Shape">What kind of type carries the attribute.</param>
/// <param name="AttributeIndex">The index of <c>[Perceptron]</c> among the type's attributes.</param>
/// <param name="Inputs">The number of inputs.</param>
/// <param name="Outputs">The number of step units.</param>
/// <param name="LearningRate">The learning rate η.</param>
/// <param name="HasMalformedArguments">An argument has a compile error of its own (the compiler reports it).</param>
internal sealed record PerceptronDeclaration(
    TypeHierarchy Type,
    TypeShape Shape,
    int AttributeIndex,
    int? Inputs,
    int? Outputs,
    float? LearningRate,
    bool HasMalformedArguments);
