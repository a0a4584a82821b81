using CompiledNN.Generators.Emit;
using CompiledNN.Generators.Model;
using CompiledNN.Generators.Parsing;
using CompiledNN.Generators.Planning;
using CompiledNN.Generators.Validation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CompiledNN.Generators;

/// <summary>
/// Turns each <c>[OnnxModel]</c> class into a network: the ONNX file becomes an ordinary <see cref="NetworkSpec"/> with
/// the file's weights baked in, and from there the planner and emitters of <c>[Network]</c> do the rest.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class OnnxModelGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // The class as written (its [Network] options, shape and members) and the attribute compare by value, so an
        // edit elsewhere stops here; the file is read only when they or the AdditionalFiles change.
        IncrementalValuesProvider<(NetworkDeclaration Declared, OnnxModelDeclaration Onnx)> declarations = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeNames.OnnxModel,
                static (node, _) => node is TypeDeclarationSyntax,
                static (context, cancellationToken) =>
                {
                    var type = (INamedTypeSymbol)context.TargetSymbol;
                    return FirstApplication.Is(context) ? (Declared: NetworkParser.Parse(type, cancellationToken), Onnx: OnnxModelParser.Parse(type)!) : default((NetworkDeclaration Declared, OnnxModelDeclaration Onnx));
                })
            .Where(static declaration => declaration.Onnx is not null)
            .WithTrackingName(TrackingNames.OnnxDeclarations);

        // A file that does not import produces no code; the analyzer reports why.
        IncrementalValuesProvider<NetworkPlan> plans = declarations
            .Combine(context.AdditionalTextsProvider.Collect())
            .Select(static (pair, cancellationToken) => OnnxModelValidator.Check(pair.Left.Declared, pair.Left.Onnx, pair.Right, cancellationToken).Network)
            .Where(static network => network is not null)
            .Select(static (network, _) => Planner.Plan(network!))
            .WithTrackingName(TrackingNames.OnnxPlans);

        context.RegisterSourceOutput(plans, static (context, network) =>
        {
            foreach (SourceFile file in NetworkEmitter.Emit(network))
            {
                context.AddSource(file.HintName, file.Text);
            }
        });
    }
}
