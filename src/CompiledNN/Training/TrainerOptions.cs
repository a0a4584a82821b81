namespace CompiledNN.Training;

/// <summary>How <see cref="Trainer"/> fits a network. The defaults are those of a typical Keras <c>fit</c>: 32 rows per batch, shuffled every epoch.</summary>
public sealed record TrainerOptions
{
    /// <summary>The number of passes over the training set; at least 1. Default 10.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>
    /// Rows per optimizer step; at least 1. The last batch of an epoch holds the rows that remain. A batch size larger
    /// than the training set (up to <see cref="int.MaxValue"/>) trains on the whole set in one batch, as Keras does, and
    /// validation likewise runs over the whole validation set at once. Default 32.
    /// </summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Whether to visit the rows in a new random order every epoch. Default <see langword="true"/>.</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>The seed of the <see cref="NetworkRandom"/> that shuffles and splits; the same seed gives the same order. Default 0.</summary>
    public long Seed { get; init; }

    /// <summary>
    /// When no validation set is passed to <see cref="Trainer.Fit"/>, the share of training rows held out for
    /// validation (seeded, stratified for class targets), in [0, 1). Default 0: no validation.
    /// </summary>
    public double ValidationSplit { get; init; }

    /// <summary>
    /// Early stopping: stop after this many epochs without a new best monitored loss (validation loss if there is a
    /// validation set, else training loss). <see langword="null"/> (the default) trains every epoch.
    /// </summary>
    public int? Patience { get; init; }

    /// <summary>How much lower than the best so far a loss must be to count as a new best. Default 0.</summary>
    public float MinimumImprovement { get; init; }

    /// <summary>With <see cref="Patience"/>, whether to put back the parameters of the best epoch when training ends (also after cancellation). Default <see langword="true"/>.</summary>
    public bool RestoreBestParameters { get; init; } = true;

    /// <summary>The learning rate of each epoch, or <see langword="null"/> to keep the network's rate.</summary>
    public LearningRateSchedule? Schedule { get; init; }

    /// <summary>Send an <see cref="EpochReport"/> every this many batches within an epoch (for long epochs); 0 (the default) reports only at the end of each epoch.</summary>
    public int BatchReportInterval { get; init; }
}
