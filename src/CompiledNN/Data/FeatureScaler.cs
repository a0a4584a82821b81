using System;

namespace CompiledNN.Data;

/// <summary>
/// An affine rescaling of each feature, <c>x' = (x − offset) · factor</c>, fitted on the training set and applied
/// unchanged to validation and test sets (fitting on them would leak their statistics into training).
/// </summary>
/// <remarks>
/// <see cref="FitStandard"/> gives standardisation (offset = mean, factor = 1 / population standard deviation, as
/// scikit-learn's <c>StandardScaler</c>); <see cref="FitMinMax"/> maps each feature's training range onto [0, 1]
/// (as <c>MinMaxScaler</c>). A feature that is constant on the training set gets factor 1, so it becomes 0 rather
/// than NaN.
/// </remarks>
public sealed class FeatureScaler
{
    private readonly float[] _offset;
    private readonly float[] _factor;

    private FeatureScaler(float[] offset, float[] factor)
    {
        _offset = offset;
        _factor = factor;
    }

    /// <summary>What is subtracted from each feature.</summary>
    public ReadOnlySpan<float> Offset => _offset;

    /// <summary>What each feature is multiplied by after the subtraction.</summary>
    public ReadOnlySpan<float> Factor => _factor;

    /// <summary>Fits standardisation to zero mean and unit variance on <paramref name="training"/>.</summary>
    /// <param name="training">The training set.</param>
    /// <returns>The scaler.</returns>
    public static FeatureScaler FitStandard(Dataset training)
    {
        ArgumentNullException.ThrowIfNull(training);
        int columns = training.FeatureCount;
        var mean = new double[columns];
        var squares = new double[columns];
        for (int row = 0; row < training.Count; row++)
        {
            var features = training.FeatureRow(row);
            for (int j = 0; j < columns; j++)
            {
                mean[j] += features[j];
            }
        }

        for (int j = 0; j < columns; j++)
        {
            mean[j] /= training.Count;
        }

        // Two passes (mean, then squared deviations) avoid the cancellation of E[x²] − E[x]².
        for (int row = 0; row < training.Count; row++)
        {
            var features = training.FeatureRow(row);
            for (int j = 0; j < columns; j++)
            {
                double deviation = features[j] - mean[j];
                squares[j] += deviation * deviation;
            }
        }

        var offset = new float[columns];
        var factor = new float[columns];
        for (int j = 0; j < columns; j++)
        {
            double deviation = Math.Sqrt(squares[j] / training.Count);
            offset[j] = (float)mean[j];
            factor[j] = deviation > 0 ? (float)(1 / deviation) : 1f;
        }

        return new FeatureScaler(offset, factor);
    }

    /// <summary>Fits a mapping of each feature's range on <paramref name="training"/> onto [0, 1].</summary>
    /// <param name="training">The training set.</param>
    /// <returns>The scaler.</returns>
    public static FeatureScaler FitMinMax(Dataset training)
    {
        ArgumentNullException.ThrowIfNull(training);
        int columns = training.FeatureCount;
        var min = new float[columns];
        var max = new float[columns];
        training.FeatureRow(0).CopyTo(min);
        training.FeatureRow(0).CopyTo(max);
        for (int row = 1; row < training.Count; row++)
        {
            var features = training.FeatureRow(row);
            for (int j = 0; j < columns; j++)
            {
                min[j] = Math.Min(min[j], features[j]);
                max[j] = Math.Max(max[j], features[j]);
            }
        }

        var factor = new float[columns];
        for (int j = 0; j < columns; j++)
        {
            double range = (double)max[j] - min[j];
            factor[j] = range > 0 ? (float)(1 / range) : 1f;
        }

        return new FeatureScaler(min, factor);
    }

    /// <summary>Rescales rows of features in place.</summary>
    /// <param name="features">Rows of as many features as the scaler was fitted on.</param>
    /// <exception cref="ArgumentException">The length is not a whole number of rows.</exception>
    public void Apply(Span<float> features)
    {
        Runtime.Guard.Rows(features, _offset.Length, nameof(features), "features");
        for (int i = 0; i < features.Length; i++)
        {
            int j = i % _offset.Length;
            features[i] = (features[i] - _offset[j]) * _factor[j];
        }
    }

    /// <summary>A copy of <paramref name="dataset"/> with rescaled features (targets unchanged).</summary>
    /// <param name="dataset">Any set with as many features as the training set.</param>
    /// <returns>The rescaled set.</returns>
    /// <exception cref="ArgumentException">The feature counts differ.</exception>
    public Dataset Transform(Dataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (dataset.FeatureCount != _offset.Length)
        {
            throw new ArgumentException($"Expected rows of {_offset.Length} features (as the scaler was fitted on), but the dataset has {dataset.FeatureCount}.", nameof(dataset));
        }

        float[] features = dataset.Features.ToArray();
        Apply(features);
        return new Dataset(features, dataset.FeatureCount, dataset.Targets.ToArray(), dataset.TargetCount, dataset.ClassNames);
    }
}
