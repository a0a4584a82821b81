using System;
using CompiledNN.Data;
using Xunit;

namespace CompiledNN.Tests.Data;

/// <summary>A scaler transforms the data it was fitted on to finite values, at both ends of float's range.</summary>
public sealed class FeatureScalerRangeTests
{
    private static Dataset Column(params float[] values) => new(values, 1, new float[values.Length], 1);

    [Fact]
    public void Min_max_over_nearly_all_of_float_range_maps_onto_zero_to_one()
    {
        var training = Column(-3e38f, 0f, 3e38f);

        var scaler = FeatureScaler.FitMinMax(training);
        float[] scaled = scaler.Transform(training).Features.ToArray();

        Assert.True(double.IsFinite(scaler.Factor[0]), $"factor {scaler.Factor[0]}");
        Assert.Equal(0f, scaled[0]);
        Assert.Equal(0.5f, scaled[1], 1e-6f);
        Assert.Equal(1f, scaled[2], 1e-6f);
    }

    [Fact]
    public void Standardising_a_spread_below_the_smallest_normal_float_gives_unit_deviation()
    {
        var training = Column(0f, 1e-39f);

        var scaler = FeatureScaler.FitStandard(training);
        float[] scaled = scaler.Transform(training).Features.ToArray();

        Assert.True(double.IsFinite(scaler.Factor[0]), $"factor {scaler.Factor[0]}");
        Assert.Equal(-1f, scaled[0], 1e-6f);
        Assert.Equal(1f, scaled[1], 1e-6f);
    }

    [Fact]
    public void A_value_that_would_overflow_once_rescaled_is_rejected_and_nothing_changes()
    {
        var scaler = FeatureScaler.FitStandard(Column(0f, 1e-39f));
        float[] features = [0f, 1f];

        var error = Assert.Throws<ArgumentException>(() => scaler.Apply(features));

        Assert.Contains("value 0 of row 1, 1, becomes Infinity", error.Message, StringComparison.Ordinal);
        Assert.Equal([0f, 1f], features);
    }
}
