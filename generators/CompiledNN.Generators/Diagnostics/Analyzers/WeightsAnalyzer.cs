using System.Collections.Immutable;
using System.Linq;
using CompiledNN.Generators.Model;
using CompiledNN.Generators.Parsing;
using CompiledNN.Generators.Validation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CompiledNN.Generators.Diagnostics.Analyzers;

/// <summary>
/// Reports why a <c>[Weights]</c> file cannot be baked into a network: not found among the AdditionalFiles, found
/// more than once, damaged, or saved for another architecture. The generator skips such a network; the rules are
/// <see cref="WeightsValidator"/>'s, so the two always agree. Networks whose declaration has errors of its own are
/// left to the network analyzer. A <c>[Weights]</c> on a type that is not a network would be ignored, so it is
/// reported too. With <c>Quantization</c>, it reports that option's errors and, for int8, a note per layer.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class WeightsAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.WeightsFileNotFound,
        DiagnosticDescriptors.WeightsArchitectureMismatch,
        DiagnosticDescriptors.WeightsFileCorrupt,
        DiagnosticDescriptors.WeightsFileAmbiguous,
        DiagnosticDescriptors.WeightsWithoutNetwork,
        DiagnosticDescriptors.QuantizationWithoutInferenceOnly,
        DiagnosticDescriptors.QuantizationScaleInvalid,
        DiagnosticDescriptors.QuantizationUnknown,
        DiagnosticDescriptors.LayerRunsInInt8,
        DiagnosticDescriptors.LayerStaysFloat);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSymbolAction(static context =>
        {
            var type = (INamedTypeSymbol)context.Symbol;
            if (WeightsParser.Parse(type) is not { } weights)
            {
                return;
            }

            if (!type.GetAttributes().Any(static a => a.AttributeClass?.ToDisplayString() == AttributeNames.Network))
            {
                var ignored = new ValidationProblem(DiagnosticDescriptors.WeightsWithoutNetwork, weights.AttributeIndex, null, type.Name);
                context.ReportDiagnostic(ProblemLocator.ToDiagnostic(ignored, type, context.CancellationToken));
                return;
            }

            if (NetworkValidator.ToSpec(NetworkParser.Parse(type, context.CancellationToken)) is not { } network)
            {
                return;
            }

            if (!NetworkValidator.CanBake(network, weights.Quantization))
            {
                // NetworkAnalyzer reports CNN0038 or CNN0046: the file is not read for a network that cannot bake it.
                return;
            }

            WeightsCheck check = WeightsValidator.Check(network, weights, context.Options.AdditionalFiles, context.CancellationToken);
            if (check.Problem is { } problem)
            {
                context.ReportDiagnostic(ProblemLocator.ToDiagnostic(problem, type, context.CancellationToken));
            }
            else
            {
                foreach (ValidationProblem note in QuantizationValidator.Notes(network, weights, check.Parameters!))
                {
                    context.ReportDiagnostic(ProblemLocator.ToDiagnostic(note, type, context.CancellationToken));
                }
            }
        }, SymbolKind.NamedType);
    }
}
