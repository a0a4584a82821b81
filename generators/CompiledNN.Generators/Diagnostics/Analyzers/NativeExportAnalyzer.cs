using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using CompiledNN.Generators.Parsing;
using CompiledNN.Generators.Validation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CompiledNN.Generators.Diagnostics.Analyzers;

/// <summary>
/// Reports why a <c>[NativeExport]</c> exports nothing: a prefix that is not a C identifier, a target framework
/// without <c>UnmanagedCallersOnlyAttribute</c>, no <c>[Network]</c> on the type; and, once every type is seen, two
/// networks that would export the same C names. The per-type rules are <see cref="NativeExportValidator"/>'s, which
/// the generator follows too.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NativeExportAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.ExportPrefixNotCIdentifier,
        DiagnosticDescriptors.ExportPrefixTaken,
        DiagnosticDescriptors.NativeExportUnavailable,
        DiagnosticDescriptors.NativeExportWithoutNetwork);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            if (start.Compilation.GetTypeByMetadataName(AttributeNames.NativeExport) is null)
            {
                return;
            }

            // Every exporting network by prefix, to find the prefixes taken twice at the end.
            var exporters = new ConcurrentDictionary<string, ConcurrentBag<(INamedTypeSymbol Type, int AttributeIndex)>>(System.StringComparer.Ordinal);
            start.RegisterSymbolAction(context =>
            {
                var type = (INamedTypeSymbol)context.Symbol;
                if (NativeExportParser.Parse(type) is not { } export)
                {
                    return;
                }

                ValidationProblem? problem = !type.GetAttributes().Any(static a => a.AttributeClass?.ToDisplayString() == AttributeNames.Network)
                    ? new ValidationProblem(DiagnosticDescriptors.NativeExportWithoutNetwork, export.AttributeIndex, null, type.Name)
                    : NativeExportValidator.Check(export, type, context.Compilation);
                if (problem is not null)
                {
                    context.ReportDiagnostic(ProblemLocator.ToDiagnostic(problem, type, context.CancellationToken));
                    return;
                }

                exporters.GetOrAdd(export.Prefix!, static _ => []).Add((type, export.AttributeIndex));
            }, SymbolKind.NamedType);

            start.RegisterCompilationEndAction(end =>
            {
                foreach (var pair in exporters)
                {
                    var types = pair.Value.OrderBy(static t => t.Type.ToDisplayString(), System.StringComparer.Ordinal).ToList();
                    for (int i = 1; i < types.Count; i++)
                    {
                        var taken = new ValidationProblem(DiagnosticDescriptors.ExportPrefixTaken, types[i].AttributeIndex, "0", types[0].Type.Name, types[i].Type.Name, pair.Key);
                        end.ReportDiagnostic(ProblemLocator.ToDiagnostic(taken, types[i].Type, end.CancellationToken));
                    }
                }
            });
        });
    }
}
