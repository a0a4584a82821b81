using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using CompiledNN.Generators.Model;
using CompiledNN.Generators.Parsing;
using CompiledNN.Generators.Validation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CompiledNN.Generators.Diagnostics.Analyzers;

/// <summary>
/// Reports what <see cref="NetworkValidator"/> finds on each type that declares a network: the same parser and
/// validator as the generator, so the generator's silence about an invalid network and the error here always agree.
/// For a valid network it also reports the resource budget and checks it against the project's MSBuild limits.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NetworkAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The MSBuild property with the most bytes of parameters a network may have.</summary>
    public const string MaxParameterBytesProperty = "CompiledNN_MaxParameterBytes";

    /// <summary>The MSBuild property with the most stack bytes one call may use.</summary>
    public const string MaxStackBytesProperty = "CompiledNN_MaxStackBytes";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.TypeNotPartial,
        DiagnosticDescriptors.ContainingTypeNotPartial,
        DiagnosticDescriptors.UnsupportedType,
        DiagnosticDescriptors.MissingInput,
        DiagnosticDescriptors.DuplicateInput,
        DiagnosticDescriptors.MissingLayer,
        DiagnosticDescriptors.SizeNotPositive,
        DiagnosticDescriptors.StepInTrainedNetwork,
        DiagnosticDescriptors.CrossEntropyWithoutSoftmax,
        DiagnosticDescriptors.BinaryCrossEntropyWithoutSigmoid,
        DiagnosticDescriptors.SoftmaxWithOneUnit,
        DiagnosticDescriptors.InvalidLearningRate,
        DiagnosticDescriptors.InvalidDecayRate,
        DiagnosticDescriptors.LayersInSeveralDeclarations,
        DiagnosticDescriptors.MemberCollision,
        DiagnosticDescriptors.TypeNameCollision,
        DiagnosticDescriptors.SeveralNetworkKinds,
        DiagnosticDescriptors.InvalidOptimizerValue,
        DiagnosticDescriptors.SoftmaxInHiddenLayer,
        DiagnosticDescriptors.UndefinedEnumValue,
        DiagnosticDescriptors.NetworkTooLarge,
        DiagnosticDescriptors.UnrolledLayerTooLarge,
        DiagnosticDescriptors.LayersWithoutNetwork,
        DiagnosticDescriptors.ParameterBudgetExceeded,
        DiagnosticDescriptors.StackBudgetExceeded,
        DiagnosticDescriptors.InvalidBudgetProperty,
        DiagnosticDescriptors.NetworkTooLargeForWeightsFile,
        DiagnosticDescriptors.MeanSquaredErrorWithSoftmax,
        DiagnosticDescriptors.IdentityHiddenLayer,
        DiagnosticDescriptors.DeepSaturatingStack,
        DiagnosticDescriptors.InitDoesNotMatchActivation,
        DiagnosticDescriptors.SlopeOutOfRange,
        DiagnosticDescriptors.LearningRateOutOfRange,
        DiagnosticDescriptors.OptionWithoutEffect,
        DiagnosticDescriptors.AlphaWithoutEffect,
        DiagnosticDescriptors.UnrolledLayerTooLargeForJit,
        DiagnosticDescriptors.HiddenLayerNarrowerThanClasses,
        DiagnosticDescriptors.AdamBetasUnbounded,
        DiagnosticDescriptors.InvalidHuberDelta,
        DiagnosticDescriptors.InvalidClipGradientNorm,
        DiagnosticDescriptors.RobustLossWithSoftmax,
        DiagnosticDescriptors.HuberDeltaWithoutHuber,
        DiagnosticDescriptors.ClipGradientNormTooSmall,
        DiagnosticDescriptors.DropoutRateOutOfRange,
        DiagnosticDescriptors.DropoutAfterOutputLayer,
        DiagnosticDescriptors.HighDropoutRate,
        DiagnosticDescriptors.DropoutInInferenceOnlyNetwork,
        DiagnosticDescriptors.KernelLargerThanInput,
        DiagnosticDescriptors.PaddingBelowZero,
        DiagnosticDescriptors.StrideOrDilationBelowOne,
        DiagnosticDescriptors.LayerAfterFlatShape,
        DiagnosticDescriptors.PoolingLeavesNoElement,
        DiagnosticDescriptors.WrongInputRank,
        DiagnosticDescriptors.ConvolutionNotSupported,
        DiagnosticDescriptors.MomentumOutOfRange,
        DiagnosticDescriptors.NormalizationEpsilonNotPositive,
        DiagnosticDescriptors.LayerNormAfterChannels,
        DiagnosticDescriptors.NormalizationNotBakeable,
        DiagnosticDescriptors.BatchNormSoftmaxOutput,
        DiagnosticDescriptors.LayerNormSingleFeature,
        DiagnosticDescriptors.BatchNormRegressionOutput,
        DiagnosticDescriptors.DropoutBeforeBatchNorm,
        DiagnosticDescriptors.StrideSkipsInput,
        DiagnosticDescriptors.ResourceBudget);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            // Bail out of compilations that do not reference CompiledNN at all.
            if (start.Compilation.GetTypeByMetadataName(AttributeNames.Network) is not { } network)
            {
                return;
            }

            INamedTypeSymbol? input = start.Compilation.GetTypeByMetadataName(AttributeNames.Input);
            INamedTypeSymbol? dense = start.Compilation.GetTypeByMetadataName(AttributeNames.Dense);
            var options = start.Options.AnalyzerConfigOptionsProvider.GlobalOptions;
            options.TryGetValue("build_property." + MaxParameterBytesProperty, out string? maxParameterBytes);
            options.TryGetValue("build_property." + MaxStackBytesProperty, out string? maxStackBytes);

            start.RegisterSymbolAction(
                context => AnalyzeType(context, network, input, dense, maxParameterBytes, maxStackBytes),
                SymbolKind.NamedType);
        });
    }

    private static void AnalyzeType(
        SymbolAnalysisContext context,
        INamedTypeSymbol network,
        INamedTypeSymbol? input,
        INamedTypeSymbol? dense,
        string? maxParameterBytes,
        string? maxStackBytes)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        ImmutableArray<AttributeData> attributes = type.GetAttributes();
        bool isNetwork = attributes.Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, network));
        bool hasLayers = attributes.Any(a =>
            SymbolEqualityComparer.Default.Equals(a.AttributeClass, input) || SymbolEqualityComparer.Default.Equals(a.AttributeClass, dense));
        if (!isNetwork && !hasLayers)
        {
            return;
        }

        // On an [OnnxModel] class, [Network] only adds training options; OnnxModelAnalyzer judges the imported network.
        if (attributes.Any(static a => a.AttributeClass?.ToDisplayString() == AttributeNames.OnnxModel))
        {
            return;
        }

        NetworkDeclaration declaration = NetworkParser.Parse(type, context.CancellationToken);
        List<ValidationProblem> problems = NetworkValidator.Validate(declaration);
        if (isNetwork && NetworkValidator.ToSpec(declaration) is { } spec)
        {
            ResourceLimits limits = NetworkValidator.ReadLimits(maxParameterBytes, maxStackBytes, declaration.NetworkAttributeIndex, problems);
            problems.AddRange(NetworkValidator.ValidateBudget(spec, declaration.NetworkAttributeIndex, limits));
            problems.Add(NetworkValidator.DescribeBudget(spec, declaration.NetworkAttributeIndex));
            if (WeightsParser.Parse(type) is { } weights)
            {
                problems.AddRange(DropoutRules.ValidateInferenceOnly(declaration, weights));
                if (spec.HasNormalizationLayers)
                {
                    problems.Add(new ValidationProblem(DiagnosticDescriptors.NormalizationNotBakeable, weights.AttributeIndex, null, type.Name));
                }
                else if (spec.HasSpatialLayers && weights.Quantization == Quantization.Int8)
                {
                    problems.Add(new ValidationProblem(DiagnosticDescriptors.ConvolutionNotSupported, weights.AttributeIndex, null, type.Name, "Quantization = Quantization.Int8"));
                }
            }
        }

        foreach (ValidationProblem problem in problems)
        {
            context.ReportDiagnostic(ProblemLocator.ToDiagnostic(problem, type, context.CancellationToken));
        }
    }
}
