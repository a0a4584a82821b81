using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace CompiledNN.Generators.Parsing;

/// <summary>A <c>[Weights(path) { InferenceOnly = …, Quantization = … }]</c> attribute as written.</summary>
/// <param name="AttributeIndex">The index of the attribute among the type's attributes.</param>
/// <param name="Path">The path argument, or <see langword="null"/> when it is not a constant string.</param>
/// <param name="InferenceOnly">The <c>InferenceOnly</c> option.</param>
/// <param name="Quantization">The <c>Quantization</c> option, possibly a value the enum does not define.</param>
internal sealed record WeightsDeclaration(int AttributeIndex, string? Path, bool InferenceOnly, Quantization Quantization = Quantization.None);

/// <summary>Reads the <c>[Weights]</c> attribute of a network type, judging nothing.</summary>
internal static class WeightsParser
{
    /// <summary>The type's <c>[Weights]</c>, or <see langword="null"/> when it has none.</summary>
    public static WeightsDeclaration? Parse(INamedTypeSymbol type) => Parse(type, AttributeNames.Weights);

    /// <summary>
    /// The type's attribute of <paramref name="attributeName"/> read as a baking of weights (a path, <c>InferenceOnly</c>,
    /// <c>Quantization</c>), or <see langword="null"/> when it has none: <c>[Weights]</c> and <c>[OnnxModel]</c> take the same options.
    /// </summary>
    public static WeightsDeclaration? Parse(INamedTypeSymbol type, string attributeName)
    {
        ImmutableArray<AttributeData> attributes = type.GetAttributes();
        for (int i = 0; i < attributes.Length; i++)
        {
            AttributeData attribute = attributes[i];
            if (attribute.AttributeClass?.ToDisplayString() != attributeName)
            {
                continue;
            }

            string? path = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
            bool inferenceOnly = false;
            Quantization quantization = Quantization.None;
            foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
            {
                if (argument.Key == "InferenceOnly" && argument.Value.Value is bool value)
                {
                    inferenceOnly = value;
                }
                else if (argument.Key == "Quantization" && argument.Value.Value is int level)
                {
                    quantization = (Quantization)level;
                }
            }

            return new WeightsDeclaration(i, path, inferenceOnly, quantization);
        }

        return null;
    }
}
