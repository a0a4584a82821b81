using CompiledNN.Generators.Emit;
using CompiledNN.Generators.Model;
using CompiledNN.Generators.Parsing;
using CompiledNN.Generators.Planning;
using CompiledNN.Generators.Validation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CompiledNN.Generators;

/// <summary>
/// Turns each <c>[Network]</c> class into size-specialised C#. The pipeline only connects the phases: the parser
/// reads the attributes, the validator checks them and resolves defaults, the planner decides how the code runs, the
/// emitters print it.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class NetworkGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // The transform runs for the attributed class on every edit, so it returns a NetworkSpec, which compares by
        // value and holds nothing from the compilation: an edit that leaves the network as it was stops here.
        IncrementalValuesProvider<NetworkSpec?> specs = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeNames.Network,
                static (node, _) => node is TypeDeclarationSyntax,
                static (context, cancellationToken) => FirstApplication.Is(context) ? ReadSpec((INamedTypeSymbol)context.TargetSymbol, context.SemanticModel.Compilation, cancellationToken) : null)
            .WithTrackingName(TrackingNames.NetworkSpecs);

        // A [Weights] file is read from the AdditionalFiles: the texts are combined with each spec and only the matching
        // file is parsed, into parameters that compare by value, so an edit elsewhere leaves the output cached.
        // Invalid declarations and weights files that do not pass produce no code; the analyzers report why.
        IncrementalValuesProvider<NetworkSpec> valid = specs
            .Where(static spec => spec is not null)
            .Combine(context.AdditionalTextsProvider.Collect())
            .Select(static (pair, cancellationToken) => WeightsValidator.Bake(pair.Left!, pair.Right, cancellationToken))
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .WithTrackingName(TrackingNames.ValidNetworks);

        // Every code-shape decision is made once, here; the plan compares by value, so an unchanged plan stops the pipeline.
        IncrementalValuesProvider<NetworkPlan> plans = valid
            .Select(static (spec, _) => Planner.Plan(spec))
            .WithTrackingName(TrackingNames.NetworkPlans);

        context.RegisterSourceOutput(plans, static (context, network) =>
        {
            foreach (SourceFile file in NetworkEmitter.Emit(network))
            {
                context.AddSource(file.HintName, file.Text);
            }
        });
    }

    private static NetworkSpec? ReadSpec(INamedTypeSymbol type, Compilation compilation, System.Threading.CancellationToken cancellationToken)
    {
        NetworkSpec? spec = NetworkValidator.ToSpec(NetworkParser.Parse(type, cancellationToken));
        if (spec is null)
        {
            return null;
        }

        if (WeightsParser.Parse(type) is { } weights)
        {
            if (!NetworkValidator.CanBake(spec, weights.Quantization))
            {
                // Baking normalisations and int8 convolutions is not written yet: the analyzer reports CNN0038 or CNN0046 and nothing is generated.
                return null;
            }

            spec = spec with { Weights = new WeightsSpec(weights.Path ?? "", weights.InferenceOnly, Helpers.EquatableArray<float>.Empty, weights.Quantization) };
        }

        // An export the analyzer rejects is left out; the network itself is still generated.
        return NativeExportParser.Parse(type) is { } export && NativeExportValidator.Check(export, type, compilation) is null
            ? spec with { NativeExport = export.Prefix }
            : spec;
    }
}
