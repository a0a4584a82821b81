using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace CompiledNN.Generators.Parsing;

/// <summary>A <c>[NativeExport]</c> as written: the attribute's position among the type's attributes and its prefix.</summary>
internal sealed record NativeExportDeclaration(int AttributeIndex, string? Prefix);

/// <summary>Reads a type's <c>[NativeExport]</c>.</summary>
internal static class NativeExportParser
{
    /// <summary>The type's <c>[NativeExport]</c>, or null if it has none.</summary>
    public static NativeExportDeclaration? Parse(INamedTypeSymbol type)
    {
        ImmutableArray<AttributeData> attributes = type.GetAttributes();
        for (int i = 0; i < attributes.Length; i++)
        {
            if (attributes[i].AttributeClass?.ToDisplayString() == AttributeNames.NativeExport)
            {
                ImmutableArray<TypedConstant> arguments = attributes[i].ConstructorArguments;
                return new NativeExportDeclaration(i, arguments.Length == 1 ? arguments[0].Value as string : null);
            }
        }

        return null;
    }
}
