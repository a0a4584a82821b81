using System;

namespace CompiledNN.Training;

/// <summary>Where training stands: sent to <see cref="IProgress{T}"/> at the end of every epoch, and every <see cref="TrainerOptions.BatchReportInterval"/> batches within one.</summary>
/// <param name="Epoch">The current epoch, counting from 1.</param>
/// <param name="Epochs">The number of epochs planned.</param>
/// <param name="Batch">The batches done in this epoch.</param>
/// <param name="Batches">The batches of one epoch.</param>
/// <param name="TrainingLoss">The mean training loss of the rows seen so far in this epoch (each measured before its batch's update).</param>
/// <param name="ValidationLoss">At the end of an epoch with a validation set, its mean loss; otherwise <see langword="null"/>.</param>
/// <param name="ValidationAccuracy">At the end of an epoch with a validation set of class targets, its accuracy; otherwise <see langword="null"/>.</param>
/// <param name="LearningRate">The learning rate of this epoch.</param>
/// <param name="Elapsed">The time since the epoch started.</param>
/// <param name="IsEpochEnd">Whether the epoch is complete (and validated).</param>
public readonly record struct EpochReport(
    int Epoch,
    int Epochs,
    int Batch,
    int Batches,
    float TrainingLoss,
    float? ValidationLoss,
    double? ValidationAccuracy,
    float LearningRate,
    TimeSpan Elapsed,
    bool IsEpochEnd);
