using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using CompiledNN.Generators.Parsing;
using CompiledNN.Generators.Validation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CompiledNN.Generators.Diagnostics;

/// <summary>
/// Turns a <see cref="ValidationProblem"/> into a diagnostic at the narrowest place that is at fault: the argument
/// when one is named, else the attribute, else the type's name.
/// </summary>
internal static class ProblemLocator
{
    /// <summary>The diagnostic for <paramref name="problem"/> found on <paramref name="type"/>.</summary>
    public static Diagnostic ToDiagnostic(ValidationProblem problem, INamedTypeSymbol type, System.Threading.CancellationToken cancellationToken)
    {
        Location location = Locate(problem, type, cancellationToken);
        return Diagnostic.Create(problem.Descriptor, location, problem.Properties, problem.MessageArguments);
    }

    private static Location Locate(ValidationProblem problem, INamedTypeSymbol type, System.Threading.CancellationToken cancellationToken)
    {
        if (problem.Member is { } signature &&
            type.GetMembers().FirstOrDefault(m => !m.IsImplicitlyDeclared && NetworkParser.MemberSignature(m) == signature)?.Locations.FirstOrDefault() is { IsInSource: true } member)
        {
            return member;
        }

        ImmutableArray<AttributeData> attributes = type.GetAttributes();
        if (problem.AttributeIndex >= 0 && problem.AttributeIndex < attributes.Length &&
            attributes[problem.AttributeIndex].ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax attribute)
        {
            return ArgumentOf(attribute, attributes[problem.AttributeIndex].AttributeConstructor, problem.Argument)?.GetLocation() ?? attribute.GetLocation();
        }

        return type.Locations.FirstOrDefault() ?? Location.None;
    }

    /// <summary>
    /// The argument named <paramref name="argument"/>, or the constructor argument at that 0-based position when it is
    /// a number, whether written positionally or as <c>name: value</c>.
    /// </summary>
    private static AttributeArgumentSyntax? ArgumentOf(AttributeSyntax attribute, IMethodSymbol? constructor, string? argument)
    {
        if (argument is null || attribute.ArgumentList is not { } list)
        {
            return null;
        }

        if (int.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out int position))
        {
            string? parameter = constructor is not null && position < constructor.Parameters.Length ? constructor.Parameters[position].Name : null;
            AttributeArgumentSyntax? named = list.Arguments.FirstOrDefault(a => a.NameColon is not null && a.NameColon.Name.Identifier.ValueText == parameter);
            var constructorArguments = list.Arguments.Where(static a => a.NameEquals is null).ToList();
            return named ?? (position < constructorArguments.Count && constructorArguments[position].NameColon is null ? constructorArguments[position] : null);
        }

        return list.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == argument);
    }
}
