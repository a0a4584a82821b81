using System.Linq;
using Microsoft.CodeAnalysis;

namespace CompiledNN.Generators.Parsing;

/// <summary>Picks one of several partial declarations that carry the same model attribute.</summary>
internal static class FirstApplication
{
    /// <summary>
    /// Whether <paramref name="context"/> is the type's first application of its attribute. An attribute written on two
    /// partial declarations (the compiler reports CS0579) reaches the pipeline once per declaration; only the first may
    /// generate, or the same files would be added twice and the generator would fail.
    /// </summary>
    public static bool Is(GeneratorAttributeSyntaxContext context)
    {
        // context.Attributes holds the matching attributes of the whole syntax tree, so compare with the target node.
        INamedTypeSymbol? attributeClass = context.Attributes[0].AttributeClass;
        AttributeData? first = context.TargetSymbol.GetAttributes()
            .FirstOrDefault(attribute => SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeClass));
        return first?.ApplicationSyntaxReference is not { } reference ||
            (reference.SyntaxTree == context.TargetNode.SyntaxTree && context.TargetNode.Span.Contains(reference.Span));
    }
}
