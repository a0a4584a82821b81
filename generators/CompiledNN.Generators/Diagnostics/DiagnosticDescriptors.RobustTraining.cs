using Microsoft.CodeAnalysis;

namespace CompiledNN.Generators.Diagnostics;

/// <summary>The diagnostics of the robust losses (Huber, L1) and of gradient clipping.</summary>
internal static partial class DiagnosticDescriptors
{
    public static readonly DiagnosticDescriptor InvalidHuberDelta = Error(
        "CNN0028", Training,
        "HuberDelta must be positive and finite",
        "HuberDelta is {0}, but the Huber loss needs a finite δ greater than 0 (where it turns from quadratic to linear); use 1, PyTorch's default");

    public static readonly DiagnosticDescriptor InvalidClipGradientNorm = Error(
        "CNN0029", Training,
        "ClipGradientNorm must be finite and at least 0",
        "ClipGradientNorm is {0}, but it is the largest L2 norm the gradient may have: a finite value greater than 0, or 0 for no clipping");

    public static readonly DiagnosticDescriptor RobustLossWithSoftmax = Warning(
        "CNN1012", Training,
        "Huber or L1 loss on a Softmax output",
        "{0} on a Softmax output trains slowly: probabilities lie in [0, 1], where the loss is (almost) quadratic or constant in slope, and its gradient is scaled by the softmax derivative p(1 − p), which vanishes when a class is confidently wrong; use Loss.CrossEntropy");

    public static readonly DiagnosticDescriptor HuberDeltaWithoutHuber = Warning(
        "CNN1013", Training,
        "HuberDelta without the Huber loss",
        "HuberDelta has no effect: the network trains on {0}, and only Loss.Huber uses δ; remove HuberDelta or set Loss = Loss.Huber");

    public static readonly DiagnosticDescriptor ClipGradientNormTooSmall = Warning(
        "CNN1014", Training,
        "Gradient clipped too small for the weights to move",
        "ClipGradientNorm = {0} with {1} at learning rate {2} moves all the parameters together by at most {3} per step (the rate times the clipped norm{4}), too little to train in any normal number of steps; raise ClipGradientNorm (1 is common) or leave it unset");
}
