using System.Collections.Generic;
using System.Collections.Immutable;
using CompiledNN.Generators.Parsing;
using CompiledNN.Generators.Validation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CompiledNN.Generators.Diagnostics.Analyzers;

/// <summary>
/// Reports what is wrong with a <c>[Neuron]</c> or <c>[Perceptron]</c> declaration, from the same validators the
/// generators use, at the argument at fault.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ClassicModelAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.TypeNotPartial,
        DiagnosticDescriptors.ContainingTypeNotPartial,
        DiagnosticDescriptors.UnsupportedType,
        DiagnosticDescriptors.MemberCollision,
        DiagnosticDescriptors.TypeNameCollision,
        DiagnosticDescriptors.SeveralNetworkKinds,
        DiagnosticDescriptors.NeuronWithoutWeights,
        DiagnosticDescriptors.NeuronWeightCountMismatch,
        DiagnosticDescriptors.NeuronValueNotFinite,
        DiagnosticDescriptors.PerceptronSizeNotPositive,
        DiagnosticDescriptors.PerceptronLearningRateInvalid,
        DiagnosticDescriptors.NetworkTooLarge);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            // Without the runtime library there is nothing to check.
            INamedTypeSymbol? neuron = start.Compilation.GetTypeByMetadataName(AttributeNames.Neuron);
            INamedTypeSymbol? perceptron = start.Compilation.GetTypeByMetadataName(AttributeNames.Perceptron);
            if (neuron is null && perceptron is null)
            {
                return;
            }

            start.RegisterSymbolAction(context => Analyze(context, neuron, perceptron), SymbolKind.NamedType);
        });
    }

    private static void Analyze(SymbolAnalysisContext context, INamedTypeSymbol? neuron, INamedTypeSymbol? perceptron)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        foreach (AttributeData attribute in type.GetAttributes())
        {
            List<ValidationProblem>? problems = null;
            if (neuron is not null && SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, neuron))
            {
                problems = NeuronValidator.Validate(ClassicModelParser.ParseNeuron(type, context.CancellationToken));
            }
            else if (perceptron is not null && SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, perceptron))
            {
                problems = PerceptronValidator.Validate(ClassicModelParser.ParsePerceptron(type, context.CancellationToken));
            }

            foreach (ValidationProblem problem in problems ?? [])
            {
                context.ReportDiagnostic(ProblemLocator.ToDiagnostic(problem, type, context.CancellationToken));
            }
        }
    }
}
