using System;
using CompiledNN.Tests.Networks;
using Xunit;

namespace CompiledNN.Tests;

/// <summary>Wrong sizes and non-finite parameters throw <see cref="ArgumentException"/> naming what was expected, and change nothing.</summary>
public sealed class ArgumentValidationTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(0)]
    public void Predict_rejects_an_input_of_the_wrong_length(int length)
    {
        var network = new IrisNet();
        float[] output = new float[3];

        ArgumentException error = Assert.Throws<ArgumentException>(() => network.Predict(new float[length], output));

        Assert.Equal("input", error.ParamName);
        Assert.Contains("Expected 4 input features", error.Message);
        Assert.Contains($"has {length} elements", error.Message);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void Predict_rejects_an_output_of_the_wrong_length(int length)
    {
        var network = new IrisNet();

        ArgumentException error = Assert.Throws<ArgumentException>(() => network.Predict(new float[4], new float[length]));

        Assert.Equal("output", error.ParamName);
        Assert.Contains("Expected 3 outputs", error.Message);
    }

    [Fact]
    public void PredictClass_rejects_an_input_of_the_wrong_length()
    {
        var network = new PooledScratchNet();

        ArgumentException error = Assert.Throws<ArgumentException>(() => network.PredictClass(new float[7]));

        Assert.Equal("input", error.ParamName);
        Assert.Contains("Expected 8 input features", error.Message);
    }

    [Fact]
    public void PredictBatch_rejects_inputs_that_are_not_whole_rows()
    {
        var network = new IrisNet();

        ArgumentException error = Assert.Throws<ArgumentException>(() => network.PredictBatch(new float[10], new float[6]));

        Assert.Equal("inputs", error.ParamName);
        Assert.Contains("rows of 4 input features", error.Message);
    }

    [Fact]
    public void PredictBatch_rejects_outputs_with_another_number_of_rows()
    {
        var network = new IrisNet();
        float[] outputs = new float[9];

        ArgumentException error = Assert.Throws<ArgumentException>(() => network.PredictBatch(new float[8], outputs));

        Assert.Equal("outputs", error.ParamName);
        Assert.Contains("Expected 2 rows of 3 outputs (6 elements)", error.Message);
        Assert.All(outputs, static v => Assert.Equal(0f, v));
    }

    [Fact]
    public void GetParameters_and_SetParameters_reject_the_wrong_length()
    {
        var network = new IrisNet();
        int count = IrisNet.ParameterCount;

        ArgumentException get = Assert.Throws<ArgumentException>(() => network.GetParameters(new float[count - 1]));
        ArgumentException set = Assert.Throws<ArgumentException>(() => network.SetParameters(new float[count + 1]));

        Assert.Equal("destination", get.ParamName);
        Assert.Contains($"Expected {count} parameters", get.Message);
        Assert.Equal("source", set.ParamName);
        Assert.Contains($"Expected {count} parameters", set.Message);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void SetParameters_rejects_a_non_finite_value_and_keeps_the_old_parameters(float bad)
    {
        var network = new IrisNet(seed: 5);
        float[] before = new float[IrisNet.ParameterCount];
        network.GetParameters(before);

        // Every value differs from the current parameters, so a partial copy before the check would show.
        float[] replacement = new float[IrisNet.ParameterCount];
        Array.Fill(replacement, 0.25f);
        replacement[100] = bad;

        ArgumentException error = Assert.Throws<ArgumentException>(() => network.SetParameters(replacement));

        Assert.Equal("source", error.ParamName);
        Assert.Contains("source[100]", error.Message);
        float[] after = new float[IrisNet.ParameterCount];
        network.GetParameters(after);
        Assert.Equal(before, after);
    }

    [Fact]
    public void SetParameters_then_GetParameters_round_trips_in_canonical_order()
    {
        var network = new IrisNet();
        float[] parameters = new float[IrisNet.ParameterCount];
        for (int k = 0; k < parameters.Length; k++)
        {
            parameters[k] = k * 0.001f;
        }

        network.SetParameters(parameters);
        float[] copy = new float[IrisNet.ParameterCount];
        network.GetParameters(copy);

        Assert.Equal(parameters, copy);
    }
}
