using System.Collections.Generic;
using System.Collections.Immutable;
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
    public static OnnxModelDeclaration? Parse(INamedTypeSymbol type)
    {
        ImmutableArray<AttributeData> attributes = type.GetAttributes();
        for (int i = 0; i < attributes.Length; i++)
        {
            AttributeData attribute = attributes[i];
            if (attribute.AttributeClass?.ToDisplayString() != AttributeNames.OnnxModel)
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

            return new OnnxModelDeclaration(i, path, inferenceOnly, quantization);
        }

        return null;
    }
}
