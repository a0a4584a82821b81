using System;
using System.Threading;
using CompiledNN.Generators.Emit;
using CompiledNN.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CompiledNN.Generators;

/// <summary>The pipeline of a classic model, which gets one file: attribute → spec (null when invalid) → source.</summary>
internal static class ClassicModelPipeline
{
    /// <summary>Registers the pipeline of the model marked by <paramref name="attribute"/>.</summary>
    /// <param name="context">The generator's context.</param>
    /// <param name="attribute">The attribute's metadata name.</param>
    /// <param name="toSpec">Parses and validates the attributed type; <see langword="null"/> when it has an error.</param>
    /// <param name="emit">Writes the model's file.</param>
    /// <param name="specsStep">The tracking name of the spec step.</param>
    /// <param name="validStep">The tracking name of the valid specs.</param>
    public static void Register<TSpec>(
        IncrementalGeneratorInitializationContext context,
        string attribute,
        Func<INamedTypeSymbol, CancellationToken, TSpec?> toSpec,
        Func<TSpec, SourceFile> emit,
        string specsStep,
        string validStep)
        where TSpec : class
    {
        // The transform returns a spec, which compares by value and holds nothing from the compilation, so an edit
        // that leaves the model as it was stops here.
        IncrementalValuesProvider<TSpec?> specs = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                attribute,
                static (node, _) => node is TypeDeclarationSyntax,
                (context, cancellationToken) => FirstApplication.Is(context) ? toSpec((INamedTypeSymbol)context.TargetSymbol, cancellationToken) : null)
            .WithTrackingName(specsStep);

        // Invalid declarations produce no code; the analyzer reports why.
        IncrementalValuesProvider<TSpec> valid = specs
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .WithTrackingName(validStep);

        context.RegisterSourceOutput(valid, (context, spec) =>
        {
            SourceFile file = emit(spec);
            context.AddSource(file.HintName, file.Text);
        });
    }
}
