using System;
using CompiledNN.Data;
using Xunit;
using Xunit.Abstractions;

namespace CompiledNN.Tests.Quantization;

/// <summary>
/// The Fashion-MNIST 784-64-10 exported by PyTorch to ONNX and imported with <c>Quantization = Quantization.Int8</c>,
/// on the 10,000 test images: against the float32 import (accuracy and agreement) and against the same weights baked
/// as int8 by <c>[Weights]</c>, which the import must reproduce bit for bit.
/// </summary>
public sealed class OnnxInt8Tests(ITestOutputHelper output)
{
    [Fact]
    public void Int8_import_is_within_half_a_point_of_the_float_import_and_agrees_on_99_percent()
    {
        FashionTestSet.Int8AgreesWithFloat(FashionOnnxInt8Net.PredictBatch, FashionOnnxFloatNet.PredictBatch, output.WriteLine);
    }

    [Fact]
    public void Int8_import_gives_the_bits_of_the_same_weights_baked_as_int8()
    {
        Dataset test = FashionTestSet.Test;
        const int Rows = 500;
        var imported = new float[Rows * 10];
        var baked = new float[Rows * 10];
        FashionOnnxInt8Net.PredictBatch(test.Features[..(Rows * 784)], imported);
        FashionInt8Net.PredictBatch(test.Features[..(Rows * 784)], baked);

        Assert.Equal(baked, imported);
    }

    [Fact]
    public void Int8_import_differs_from_the_float_import()
    {
        // Guards the test above: the import did quantise, rather than both forms running float32.
        ReadOnlySpan<float> row = FashionTestSet.Test.FeatureRow(0);
        var int8 = new float[10];
        var float32 = new float[10];
        FashionOnnxInt8Net.Predict(row, int8);
        FashionOnnxFloatNet.Predict(row, float32);

        Assert.NotEqual(float32, int8);
        Assert.Equal(FashionOnnxFloatNet.PredictClass(row), FashionOnnxInt8Net.PredictClass(row));
    }

    [Fact]
    public void A_non_finite_input_gives_NaN_outputs()
    {
        float[] input = FashionTestSet.Test.FeatureRow(1).ToArray();
        input[300] = float.NaN;
        var result = new float[10];

        FashionOnnxInt8Net.Predict(input, result);

        Assert.All(result, static v => Assert.True(float.IsNaN(v)));
    }
}
