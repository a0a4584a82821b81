using System;
using System.Globalization;

namespace CompiledNN.Data;

/// <summary>
/// An affine rescaling of each feature, <c>x' = (x − offset) · factor</c>, fitted on the training set and applied
/// unchanged to validation and test sets (fitting on them would leak their statistics into training).
/// </summary>
/// <remarks>
/// <see cref="FitStandard"/> gives standardisation (offset = mean, factor = 1 / population standard deviation, as
/// scikit-learn's <c>StandardScaler</c>); <see cref="FitMinMax"/> maps each feature's training range onto [0, 1]
/// (as <c>MinMaxScaler</c>). A feature that is constant on the training set gets factor 1, so it becomes 0 rather
/// than NaN. Offsets and factors are doubles and the rescaling is computed in double, so data spread over nearly all of
/// float's range, or over less than its smallest normal number, still transforms to finite values: the data a scaler
/// was fitted on always does.
/// </remarks>
public sealed class FeatureScaler
{
    private readonly double[] _offset;
    private readonly double[] _factor;

    private FeatureScaler(double[] offset, double[] factor)
    {
        _offset = offset;
        _factor = factor;
    }

    /// <summary>What is subtracted from each feature.</summary>
    public ReadOnlySpan<double> Offset => _offset;

    /// <summary>What each feature is multiplied by after the subtraction.</summary>
    public ReadOnlySpan<double> Factor => _factor;

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

        var factor = new double[columns];
        for (int j = 0; j < columns; j++)
        {
            double deviation = Math.Sqrt(squares[j] / training.Count);
            factor[j] = deviation > 0 ? 1 / deviation : 1;
        }

        return new FeatureScaler(mean, factor);
    }

    /// <summary>Fits a mapping of each feature's range on <paramref name="training"/> onto [0, 1].</summary>
    /// <param name="training">The training set.</param>
    /// <returns>The scaler.</returns>
    public static FeatureScaler FitMinMax(Dataset training)
    {
        ArgumentNullException.ThrowIfNull(training);
        int columns = training.FeatureCount;
        var min = new double[columns];
        var max = new double[columns];
        for (int j = 0; j < columns; j++)
        {
            min[j] = max[j] = training.FeatureRow(0)[j];
        }

        for (int row = 1; row < training.Count; row++)
        {
            var features = training.FeatureRow(row);
            for (int j = 0; j < columns; j++)
            {
                min[j] = Math.Min(min[j], features[j]);
                max[j] = Math.Max(max[j], features[j]);
            }
        }

        var factor = new double[columns];
        for (int j = 0; j < columns; j++)
        {
            double range = max[j] - min[j];
            factor[j] = range > 0 ? 1 / range : 1;
        }

        return new FeatureScaler(min, factor);
    }

    /// <summary>Rescales rows of features in place.</summary>
    /// <param name="features">Rows of as many features as the scaler was fitted on.</param>
    /// <exception cref="ArgumentException">The length is not a whole number of rows, or a value is not finite or would not be once rescaled (far outside the range fitted on); the message names it, and nothing is changed.</exception>
    public void Apply(Span<float> features)
    {
        Runtime.Guard.Rows(features, _offset.Length, nameof(features), "features");
        for (int i = 0; i < features.Length; i++)
        {
            float scaled = Scale(features[i], i % _offset.Length);
            if (!float.IsFinite(scaled))
            {
                throw new ArgumentException(
                    $"Expected finite values that stay finite once rescaled, but value {i % _offset.Length} of row {i / _offset.Length}, {features[i].ToString(CultureInfo.InvariantCulture)}, becomes {scaled.ToString(CultureInfo.InvariantCulture)}.",
                    nameof(features));
            }
        }

        for (int i = 0; i < features.Length; i++)
        {
            features[i] = Scale(features[i], i % _offset.Length);
        }
    }

    /// <summary>A copy of <paramref name="dataset"/> with rescaled features (targets unchanged).</summary>
    /// <param name="dataset">Any set with as many features as the training set.</param>
    /// <returns>The rescaled set.</returns>
    /// <exception cref="ArgumentException">The feature counts differ, or a value far outside the range fitted on would not be finite once rescaled.</exception>
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

    private float Scale(float value, int feature) => (float)((value - _offset[feature]) * _factor[feature]);
}
