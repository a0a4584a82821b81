using System;
using System.Collections.Generic;
using CompiledNN.Runtime;

namespace CompiledNN.Data;

/// <summary>
/// Rows of features with their target rows, stored contiguously (row after row) so that a batch is a slice and a
/// network reads it without copying: the layout <see cref="ITrainableNetwork.TrainBatch"/> and
/// <see cref="INetwork.PredictBatch"/> expect.
/// </summary>
/// <remarks>A dataset never changes after construction; slicing, splitting and scaling return new datasets.</remarks>
public sealed class Dataset
{
    private readonly float[] _features;
    private readonly float[] _targets;

    /// <summary>Creates a dataset over <paramref name="features"/> and <paramref name="targets"/> (the arrays are used, not copied).</summary>
    /// <param name="features">Rows of <paramref name="featureCount"/> finite values, one after the other.</param>
    /// <param name="featureCount">The number of features of one row; at least 1.</param>
    /// <param name="targets">As many rows of <paramref name="targetCount"/> finite values.</param>
    /// <param name="targetCount">The number of targets of one row; at least 1.</param>
    /// <param name="classNames">For class targets (one-hot rows), the name of each class; <see langword="null"/> otherwise.</param>
    /// <exception cref="ArgumentException">The lengths do not describe the same number of whole rows, a value is not finite, or there are not <paramref name="targetCount"/> class names.</exception>
    public Dataset(float[] features, int featureCount, float[] targets, int targetCount, IReadOnlyList<string>? classNames = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentOutOfRangeException.ThrowIfLessThan(featureCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(targetCount, 1);
        int count = Guard.Rows(features, featureCount, nameof(features), "features");
        Guard.Rows(targets, count, targetCount, nameof(targets), "targets");
        Guard.Finite(features, nameof(features));
        Guard.Finite(targets, nameof(targets));
        if (classNames is not null && classNames.Count != targetCount)
        {
            throw new ArgumentException($"Expected {targetCount} class names (one per target), but got {classNames.Count}.", nameof(classNames));
        }

        _features = features;
        _targets = targets;
        FeatureCount = featureCount;
        TargetCount = targetCount;
        Count = count;
        ClassNames = classNames;
    }

    /// <summary>The number of rows.</summary>
    public int Count { get; }

    /// <summary>The number of features of one row (the network's <see cref="INetwork.InputSize"/>).</summary>
    public int FeatureCount { get; }

    /// <summary>The number of targets of one row (the network's <see cref="INetwork.OutputSize"/>).</summary>
    public int TargetCount { get; }

    /// <summary>For class targets, the name of each class in target order; otherwise <see langword="null"/>.</summary>
    public IReadOnlyList<string>? ClassNames { get; }

    /// <summary>All feature rows, one after the other.</summary>
    public ReadOnlySpan<float> Features => _features;

    /// <summary>All target rows, one after the other.</summary>
    public ReadOnlySpan<float> Targets => _targets;

    /// <summary>The features of row <paramref name="row"/>.</summary>
    /// <param name="row">A row index in [0, <see cref="Count"/>).</param>
    /// <returns>The row's <see cref="FeatureCount"/> values.</returns>
    public ReadOnlySpan<float> FeatureRow(int row)
    {
        CheckRow(row);
        return _features.AsSpan(row * FeatureCount, FeatureCount);
    }

    /// <summary>The targets of row <paramref name="row"/>.</summary>
    /// <param name="row">A row index in [0, <see cref="Count"/>).</param>
    /// <returns>The row's <see cref="TargetCount"/> values.</returns>
    public ReadOnlySpan<float> TargetRow(int row)
    {
        CheckRow(row);
        return _targets.AsSpan(row * TargetCount, TargetCount);
    }

    /// <summary>The class of row <paramref name="row"/>: the index of its largest target, or for a single target, 1 when it is at least 0.5.</summary>
    /// <param name="row">A row index in [0, <see cref="Count"/>).</param>
    /// <returns>The class index.</returns>
    public int ClassOf(int row) => Metrics.ClassIndex.Of(TargetRow(row));

    /// <summary>The rows [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>) as a new dataset.</summary>
    /// <param name="start">The first row.</param>
    /// <param name="count">The number of rows.</param>
    /// <returns>A copy of those rows.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The range does not lie within the dataset.</exception>
    public Dataset Slice(int start, int count)
    {
        if (start < 0 || count < 0 || start > Count - count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"Rows [{start}, {start + count}) do not lie within the {Count} rows of the dataset.");
        }

        return new Dataset(
            _features.AsSpan(start * FeatureCount, count * FeatureCount).ToArray(),
            FeatureCount,
            _targets.AsSpan(start * TargetCount, count * TargetCount).ToArray(),
            TargetCount,
            ClassNames);
    }

    /// <summary>The rows at <paramref name="rows"/>, in that order, as a new dataset.</summary>
    /// <param name="rows">Row indices in [0, <see cref="Count"/>); may repeat.</param>
    /// <returns>A copy of those rows.</returns>
    public Dataset Select(ReadOnlySpan<int> rows)
    {
        var features = new float[rows.Length * FeatureCount];
        var targets = new float[rows.Length * TargetCount];
        for (int i = 0; i < rows.Length; i++)
        {
            FeatureRow(rows[i]).CopyTo(features.AsSpan(i * FeatureCount));
            TargetRow(rows[i]).CopyTo(targets.AsSpan(i * TargetCount));
        }

        return new Dataset(features, FeatureCount, targets, TargetCount, ClassNames);
    }

    /// <summary>
    /// Splits the rows at random into a training and a test set. With <paramref name="stratified"/>, every class
    /// (see <see cref="ClassOf"/>) is split in the same proportion, so a small test set still holds every class.
    /// </summary>
    /// <param name="testFraction">The share of rows for the test set, in (0, 1).</param>
    /// <param name="seed">The seed of the <see cref="NetworkRandom"/> that shuffles; the same seed gives the same split.</param>
    /// <param name="stratified">Whether to split each class separately.</param>
    /// <returns>The two sets; each row is in exactly one, rows keep their relative order within each.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="testFraction"/> is not in (0, 1).</exception>
    /// <exception cref="ArgumentException">The split would leave a set empty.</exception>
    public (Dataset Train, Dataset Test) Split(double testFraction, long seed, bool stratified = false)
    {
        if (!(testFraction > 0 && testFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "Expected a test fraction greater than 0 and less than 1.");
        }

        var isTest = new bool[Count];
        var random = new NetworkRandom(seed);
        if (stratified)
        {
            var rowsByClass = new SortedDictionary<int, List<int>>();
            for (int row = 0; row < Count; row++)
            {
                int label = ClassOf(row);
                if (!rowsByClass.TryGetValue(label, out var rows))
                {
                    rowsByClass[label] = rows = [];
                }

                rows.Add(row);
            }

            foreach (var rows in rowsByClass.Values)
            {
                MarkTestRows(rows.ToArray(), testFraction, random, isTest);
            }
        }
        else
        {
            var rows = new int[Count];
            for (int row = 0; row < Count; row++)
            {
                rows[row] = row;
            }

            MarkTestRows(rows, testFraction, random, isTest);
        }

        var train = new List<int>(Count);
        var test = new List<int>(Count);
        for (int row = 0; row < Count; row++)
        {
            (isTest[row] ? test : train).Add(row);
        }

        if (train.Count == 0 || test.Count == 0)
        {
            throw new ArgumentException(
                $"Splitting {Count} rows with a test fraction of {testFraction} leaves {train.Count} training and {test.Count} test rows; both need at least one.",
                nameof(testFraction));
        }

        return (Select(train.ToArray()), Select(test.ToArray()));
    }

    private static void MarkTestRows(int[] rows, double testFraction, NetworkRandom random, bool[] isTest)
    {
        random.Shuffle(rows.AsSpan());
        int testCount = (int)Math.Round(rows.Length * testFraction, MidpointRounding.AwayFromZero);
        for (int i = 0; i < testCount; i++)
        {
            isTest[rows[i]] = true;
        }
    }

    private void CheckRow(int row)
    {
        if ((uint)row >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(row), row, $"Expected a row index in [0, {Count}).");
        }
    }
}
