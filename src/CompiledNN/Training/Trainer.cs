using System;
using System.Diagnostics;
using System.Threading;
using CompiledNN.Data;
using CompiledNN.Metrics;

namespace CompiledNN.Training;

/// <summary>
/// Fits any <see cref="ITrainableNetwork"/> to a <see cref="Dataset"/>: shuffled mini-batches, validation, early
/// stopping, a learning-rate schedule, progress reports and cancellation — the loop Keras's <c>fit</c> runs, written
/// once for every generated network.
/// </summary>
/// <remarks>
/// Buffers are allocated once per <see cref="Fit"/>; the batch loop gathers the shuffled rows into a contiguous batch
/// and calls <see cref="ITrainableNetwork.TrainBatch"/> without allocating. Validation runs over slices of the
/// validation set after each epoch, so it costs no copy either.
/// </remarks>
public sealed class Trainer
{
    /// <summary>Creates a trainer.</summary>
    /// <param name="options">How to train; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the message names it.</exception>
    public Trainer(TrainerOptions? options = null)
    {
        Options = options ?? new TrainerOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.Epochs, 1, "options.Epochs");
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.BatchSize, 1, "options.BatchSize");
        ArgumentOutOfRangeException.ThrowIfNegative(Options.BatchReportInterval, "options.BatchReportInterval");
        if (Options.Patience is < 1)
        {
            throw new ArgumentOutOfRangeException("options.Patience", Options.Patience, "Expected a patience of at least 1 epoch, or null for no early stopping.");
        }

        if (!(Options.ValidationSplit >= 0 && Options.ValidationSplit < 1))
        {
            throw new ArgumentOutOfRangeException("options.ValidationSplit", Options.ValidationSplit, "Expected a share of at least 0 and less than 1.");
        }

        if (!(Options.MinimumImprovement >= 0 && float.IsFinite(Options.MinimumImprovement)))
        {
            throw new ArgumentOutOfRangeException("options.MinimumImprovement", Options.MinimumImprovement, "Expected a finite value of at least 0.");
        }
    }

    /// <summary>How this trainer trains.</summary>
    public TrainerOptions Options { get; }

    /// <summary>Trains <paramref name="network"/> on <paramref name="training"/>.</summary>
    /// <param name="network">The network; its sizes must match the datasets'. Its learning rate at the start is the schedule's η₀.</param>
    /// <param name="training">The training rows.</param>
    /// <param name="validation">Rows to validate on after each epoch; <see langword="null"/> to split <see cref="TrainerOptions.ValidationSplit"/> off the training rows (or not validate).</param>
    /// <param name="progress">Receives an <see cref="EpochReport"/> after each epoch (and within epochs, see <see cref="TrainerOptions.BatchReportInterval"/>).</param>
    /// <param name="cancellationToken">Checked before every batch; when cancelled, training stops between batches and the history of the completed epochs is returned with <see cref="TrainingHistory.Cancelled"/> set.</param>
    /// <returns>Losses and metrics per epoch, and how training ended.</returns>
    /// <exception cref="ArgumentException">The network's sizes do not match the datasets', or a set is empty.</exception>
    public TrainingHistory Fit(
        ITrainableNetwork network,
        Dataset training,
        Dataset? validation = null,
        IProgress<EpochReport>? progress = null,
        CancellationToken cancellationToken = default)
    {
        Predictions.CheckSizes(network, training);
        RequireRows(training, nameof(training));
        if (validation is not null)
        {
            Predictions.CheckSizes(network, validation);
            RequireRows(validation, nameof(validation));
        }
        else if (Options.ValidationSplit > 0)
        {
            (training, validation) = training.Split(Options.ValidationSplit, Options.Seed, stratified: HasClassTargets(training));
        }

        var run = new Run(this, network, training, validation, progress, cancellationToken);
        return run.Execute();
    }

    private static void RequireRows(Dataset dataset, string name)
    {
        if (dataset.Count == 0)
        {
            throw new ArgumentException($"Expected at least one row, but the {name} set is empty.", name);
        }
    }

    /// <summary>Whether every target row names one class: one-hot rows, or 0/1 for a single target.</summary>
    private static bool HasClassTargets(Dataset dataset)
    {
        var targets = dataset.Targets;
        for (int row = 0; row < dataset.Count; row++)
        {
            var target = targets.Slice(row * dataset.TargetCount, dataset.TargetCount);
            int ones = 0;
            foreach (float value in target)
            {
                if (value == 1f)
                {
                    ones++;
                }
                else if (value != 0f)
                {
                    return false;
                }
            }

            if (dataset.TargetCount > 1 && ones != 1)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The state of one call to <see cref="Fit"/>: the buffers it allocates once and the loop that uses them.</summary>
    private sealed class Run
    {
        private readonly TrainerOptions _options;
        private readonly ITrainableNetwork _network;
        private readonly Dataset _training;
        private readonly Dataset? _validation;
        private readonly bool _measureAccuracy;
        private readonly IProgress<EpochReport>? _progress;
        private readonly CancellationToken _cancellationToken;
        private readonly int _batchSize;
        private readonly int _validationBatchSize;
        private readonly int[] _order;
        private readonly float[] _batchInputs;
        private readonly float[] _batchTargets;
        private readonly float[] _outputs;
        private readonly float[]? _bestParameters;
        private readonly NetworkRandom _random;
        private readonly TrainingHistory _history;

        public Run(Trainer trainer, ITrainableNetwork network, Dataset training, Dataset? validation, IProgress<EpochReport>? progress, CancellationToken cancellationToken)
        {
            _options = trainer.Options;
            _network = network;
            _training = training;
            _validation = validation;
            _measureAccuracy = validation is not null && HasClassTargets(validation);
            _progress = progress;
            _cancellationToken = cancellationToken;
            _order = new int[training.Count];
            for (int i = 0; i < _order.Length; i++)
            {
                _order[i] = i;
            }

            // A batch size beyond the set's rows means the whole set in one batch: the buffers hold the rows that exist.
            _batchSize = Math.Min(_options.BatchSize, training.Count);
            _validationBatchSize = validation is null ? 0 : Math.Min(_options.BatchSize, validation.Count);
            _batchInputs = new float[_batchSize * training.FeatureCount];
            _batchTargets = new float[_batchSize * training.TargetCount];
            _outputs = validation is not null && _measureAccuracy ? new float[_validationBatchSize * validation.TargetCount] : [];
            _bestParameters = _options.Patience is not null && _options.RestoreBestParameters ? new float[network.ParameterCount] : null;
            _random = new NetworkRandom(_options.Seed);
            _history = new TrainingHistory(_options.Epochs);
        }

        public TrainingHistory Execute()
        {
            float initialRate = _network.LearningRate;
            int batches = ((_training.Count - 1) / _batchSize) + 1;
            for (int epoch = 0; epoch < _options.Epochs; epoch++)
            {
                if (_options.Schedule is { } schedule)
                {
                    _network.LearningRate = schedule.RateAt(epoch, initialRate);
                }

                long start = Stopwatch.GetTimestamp();
                if (_options.Shuffle)
                {
                    _random.Shuffle(_order.AsSpan());
                }

                double lossSum = 0;
                int rowsSeen = 0;
                for (int batch = 0; batch < batches; batch++)
                {
                    if (_cancellationToken.IsCancellationRequested)
                    {
                        _history.Cancelled = true;
                        return Finish();
                    }

                    int rows = Math.Min(_batchSize, _training.Count - rowsSeen);
                    lossSum += (double)TrainBatch(rowsSeen, rows) * rows;
                    rowsSeen += rows;
                    if (_options.BatchReportInterval > 0 && (batch + 1) % _options.BatchReportInterval == 0 && batch + 1 < batches)
                    {
                        _progress?.Report(new EpochReport(
                            epoch + 1, _options.Epochs, batch + 1, batches, (float)(lossSum / rowsSeen), null, null, _network.LearningRate, Stopwatch.GetElapsedTime(start), false));
                    }
                }

                float trainingLoss = (float)(lossSum / rowsSeen);
                (float? validationLoss, double? validationAccuracy) = Validate();
                var duration = Stopwatch.GetElapsedTime(start);
                bool isBest = _history.Add(trainingLoss, validationLoss, validationAccuracy, _network.LearningRate, duration, _options.MinimumImprovement);
                if (isBest && _bestParameters is not null)
                {
                    _network.GetParameters(_bestParameters);
                }

                _progress?.Report(new EpochReport(
                    epoch + 1, _options.Epochs, batches, batches, trainingLoss, validationLoss, validationAccuracy, _network.LearningRate, duration, true));
                if (_options.Patience is { } patience && _history.EpochCount - _history.BestEpoch >= patience && epoch + 1 < _options.Epochs)
                {
                    _history.StoppedEarly = true;
                    break;
                }
            }

            return Finish();
        }

        // Gathers the rows _order[first .. first + rows) into the contiguous batch buffers and takes one step.
        private float TrainBatch(int first, int rows)
        {
            int inputs = _training.FeatureCount;
            int targets = _training.TargetCount;
            var features = _training.Features;
            var allTargets = _training.Targets;
            for (int i = 0; i < rows; i++)
            {
                int row = _order[first + i];
                features.Slice(row * inputs, inputs).CopyTo(_batchInputs.AsSpan(i * inputs, inputs));
                allTargets.Slice(row * targets, targets).CopyTo(_batchTargets.AsSpan(i * targets, targets));
            }

            return _network.TrainBatch(_batchInputs.AsSpan(0, rows * inputs), _batchTargets.AsSpan(0, rows * targets));
        }

        // Mean loss (and accuracy for class targets) of the validation set, in slices of one batch.
        private (float? Loss, double? Accuracy) Validate()
        {
            if (_validation is null)
            {
                return (null, null);
            }

            int inputs = _validation.FeatureCount;
            int targets = _validation.TargetCount;
            double lossSum = 0;
            int correct = 0;
            int rows;
            for (int start = 0; start < _validation.Count; start += rows)
            {
                rows = Math.Min(_validationBatchSize, _validation.Count - start);
                var features = _validation.Features.Slice(start * inputs, rows * inputs);
                var expected = _validation.Targets.Slice(start * targets, rows * targets);
                lossSum += (double)_network.ComputeLoss(features, expected) * rows;
                if (_measureAccuracy)
                {
                    var outputs = _outputs.AsSpan(0, rows * targets);
                    _network.PredictBatch(features, outputs);
                    for (int row = 0; row < rows; row++)
                    {
                        if (ClassIndex.Of(outputs.Slice(row * targets, targets)) == ClassIndex.Of(expected.Slice(row * targets, targets)))
                        {
                            correct++;
                        }
                    }
                }
            }

            return ((float)(lossSum / _validation.Count), _measureAccuracy ? (double)correct / _validation.Count : null);
        }

        private TrainingHistory Finish()
        {
            if (_bestParameters is not null && _history.BestEpoch > 0 && (_history.BestEpoch < _history.EpochCount || _history.Cancelled))
            {
                _network.SetParameters(_bestParameters);
                _history.RestoredBestParameters = true;
            }

            return _history;
        }
    }
}
