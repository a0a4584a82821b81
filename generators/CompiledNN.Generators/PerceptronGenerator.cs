using CompiledNN.Generators.Emit;
using CompiledNN.Generators.Model;
using CompiledNN.Generators.Parsing;
using CompiledNN.Generators.Validation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CompiledNN.Generators;

/// <summary>Turns each <c>[Perceptron]</c> class into a single-layer perceptron with the perceptron learning rule.</summary>
[Generator(LanguageNames.CSharp)]
public sealed class PerceptronGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // The transform returns a PerceptronSpec, which compares by value and holds nothing from the compilation, so an
        // edit that leaves the perceptron as it was stops here.
        IncrementalValuesProvider<PerceptronSpec?> specs = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeNames.Perceptron,
                static (node, _) => node is TypeDeclarationSyntax,
                static (context, cancellationToken) =>
                    PerceptronValidator.ToSpec(ClassicModelParser.ParsePerceptron((INamedTypeSymbol)context.TargetSymbol, cancellationToken)))
            .WithTrackingName(TrackingNames.PerceptronSpecs);

        // Invalid declarations produce no code; the analyzer reports why.
        IncrementalValuesProvider<PerceptronSpec> valid = specs
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .WithTrackingName(TrackingNames.ValidPerceptrons);

        context.RegisterSourceOutput(valid, static (context, perceptron) =>
        {
            SourceFile file = PerceptronEmitter.Emit(perceptron);
            context.AddSource(file.HintName, file.Text);
        });
    }
}
