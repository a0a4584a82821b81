using System.Collections.Generic;
using System.Globalization;
using CompiledNN.Generators.Diagnostics;
using CompiledNN.Generators.Parsing;

namespace CompiledNN.Generators.Validation;

/// <summary>The rules of the robust losses (Huber, L1) and of <c>ClipGradientNorm</c>.</summary>
internal static class RobustTrainingRules
{
    /// <summary>
    /// Below this bound on the step of all parameters together, training stands still: the same floor as the learning
    /// rate's (<see cref="NetworkValidator.LearningRateRange"/>), here for the whole step rather than per unit of gradient.
    /// </summary>
    public const float SmallestUsefulStep = 1e-6f;

    public static void Validate(NetworkOptions options, Loss loss, Activation output, int at, List<ValidationProblem> problems)
    {
        if (options.HuberDelta is { } huberDelta)
        {
            if (!(huberDelta > 0f && !float.IsInfinity(huberDelta)))
            {
                problems.Add(new(DiagnosticDescriptors.InvalidHuberDelta, at, "HuberDelta", Format(huberDelta)) { Properties = FixProperties.Replace("1f") });
            }
            else if (loss != Loss.Huber)
            {
                problems.Add(new(DiagnosticDescriptors.HuberDeltaWithoutHuber, at, "HuberDelta", loss) { Properties = FixProperties.RemoveArgument });
            }
        }

        if (loss is Loss.Huber or Loss.L1 && output == Activation.Softmax)
        {
            problems.Add(new(DiagnosticDescriptors.RobustLossWithSoftmax, at, "Loss", loss) { Properties = FixProperties.Replace("Loss.CrossEntropy") });
        }

        if (options.ClipGradientNorm is { } clip)
        {
            if (!(clip >= 0f && !float.IsInfinity(clip)))
            {
                problems.Add(new(DiagnosticDescriptors.InvalidClipGradientNorm, at, "ClipGradientNorm", Format(clip)));
            }
            else if (clip > 0f)
            {
                CheckStep(options, clip, at, problems);
            }
        }
    }

    /// <summary>
    /// Plain and momentum SGD move the parameters by the rate times the clipped gradient (over 1 − μ at most, as the
    /// momentum buffer sums past steps), so a small clip bounds every step; adaptive optimizers divide by the
    /// gradient's own scale, which clipping does not change much, so they are not judged here.
    /// </summary>
    private static void CheckStep(NetworkOptions options, float clip, int at, List<ValidationProblem> problems)
    {
        Optimizer optimizer = options.Optimizer ?? Optimizer.Adam;
        if (optimizer is not (Optimizer.Sgd or Optimizer.Momentum or Optimizer.Nesterov))
        {
            return;
        }

        float rate = options.LearningRate ?? OptimizerDefaults.LearningRateOf(optimizer);
        float momentum = options.Momentum ?? OptimizerDefaults.Momentum;
        if (!(rate > 0f) || float.IsInfinity(rate) || !(momentum is >= 0f and < 1f))
        {
            return; // Reported by the rules of those options.
        }

        double step = (double)rate * clip / (optimizer == Optimizer.Sgd ? 1.0 : 1.0 - momentum);
        if (step < SmallestUsefulStep)
        {
            problems.Add(new(
                DiagnosticDescriptors.ClipGradientNormTooSmall,
                at,
                "ClipGradientNorm",
                Format(clip),
                optimizer,
                Format(rate),
                step.ToString("G2", CultureInfo.InvariantCulture),
                optimizer == Optimizer.Sgd ? "" : ", over 1 − μ for the momentum"));
        }
    }

    private static string Format(float value) => value.ToString("R", CultureInfo.InvariantCulture);
}
