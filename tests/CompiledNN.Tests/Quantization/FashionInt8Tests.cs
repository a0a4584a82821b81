using System;
using CompiledNN.Data;
using Xunit;
using Xunit.Abstractions;

namespace CompiledNN.Tests.Quantization;

/// <summary>
/// 784-64-10 trained on Fashion-MNIST and baked as int8 against the same weights baked as float32, on the 10,000 test
/// images: accuracy, agreement, one row against a batch, bad input, and allocation.
/// </summary>
public sealed class FashionInt8Tests(ITestOutputHelper output)
{
    [Fact]
    public void Int8_is_within_half_a_point_of_float_and_agrees_on_99_percent()
    {
        FashionTestSet.Int8AgreesWithFloat(FashionInt8Net.PredictBatch, FashionFloatNet.PredictBatch, output.WriteLine);
    }

    [Fact]
    public void A_row_predicted_alone_gives_its_bits_in_a_batch()
    {
        Dataset test = FashionTestSet.Test;
        const int Rows = 70;
        var batch = new float[Rows * 10];
        FashionInt8Net.PredictBatch(test.Features[..(Rows * 784)], batch);

        var one = new float[10];
        for (int row = 0; row < Rows; row++)
        {
            FashionInt8Net.Predict(test.FeatureRow(row), one);
            Assert.Equal(batch.AsSpan(row * 10, 10).ToArray(), one);
            Assert.Equal(Runtime.Kernels.ArgMax(one), FashionInt8Net.PredictClass(test.FeatureRow(row)));
        }
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void A_non_finite_input_gives_NaN_outputs_and_no_class(float bad)
    {
        float[] input = FashionTestSet.Test.FeatureRow(0).ToArray();
        input[400] = bad;
        var output = new float[10];

        FashionInt8Net.Predict(input, output);

        Assert.All(output, static v => Assert.True(float.IsNaN(v)));
        Assert.Contains("NaN or an infinity", Assert.Throws<ArgumentException>(() => FashionInt8Net.PredictClass(input)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Predictions_allocate_nothing()
    {
        float[] inputs = FashionTestSet.Test.Features[..(100 * 784)].ToArray();
        var outputs = new float[100 * 10];
        var output = new float[10];
        for (int i = 0; i < 3; i++)
        {
            FashionInt8Net.Predict(inputs.AsSpan(0, 784), output);
            FashionInt8Net.PredictClass(inputs.AsSpan(0, 784));
            FashionInt8Net.PredictBatch(inputs, outputs);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++)
        {
            FashionInt8Net.Predict(inputs.AsSpan(0, 784), output);
            FashionInt8Net.PredictClass(inputs.AsSpan(0, 784));
            FashionInt8Net.PredictBatch(inputs, outputs);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
