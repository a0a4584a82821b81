using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace CompiledNN.Generators.Validation;

/// <summary>One rule a declaration breaks, and where: the analyzer turns it into a diagnostic at that place.</summary>
/// <param name="Descriptor">The rule.</param>
/// <param name="AttributeIndex">The index of the offending attribute among the type's attributes, or -1 for the type itself.</param>
/// <param name="Argument">The named argument or 0-based constructor position (as text) at fault, if a single argument is.</param>
/// <param name="MessageArguments">The values for the message's placeholders.</param>
internal sealed record ValidationProblem(DiagnosticDescriptor Descriptor, int AttributeIndex, string? Argument, params object[] MessageArguments)
{
    /// <summary>Whether the rule keeps the generator from emitting code.</summary>
    public bool IsError => Descriptor.DefaultSeverity == DiagnosticSeverity.Error;

    /// <summary>
    /// The user member at fault, written as <see cref="Parsing.NetworkParser.MemberSignature"/> writes it, when the
    /// problem is a member rather than an attribute.
    /// </summary>
    public string? Member { get; init; }

    /// <summary>What a code fix needs to repair the problem mechanically (see <see cref="FixProperties"/>); empty when no fix is mechanical.</summary>
    public ImmutableDictionary<string, string?> Properties { get; init; } = ImmutableDictionary<string, string?>.Empty;
}

/// <summary>The keys of <see cref="ValidationProblem.Properties"/>, which travel with the diagnostic to the code fixes.</summary>
internal static class FixProperties
{
    /// <summary>The C# expression the offending argument should become (added when the argument is missing).</summary>
    public const string Replacement = nameof(Replacement);

    /// <summary>Present when the offending argument should be removed.</summary>
    public const string Remove = nameof(Remove);

    public static ImmutableDictionary<string, string?> Replace(string expression) =>
        ImmutableDictionary<string, string?>.Empty.Add(Replacement, expression);

    public static ImmutableDictionary<string, string?> RemoveArgument { get; } =
        ImmutableDictionary<string, string?>.Empty.Add(Remove, "true");
}
