using System;

namespace CompiledNN.Training;

/// <summary>
/// Lowers the rate along half a cosine from η₀ to <see cref="MinimumRate"/> over <see cref="Epochs"/> epochs:
/// <c>η = η_min + (η₀ − η_min) · (1 + cos(π · epoch / T)) / 2</c>, then stays at η_min (the closed form of PyTorch's
/// <c>CosineAnnealingLR</c> with <c>T_max = T</c>).
/// </summary>
public sealed class CosineSchedule : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="epochs">The length T of the descent; at least 1 (usually the number of training epochs).</param>
    /// <param name="minimumRate">The final rate η_min; at least 0, and a rate of 0 is raised to the smallest positive float, since a network's rate must be positive.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public CosineSchedule(int epochs, float minimumRate = 0f)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        if (!(minimumRate >= 0 && float.IsFinite(minimumRate)))
        {
            throw new ArgumentOutOfRangeException(nameof(minimumRate), minimumRate, "Expected a finite rate of at least 0.");
        }

        Epochs = epochs;
        MinimumRate = minimumRate;
    }

    /// <summary>The length T of the descent in epochs.</summary>
    public int Epochs { get; }

    /// <summary>The final rate η_min.</summary>
    public float MinimumRate { get; }

    /// <inheritdoc/>
    public override float RateAt(int epoch, float initialRate)
    {
        double progress = Math.Min(epoch, Epochs) / (double)Epochs;
        double rate = MinimumRate + ((initialRate - MinimumRate) * (1 + Math.Cos(Math.PI * progress)) / 2);
        return Math.Max((float)rate, float.Epsilon);
    }
}
