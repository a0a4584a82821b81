using CompiledNN.Generators.Emit;
using CompiledNN.Generators.Model;
using CompiledNN.Generators.Parsing;
using CompiledNN.Generators.Validation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CompiledNN.Generators;

/// <summary>Turns each <c>[Neuron]</c> class into a McCulloch-Pitts neuron with its weights folded into the code.</summary>
[Generator(LanguageNames.CSharp)]
public sealed class NeuronGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // The transform returns a NeuronSpec, which compares by value and holds nothing from the compilation, so an
        // edit that leaves the neuron as it was stops here.
        IncrementalValuesProvider<NeuronSpec?> specs = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeNames.Neuron,
                static (node, _) => node is TypeDeclarationSyntax,
                static (context, cancellationToken) =>
                    NeuronValidator.ToSpec(ClassicModelParser.ParseNeuron((INamedTypeSymbol)context.TargetSymbol, cancellationToken)))
            .WithTrackingName(TrackingNames.NeuronSpecs);

        // Invalid declarations produce no code; the analyzer reports why.
        IncrementalValuesProvider<NeuronSpec> valid = specs
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .WithTrackingName(TrackingNames.ValidNeurons);

        context.RegisterSourceOutput(valid, static (context, neuron) =>
        {
            SourceFile file = NeuronEmitter.Emit(neuron);
            context.AddSource(file.HintName, file.Text);
        });
    }
}
