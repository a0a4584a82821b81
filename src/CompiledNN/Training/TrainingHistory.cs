using System;
using System.Collections.Generic;

namespace CompiledNN.Training;

/// <summary>What happened in <see cref="Trainer.Fit"/>: one entry per completed epoch in each list, and how training ended.</summary>
public sealed class TrainingHistory
{
    private readonly List<float> _trainingLoss;
    private readonly List<float> _validationLoss;
    private readonly List<double> _validationAccuracy;
    private readonly List<float> _learningRates;
    private readonly List<TimeSpan> _epochDurations;

    internal TrainingHistory(int epochs)
    {
        _trainingLoss = new List<float>(epochs);
        _validationLoss = new List<float>(epochs);
        _validationAccuracy = new List<double>(epochs);
        _learningRates = new List<float>(epochs);
        _epochDurations = new List<TimeSpan>(epochs);
    }

    /// <summary>The mean training loss of each epoch (each batch's loss measured before its update, weighted by its rows).</summary>
    public IReadOnlyList<float> TrainingLoss => _trainingLoss;

    /// <summary>The mean validation loss after each epoch; empty without a validation set.</summary>
    public IReadOnlyList<float> ValidationLoss => _validationLoss;

    /// <summary>The validation accuracy after each epoch; empty without a validation set of class targets.</summary>
    public IReadOnlyList<double> ValidationAccuracy => _validationAccuracy;

    /// <summary>The learning rate of each epoch.</summary>
    public IReadOnlyList<float> LearningRates => _learningRates;

    /// <summary>The wall-clock time of each epoch, training and validation.</summary>
    public IReadOnlyList<TimeSpan> EpochDurations => _epochDurations;

    /// <summary>The number of completed epochs.</summary>
    public int EpochCount => _trainingLoss.Count;

    /// <summary>The epoch (counting from 1) with the lowest monitored loss — validation loss if there is a validation set, else training loss; 0 if no epoch completed.</summary>
    public int BestEpoch { get; private set; }

    /// <summary>The monitored loss of <see cref="BestEpoch"/>.</summary>
    public float BestLoss { get; private set; } = float.PositiveInfinity;

    /// <summary>Whether early stopping ended training before the planned epochs.</summary>
    public bool StoppedEarly { get; internal set; }

    /// <summary>Whether cancellation ended training; the lists hold the epochs completed before it.</summary>
    public bool Cancelled { get; internal set; }

    /// <summary>Whether the network's parameters were reset to those of <see cref="BestEpoch"/> at the end.</summary>
    public bool RestoredBestParameters { get; internal set; }

    /// <summary>Records a completed epoch and returns whether its monitored loss is a new best by more than <paramref name="minimumImprovement"/>.</summary>
    internal bool Add(float trainingLoss, float? validationLoss, double? validationAccuracy, float learningRate, TimeSpan duration, float minimumImprovement)
    {
        _trainingLoss.Add(trainingLoss);
        if (validationLoss is { } loss)
        {
            _validationLoss.Add(loss);
        }

        if (validationAccuracy is { } accuracy)
        {
            _validationAccuracy.Add(accuracy);
        }

        _learningRates.Add(learningRate);
        _epochDurations.Add(duration);
        float monitored = validationLoss ?? trainingLoss;
        if (monitored < BestLoss - minimumImprovement)
        {
            BestLoss = monitored;
            BestEpoch = EpochCount;
            return true;
        }

        return false;
    }
}
