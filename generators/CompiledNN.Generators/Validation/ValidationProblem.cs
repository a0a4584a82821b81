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
}
