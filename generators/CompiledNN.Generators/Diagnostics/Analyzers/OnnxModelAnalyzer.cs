using System.Collections.Immutable;
using CompiledNN.Generators.Parsing;
using CompiledNN.Generators.Validation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CompiledNN.Generators.Diagnostics.Analyzers;

/// <summary>
/// Reports why an <c>[OnnxModel]</c> file cannot be compiled into its class: not found, damaged, an operator or graph
/// shape the importer does not map onto dense layers, or an imported network that breaks a rule of declared ones.
/// The rules are <see cref="OnnxModelValidator"/>'s, as the generator's, so the two always agree. With
/// <c>Quantization</c>, it reports that option's errors and, for int8, a note per layer.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OnnxModelAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.OnnxFileNotFound,
        DiagnosticDescriptors.OnnxFileAmbiguous,
        DiagnosticDescriptors.OnnxFileUnreadable,
        DiagnosticDescriptors.OnnxOpsetUnsupported,
        DiagnosticDescriptors.OnnxUnsupportedOperator,
        DiagnosticDescriptors.OnnxNotAChain,
        DiagnosticDescriptors.OnnxDynamicDimension,
        DiagnosticDescriptors.OnnxUnsupportedAttribute,
        DiagnosticDescriptors.OnnxUnsupportedElementType,
        DiagnosticDescriptors.OnnxInvalidNetwork,
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
            if (OnnxModelParser.Parse(type) is not { } onnx)
            {
                return;
            }

            OnnxModelCheck check = OnnxModelValidator.Check(NetworkParser.Parse(type, context.CancellationToken), onnx, context.Options.AdditionalFiles, context.CancellationToken);
            if (check.Problem is { } problem)
            {
                context.ReportDiagnostic(ProblemLocator.ToDiagnostic(problem, type, context.CancellationToken));
            }
            else if (check.Network is { } network)
            {
                foreach (ValidationProblem note in QuantizationValidator.Notes(network, onnx.Baking, network.Weights!.Parameters.AsSpan().ToArray()))
                {
                    context.ReportDiagnostic(ProblemLocator.ToDiagnostic(note, type, context.CancellationToken));
                }
            }
        }, SymbolKind.NamedType);
    }
}
