using Microsoft.CodeAnalysis;

namespace CompiledNN.Generators.Diagnostics;

/// <summary>The diagnostics of the layers beyond <c>[Dense]</c> (CNN0033–CNN0045, CNN1016–CNN1025).</summary>
internal static partial class DiagnosticDescriptors
{
    public static readonly DiagnosticDescriptor DropoutRateOutOfRange = Error(
        "CNN0033", Declaration,
        "Dropout rate must be in [0, 1)",
        "The dropout rate of '{0}' is {1}; it must be at least 0 and below 1 (the probability of zeroing a value), e.g. [Dropout(0.2f)]");

    public static readonly DiagnosticDescriptor DropoutAfterOutputLayer = Error(
        "CNN0034", Declaration,
        "Dropout after the output layer",
        "'{0}' declares [Dropout] after its output layer, which would drop outputs the loss compares with the targets; declare dropout between hidden layers");

    public static readonly DiagnosticDescriptor HighDropoutRate = Warning(
        "CNN1016", Training,
        "Dropout rate above 0.5",
        "The dropout rate of '{0}' is {1}: more than half of the values are zeroed in every training step, which slows training and rarely generalises better; rates of 0.1 to 0.5 are usual");

    public static readonly DiagnosticDescriptor DropoutInInferenceOnlyNetwork = Warning(
        "CNN1017", Design,
        "Dropout in an inference-only network",
        "'{0}' is inference only ([Weights(…, InferenceOnly = true)]), and [Dropout] acts in training alone, so here it passes its inputs through and does nothing; remove it");
}
