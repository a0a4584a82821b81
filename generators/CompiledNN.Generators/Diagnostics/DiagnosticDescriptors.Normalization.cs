using Microsoft.CodeAnalysis;

namespace CompiledNN.Generators.Diagnostics;

/// <summary>The diagnostics of <c>[BatchNorm]</c> and <c>[LayerNorm]</c> (CNN0035–CNN0039, CNN1030–CNN1039).</summary>
internal static partial class DiagnosticDescriptors
{
    public static readonly DiagnosticDescriptor MomentumOutOfRange = Error(
        "CNN0035", Declaration,
        "BatchNorm momentum must be in (0, 1]",
        "The momentum of layer {0} ([BatchNorm]) is {1}; it must be above 0 and at most 1 (the weight of a batch's statistics in the running ones, as PyTorch), e.g. 0.1f");

    public static readonly DiagnosticDescriptor NormalizationEpsilonNotPositive = Error(
        "CNN0036", Declaration,
        "Normalisation epsilon must be greater than 0",
        "The epsilon of layer {0} ([{1}]) is {2}; it must be finite and greater than 0, or a feature of constant value divides by zero; use 1e-5f");

    public static readonly DiagnosticDescriptor LayerNormAfterChannels = Error(
        "CNN0037", Declaration,
        "LayerNorm needs a flat shape",
        "Layer {0} ([LayerNorm]) follows a shape of {1} with channels; it normalises a flat row of features, so declare it after [Flatten], [GlobalAvgPool] or [Dense], or use [BatchNorm] for channels");

    public static readonly DiagnosticDescriptor NormalizationNotBakeable = Error(
        "CNN0038", Declaration,
        "Baked weights do not support normalisation layers yet",
        "'{0}' has [BatchNorm] or [LayerNorm] layers, and [Weights] (baked weights, InferenceOnly and Quantization) does not support them yet; remove [Weights] and load the file with LoadParameters");

    public static readonly DiagnosticDescriptor BatchNormSoftmaxOutput = Warning(
        "CNN1030", Design,
        "BatchNorm normalises the logits of a Softmax output",
        "Layer {0} ([BatchNorm(Activation.Softmax)]) normalises each class's logit over the batch before the Softmax, so in training every class gets the same mean logit β in every batch whatever the data, and the predictions (running statistics) differ from what training saw; normalise a hidden layer and end with [Dense(classes, Activation.Softmax)]");

    public static readonly DiagnosticDescriptor LayerNormSingleFeature = Warning(
        "CNN1031", Design,
        "LayerNorm over a single feature",
        "Layer {0} ([LayerNorm]) normalises rows of one feature, whose value minus its own mean is always 0, so its output is β whatever the input and nothing before it can learn; normalise a wider layer or remove it");

    public static readonly DiagnosticDescriptor BatchNormRegressionOutput = Warning(
        "CNN1032", Design,
        "BatchNorm as the output of a regression",
        "Layer {0} ([BatchNorm]) is the output layer of a regression, so in training the outputs of each batch are forced to mean β and standard deviation |γ| whatever the targets of that batch, and the predictions depend on the running statistics; end with [Dense(outputs)] after the normalisation");

    public static readonly DiagnosticDescriptor DropoutBeforeBatchNorm = Warning(
        "CNN1033", Training,
        "Dropout right before BatchNorm",
        "Layer {0} ([BatchNorm]) follows [Dropout]: dropout scales the variance of its outputs in training and not in predictions, so the running variance BatchNorm learns does not fit predictions (the 'variance shift', Li et al., 2019); put [Dropout] after the normalisation, or before the output layer only");
}
