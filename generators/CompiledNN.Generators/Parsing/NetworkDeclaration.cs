using CompiledNN.Generators.Helpers;
using CompiledNN.Generators.Model;

namespace CompiledNN.Generators.Parsing;

/// <summary>
/// A network exactly as the user wrote it, before any rule is applied: the validator judges it, the generator turns
/// a valid one into a <see cref="NetworkSpec"/>, and the analyzer reports the problems at the attributes it points to.
/// Values the user left out or wrote with the wrong type are <see langword="null"/>.
/// </summary>
/// <param name="Type">Where the class lives.</param>
/// <param name="Shape">What kind of type carries the attributes.</param>
/// <param name="NetworkAttributeIndex">The index of <c>[Network]</c> among the type's attributes.</param>
/// <param name="Options">The named arguments of <c>[Network]</c>.</param>
/// <param name="Inputs">Every <c>[Input]</c>, in source order.</param>
/// <param name="Layers">Every <c>[Dense]</c>, in source order.</param>
/// <param name="HasMalformedArguments">An argument has a compile error of its own (the compiler reports it).</param>
internal sealed record NetworkDeclaration(
    TypeHierarchy Type,
    TypeShape Shape,
    int NetworkAttributeIndex,
    NetworkOptions Options,
    EquatableArray<InputDeclaration> Inputs,
    EquatableArray<DenseDeclaration> Layers,
    bool HasMalformedArguments)
{
    /// <summary>Every <c>[Dropout]</c>, in source order; each applies to the outputs of the layer declared before it.</summary>
    public EquatableArray<DropoutDeclaration> Dropouts { get; init; } = EquatableArray<DropoutDeclaration>.Empty;
}

/// <summary>What the analyzers need to know about the type that carries a network attribute.</summary>
/// <param name="IsClass">A class (not a struct, record, interface, …).</param>
/// <param name="IsPartial">Every declaration of the type is <c>partial</c>.</param>
/// <param name="NonPartialContainingType">The name of the first containing type that is not partial, if any.</param>
/// <param name="IsGeneric">The type or a containing type has type parameters.</param>
/// <param name="IsStatic">A static class.</param>
/// <param name="IsAbstract">An abstract class, which could not be constructed.</param>
/// <param name="IsFileLocal">The type or a containing type is <c>file</c>-local, so no other file can extend it.</param>
/// <param name="LayersInSeveralDeclarations">Layer attributes are spread over several partial declarations, so their order is undefined.</param>
/// <param name="OtherKinds">The other network kinds on the same type (<c>Perceptron</c>, <c>Neuron</c>).</param>
/// <param name="MemberNames">The names of the members the user declared, to find collisions with generated ones.</param>
internal sealed record TypeShape(
    bool IsClass,
    bool IsPartial,
    string? NonPartialContainingType,
    bool IsGeneric,
    bool IsStatic,
    bool IsAbstract,
    bool IsFileLocal,
    bool LayersInSeveralDeclarations,
    EquatableArray<string> OtherKinds,
    EquatableArray<string> MemberNames);

/// <summary>An <c>[Input(size)]</c> attribute.</summary>
internal sealed record InputDeclaration(int AttributeIndex, int? Size);

/// <summary>A <c>[Dense(units, activation) { Alpha = … }]</c> attribute.</summary>
internal sealed record DenseDeclaration(int AttributeIndex, int? Units, Activation? Activation, float? Alpha);

/// <summary>A <c>[Dropout(rate)]</c> attribute.</summary>
internal sealed record DropoutDeclaration(int AttributeIndex, float? Rate);

/// <summary>The named arguments of <c>[Network(…)]</c>; <see langword="null"/> where not set.</summary>
internal sealed record NetworkOptions(
    Loss? Loss,
    Optimizer? Optimizer,
    float? LearningRate,
    float? Momentum,
    float? Beta1,
    float? Beta2,
    float? Epsilon,
    float? Rho,
    float? WeightDecay,
    Initialization? Init,
    CodeShape? CodeShape,
    float? HuberDelta = null,
    float? ClipGradientNorm = null);
