using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using CompiledNN.Data;
using CompiledNN.Metrics;
using CompiledNN.Training;
using Xunit;

namespace CompiledNN.Tests.Training;

public sealed class TrainerTests
{
    // Row i has the feature i / count and the target slope · feature, so the first input identifies the row.
    private static Dataset Line(int count, float slope)
    {
        var features = new float[count];
        var targets = new float[count];
        for (int i = 0; i < count; i++)
        {
            features[i] = (float)i / count;
            targets[i] = slope * features[i];
        }

        return new Dataset(features, 1, targets, 1);
    }

    private static List<float> RowsSeen(long seed, bool shuffle = true)
    {
        var model = new LinearModel(1, 1) { SeenFirstInputs = [] };
        new Trainer(new TrainerOptions { Epochs = 2, BatchSize = 7, Seed = seed, Shuffle = shuffle }).Fit(model, Line(50, 1f));
        return model.SeenFirstInputs;
    }

    [Fact]
    public void Shuffling_is_reproducible_for_a_seed_and_visits_every_row_once_per_epoch()
    {
        var first = RowsSeen(seed: 42);
        var again = RowsSeen(seed: 42);

        Assert.Equal(first, again);
        Assert.Equal(100, first.Count);
        var expectedRows = Enumerable.Range(0, 50).Select(i => (float)i / 50).ToArray();
        Assert.Equal(expectedRows, first.Take(50).Order().ToArray());
        Assert.Equal(expectedRows, first.Skip(50).Order().ToArray());
        Assert.NotEqual(first.Take(50), first.Skip(50));
    }

    [Fact]
    public void Shuffling_differs_across_seeds_and_is_off_when_disabled()
    {
        Assert.NotEqual(RowsSeen(seed: 1), RowsSeen(seed: 2));

        var inOrder = RowsSeen(seed: 1, shuffle: false);
        var fileOrder = Enumerable.Range(0, 50).Select(i => (float)i / 50).ToArray();
        Assert.Equal(fileOrder.Concat(fileOrder), inOrder);
    }

    [Fact]
    public void Fit_learns_a_line_and_records_a_falling_training_loss()
    {
        var model = new LinearModel(1, 1) { LearningRate = 0.5f };
        var history = new Trainer(new TrainerOptions { Epochs = 200, BatchSize = 10 }).Fit(model, Line(40, 3f));

        var parameters = new float[2];
        model.GetParameters(parameters);
        Assert.Equal(3f, parameters[0], 0.01f);
        Assert.Equal(0f, parameters[1], 0.01f);
        Assert.Equal(200, history.EpochCount);
        Assert.True(history.TrainingLoss[^1] < history.TrainingLoss[0] / 1000);
        Assert.Empty(history.ValidationLoss);
        Assert.False(history.StoppedEarly);
        Assert.Equal(4 * 200, model.Steps);
    }

    [Fact]
    public void Early_stopping_restores_the_parameters_of_the_best_epoch()
    {
        // Training pulls the slope from 0 to 2 while validation wants 1: the validation loss falls, then rises.
        var model = new LinearModel(1, 1) { LearningRate = 0.3f };
        var snapshots = new List<float[]>();
        var progress = new SynchronousProgress<EpochReport>(report =>
        {
            var parameters = new float[model.ParameterCount];
            model.GetParameters(parameters);
            snapshots.Add(parameters);
        });
        var trainer = new Trainer(new TrainerOptions { Epochs = 100, BatchSize = 8, Patience = 3, Seed = 5 });

        var history = trainer.Fit(model, Line(32, 2f), Line(16, 1f), progress);

        int best = history.ValidationLoss.Select((loss, i) => (loss, i)).MinBy(p => p.loss).i + 1;
        Assert.True(best > 1, "the validation loss should first fall");
        Assert.Equal(best, history.BestEpoch);
        Assert.True(history.StoppedEarly);
        Assert.True(history.RestoredBestParameters);
        Assert.Equal(best + 3, history.EpochCount);
        Assert.Equal(history.EpochCount, snapshots.Count);
        var restored = new float[model.ParameterCount];
        model.GetParameters(restored);
        Assert.Equal(snapshots[best - 1], restored);
        Assert.NotEqual(snapshots[^1], restored);
        var validation = Line(16, 1f);
        // The trainer averages the loss over batch-sized slices, so it may differ in the last bits.
        Assert.Equal(history.BestLoss, model.ComputeLoss(validation.Features, validation.Targets), 1e-6f);
    }

    [Fact]
    public void Without_early_stopping_every_epoch_runs_and_the_last_parameters_stay()
    {
        var model = new LinearModel(1, 1) { LearningRate = 0.3f };
        var history = new Trainer(new TrainerOptions { Epochs = 30, BatchSize = 8 }).Fit(model, Line(32, 2f), Line(16, 1f));

        Assert.Equal(30, history.EpochCount);
        Assert.False(history.StoppedEarly);
        Assert.False(history.RestoredBestParameters);
        var validation = Line(16, 1f);
        Assert.Equal(history.ValidationLoss[^1], model.ComputeLoss(validation.Features, validation.Targets), 1e-6f);
    }

    [Fact]
    public void Cancellation_stops_between_batches_and_returns_the_completed_epochs()
    {
        using var cancellation = new CancellationTokenSource();
        var reports = new List<EpochReport>();
        var progress = new SynchronousProgress<EpochReport>(report =>
        {
            reports.Add(report);
            if (report.Epoch == 3 && report.Batch == 2 && !report.IsEpochEnd)
            {
                cancellation.Cancel();
            }
        });
        var model = new LinearModel(1, 1);
        var trainer = new Trainer(new TrainerOptions { Epochs = 10, BatchSize = 5, BatchReportInterval = 2 });

        var history = trainer.Fit(model, Line(50, 1f), progress: progress, cancellationToken: cancellation.Token);

        Assert.True(history.Cancelled);
        Assert.Equal(2, history.EpochCount);
        Assert.Equal((2 * 10) + 2, model.Steps);
        Assert.Equal(2, reports.Count(r => r.IsEpochEnd));
        Assert.Equal([2, 4, 6, 8], reports.Where(r => r.Epoch == 1 && !r.IsEpochEnd).Select(r => r.Batch));
    }

    [Fact]
    public void A_cancelled_token_before_fit_trains_nothing()
    {
        var model = new LinearModel(1, 1);
        var history = new Trainer().Fit(model, Line(10, 1f), cancellationToken: new CancellationToken(canceled: true));

        Assert.True(history.Cancelled);
        Assert.Equal(0, history.EpochCount);
        Assert.Equal(0, model.Steps);
    }

    [Fact]
    public void The_schedule_sets_the_rate_of_every_epoch()
    {
        var model = new LinearModel(1, 1) { LearningRate = 0.2f, SeenRates = [] };
        var schedule = new StepSchedule(stepSize: 2, gamma: 0.5f);
        var history = new Trainer(new TrainerOptions { Epochs = 5, BatchSize = 10, Schedule = schedule }).Fit(model, Line(20, 1f));

        float[] expected = [0.2f, 0.2f, 0.1f, 0.1f, 0.05f];
        Assert.Equal(expected, history.LearningRates);
        Assert.Equal(expected.SelectMany(rate => new[] { rate, rate }), model.SeenRates);
    }

    [Theory]
    [InlineData(0, 0.1)]
    [InlineData(2, 0.1)]
    [InlineData(3, 0.05)]
    [InlineData(5, 0.05)]
    [InlineData(6, 0.025)]
    [InlineData(10, 0.0125)]
    public void Step_schedule_follows_the_formula(int epoch, double expected) =>
        Assert.Equal(expected, new StepSchedule(3, 0.5f).RateAt(epoch, 0.1f), 1e-7);

    [Theory]
    [InlineData(0, 0.1)]
    [InlineData(5, 0.055)] // η_min + (η₀ − η_min)(1 + cos(π/2))/2 = 0.01 + 0.09 · 0.5
    [InlineData(10, 0.01)]
    [InlineData(12, 0.01)]
    public void Cosine_schedule_follows_the_formula(int epoch, double expected) =>
        Assert.Equal(expected, new CosineSchedule(10, 0.01f).RateAt(epoch, 0.1f), 1e-7);

    [Fact]
    public void Cosine_schedule_matches_the_closed_form_at_every_epoch()
    {
        var schedule = new CosineSchedule(7, 0.001f);
        for (int epoch = 0; epoch <= 7; epoch++)
        {
            double expected = 0.001 + ((0.05 - 0.001) * (1 + Math.Cos(Math.PI * epoch / 7)) / 2);
            Assert.Equal(expected, schedule.RateAt(epoch, 0.05f), 1e-7);
        }
    }

    [Fact]
    public void Validation_split_holds_out_rows_and_measures_accuracy_for_class_targets()
    {
        // Two classes told apart by the sign of the feature; a linear model fits the one-hot targets by least squares.
        var features = new float[100];
        var labels = new int[100];
        for (int i = 0; i < 100; i++)
        {
            features[i] = (i - 49.5f) / 50f;
            labels[i] = i < 50 ? 0 : 1;
        }

        var data = new Dataset(features, 1, OneHot.Encode(labels, 2), 2);
        var model = new LinearModel(1, 2) { LearningRate = 0.3f };
        var trainer = new Trainer(new TrainerOptions { Epochs = 40, BatchSize = 10, ValidationSplit = 0.2, Seed = 3 });

        var history = trainer.Fit(model, data);

        Assert.Equal(40, history.ValidationLoss.Count);
        Assert.Equal(40, history.ValidationAccuracy.Count);
        Assert.Equal(8 * 40, model.Steps); // 80 training rows in batches of 10
        var (_, validation) = data.Split(0.2, 3, stratified: true);
        Assert.Equal(ClassificationMetrics.Accuracy(model, validation), history.ValidationAccuracy[^1]);
        Assert.True(history.ValidationAccuracy[^1] >= 0.9);
    }

    [Fact]
    public void The_batch_loop_allocates_nothing()
    {
        var data = Line(1000, 2f);
        var model = new LinearModel(1, 1) { LearningRate = 0.01f };
        long Measure(int epochs)
        {
            var trainer = new Trainer(new TrainerOptions { Epochs = epochs, BatchSize = 10 });
            long before = GC.GetAllocatedBytesForCurrentThread();
            trainer.Fit(model, data);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Measure(1);
        long oneEpoch = Measure(1);
        long twentyOneEpochs = Measure(21);

        // 20 more epochs are 2000 more batches; only the history's per-epoch lists may grow (by doubling: about 100 bytes
        // an epoch in all), while one object per batch would be at least 24 × 2000 bytes.
        Assert.True(twentyOneEpochs - oneEpoch < 20 * 128, $"{twentyOneEpochs - oneEpoch} bytes more for 2000 more batches");
    }

    [Fact]
    public void Mismatched_sizes_and_bad_options_are_rejected()
    {
        var model = new LinearModel(2, 1);
        var error = Assert.Throws<ArgumentException>(() => new Trainer().Fit(model, Line(10, 1f)));
        Assert.Contains("2 inputs", error.Message);
        Assert.Contains("training set is empty", Assert.Throws<ArgumentException>(() => new Trainer().Fit(new LinearModel(1, 1), new Dataset([], 1, [], 1))).Message);
        Assert.Contains("validation set is empty", Assert.Throws<ArgumentException>(() => new Trainer().Fit(new LinearModel(1, 1), Line(5, 1f), new Dataset([], 1, [], 1))).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(new TrainerOptions { BatchSize = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(new TrainerOptions { Patience = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(new TrainerOptions { ValidationSplit = 1 }));
    }
}
