using Microsoft.CodeAnalysis;

namespace CompiledNN.Generators.Parsing;

/// <summary>An <c>[OnnxModel(path) { InferenceOnly = …, Quantization = … }]</c> attribute as written.</summary>
/// <param name="AttributeIndex">The index of the attribute among the type's attributes.</param>
/// <param name="Path">The path argument, or <see langword="null"/> when it is not a constant string.</param>
/// <param name="InferenceOnly">The <c>InferenceOnly</c> option.</param>
/// <param name="Quantization">The <c>Quantization</c> option, possibly a value the enum does not define.</param>
internal sealed record OnnxModelDeclaration(int AttributeIndex, string? Path, bool InferenceOnly, Quantization Quantization = Quantization.None)
{
    /// <summary>The options the file's weights are baked with, in the form <c>[Weights]</c> declares them.</summary>
    public WeightsDeclaration Baking => new(AttributeIndex, Path, InferenceOnly, Quantization);
}

/// <summary>Reads the <c>[OnnxModel]</c> attribute of a type, judging nothing.</summary>
internal static class OnnxModelParser
{
    /// <summary>The type's <c>[OnnxModel]</c>, or <see langword="null"/> when it has none.</summary>
    public static OnnxModelDeclaration? Parse(INamedTypeSymbol type) =>
        WeightsParser.Parse(type, AttributeNames.OnnxModel) is { } baking
            ? new OnnxModelDeclaration(baking.AttributeIndex, baking.Path, baking.InferenceOnly, baking.Quantization)
            : null;
}
