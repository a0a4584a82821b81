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

    /// <summary>Every convolution, pooling and flatten, in source order; <see cref="SpatialLayerDeclaration.AttributeIndex"/> places them among the dense layers.</summary>
    public EquatableArray<SpatialLayerDeclaration> SpatialLayers { get; init; } = EquatableArray<SpatialLayerDeclaration>.Empty;

    /// <summary>Every <c>[BatchNorm]</c> and <c>[LayerNorm]</c>, in source order; each normalises the outputs of the layer declared before it.</summary>
    public EquatableArray<NormalizationDeclaration> Normalizations { get; init; } = EquatableArray<NormalizationDeclaration>.Empty;
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

/// <summary>An <c>[Input(size)]</c>, <c>[Input(channels, length)]</c> or <c>[Input(channels, height, width)]</c> attribute.</summary>
/// <param name="AttributeIndex">The attribute's index among the type's attributes.</param>
/// <param name="Size">The number of values of a row (the product of the dimensions, or the first one below 1).</param>
internal sealed record InputDeclaration(int AttributeIndex, int? Size)
{
    /// <summary>The arguments as written: 1, 2 or 3 dimensions (empty when malformed).</summary>
    public EquatableArray<int> Dimensions { get; init; } = EquatableArray<int>.Empty;
}

/// <summary>
/// A <c>[Conv1D]</c>, <c>[Conv2D]</c>, <c>[MaxPool1D]</c>, <c>[MaxPool2D]</c>, <c>[AvgPool1D]</c>, <c>[AvgPool2D]</c>,
/// <c>[GlobalAvgPool]</c> or <c>[Flatten]</c> attribute; values the kind has not are <see langword="null"/>.
/// </summary>
/// <param name="AttributeIndex">The attribute's index among the type's attributes.</param>
/// <param name="Kind">The attribute's name without <c>Attribute</c>, e.g. <c>Conv2D</c>.</param>
/// <param name="Filters">A convolution's filters.</param>
/// <param name="Size">A convolution's kernel size or a pooling window's size.</param>
/// <param name="Activation">A convolution's activation.</param>
/// <param name="Alpha">A convolution's LeakyReLU slope or ELU scale, when set.</param>
/// <param name="Stride">The step between windows (a pool's defaults to its size).</param>
/// <param name="Padding">A convolution's zero padding.</param>
/// <param name="Dilation">A convolution's dilation.</param>
internal sealed record SpatialLayerDeclaration(
    int AttributeIndex,
    string Kind,
    int? Filters,
    int? Size,
    Activation? Activation,
    float? Alpha,
    int? Stride,
    int? Padding,
    int? Dilation)
{
    /// <summary>A <c>Conv1D</c> or <c>Conv2D</c>.</summary>
    public bool IsConvolution => Kind is "Conv1D" or "Conv2D";

    /// <summary>A windowed pool (not the global one).</summary>
    public bool IsPooling => Kind is "MaxPool1D" or "MaxPool2D" or "AvgPool1D" or "AvgPool2D";

    /// <summary>The rank of the input shape it reads: 2 for the 1-D kinds, 3 for the 2-D ones, 0 for any.</summary>
    public int InputRank => Kind.EndsWith("1D", System.StringComparison.Ordinal) ? 2 : Kind.EndsWith("2D", System.StringComparison.Ordinal) ? 3 : 0;
}

/// <summary>A <c>[Dense(units, activation) { Alpha = … }]</c> attribute.</summary>
internal sealed record DenseDeclaration(int AttributeIndex, int? Units, Activation? Activation, float? Alpha);

/// <summary>A <c>[BatchNorm(activation) { Momentum, Epsilon, Alpha }]</c> or <c>[LayerNorm(activation) { Epsilon, Alpha }]</c> attribute.</summary>
/// <param name="AttributeIndex">The attribute's index among the type's attributes.</param>
/// <param name="Kind"><c>BatchNorm</c> or <c>LayerNorm</c>.</param>
/// <param name="Activation">The activation applied after normalising.</param>
/// <param name="Alpha">The LeakyReLU slope or ELU scale, when set.</param>
/// <param name="Momentum">BatchNorm's momentum (its default when not set); null for LayerNorm.</param>
/// <param name="Epsilon">The value added to the variance (its default when not set).</param>
internal sealed record NormalizationDeclaration(int AttributeIndex, string Kind, Activation? Activation, float? Alpha, float? Momentum, float? Epsilon)
{
    /// <summary>A <c>[BatchNorm]</c>.</summary>
    public bool IsBatch => Kind == "BatchNorm";
}

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
