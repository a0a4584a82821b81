using System;
using CompiledNN.Data;
using Xunit;

namespace CompiledNN.Tests.Data;

public sealed class FeatureScalerTests
{
    // Columns: 1..4, 10..40, and a constant 7.
    private static readonly Dataset Training = new([1, 10, 7, 2, 20, 7, 3, 30, 7, 4, 40, 7], 3, [0, 0, 0, 0], 1);

    [Fact]
    public void Standardisation_uses_the_training_mean_and_population_deviation()
    {
        var scaler = FeatureScaler.FitStandard(Training);

        // Column 1: mean 2.5, variance ((1.5² + 0.5²) · 2) / 4 = 1.25; column 2 is ten times column 1.
        Assert.Equal([2.5f, 25f, 7f], scaler.Offset.ToArray());
        Assert.Equal(1 / Math.Sqrt(1.25), scaler.Factor[0], 1e-6);
        Assert.Equal(1 / Math.Sqrt(125), scaler.Factor[1], 1e-6);
        Assert.Equal(1f, scaler.Factor[2]);

        var scaled = scaler.Transform(Training);
        float[] expected = [-1.3416408f, -1.3416408f, 0f, -0.4472136f, -0.4472136f, 0f, 0.4472136f, 0.4472136f, 0f, 1.3416408f, 1.3416408f, 0f];
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], scaled.Features[i], 1e-5f);
        }
    }

    [Fact]
    public void Min_max_scaling_maps_the_training_range_onto_zero_to_one_and_applies_it_to_other_sets()
    {
        var scaler = FeatureScaler.FitMinMax(Training);
        var test = new Dataset([0, 55, 8], 3, [1], 1);

        Assert.Equal([0f, 0f, 0f, 1f / 3, 1f / 3, 0f], scaler.Transform(Training).Features[..6].ToArray());
        // Outside the training range the mapping extends linearly: (0 − 1)/3, (55 − 10)/30, and 8 − 7 for the constant column.
        var scaled = scaler.Transform(test).Features.ToArray();
        Assert.Equal(-1f / 3, scaled[0], 1e-6f);
        Assert.Equal(1.5f, scaled[1], 1e-6f);
        Assert.Equal(1f, scaled[2]);
        Assert.Equal([1f], scaler.Transform(test).Targets.ToArray());
    }

    [Fact]
    public void A_set_with_other_features_is_rejected()
    {
        var scaler = FeatureScaler.FitStandard(Training);

        Assert.Throws<ArgumentException>(() => scaler.Transform(new Dataset([1, 2], 2, [0], 1)));
        Assert.Throws<ArgumentException>(() => scaler.Apply(new float[4]));
    }
}
