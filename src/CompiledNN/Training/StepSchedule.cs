using System;

namespace CompiledNN.Training;

/// <summary>Multiplies the rate by <see cref="Gamma"/> every <see cref="StepSize"/> epochs: <c>η = η₀ · γ^⌊epoch / step⌋</c> (PyTorch's <c>StepLR</c>).</summary>
public sealed class StepSchedule : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="stepSize">Epochs between reductions; at least 1.</param>
    /// <param name="gamma">The factor of each reduction, in (0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public StepSchedule(int stepSize, float gamma = 0.1f)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stepSize, 1);
        if (!(gamma > 0 && gamma <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "Expected a factor greater than 0 and at most 1.");
        }

        StepSize = stepSize;
        Gamma = gamma;
    }

    /// <summary>Epochs between reductions.</summary>
    public int StepSize { get; }

    /// <summary>The factor of each reduction.</summary>
    public float Gamma { get; }

    /// <inheritdoc/>
    public override float RateAt(int epoch, float initialRate) => (float)(initialRate * Math.Pow(Gamma, epoch / StepSize));
}
