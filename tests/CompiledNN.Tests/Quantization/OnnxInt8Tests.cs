using System;
using System.IO;
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
    private const string Directory = "/usr/share/datasets/fashion-mnist";

    private static readonly Lazy<Dataset> Test = new(static () =>
    {
        string images = Path.Combine(Directory, "t10k-images-idx3-ubyte.gz");
        Assert.True(File.Exists(images), $"Fashion-MNIST is not in {Directory} (Debian package dataset-fashion-mnist).");
        return IdxDataset.Load(images, Path.Combine(Directory, "t10k-labels-idx1-ubyte.gz"), classCount: 10);
    });

    [Fact]
    public void Int8_import_is_within_half_a_point_of_the_float_import_and_agrees_on_99_percent()
    {
        Dataset test = Test.Value;
        var int8 = new float[test.Count * 10];
        var float32 = new float[test.Count * 10];
        FashionOnnxInt8Net.PredictBatch(test.Features, int8);
        FashionOnnxFloatNet.PredictBatch(test.Features, float32);

        int int8Correct = 0, floatCorrect = 0, agree = 0;
        for (int row = 0; row < test.Count; row++)
        {
            int a = Runtime.Kernels.ArgMax(int8.AsSpan(row * 10, 10));
            int b = Runtime.Kernels.ArgMax(float32.AsSpan(row * 10, 10));
            int label = test.ClassOf(row);
            int8Correct += a == label ? 1 : 0;
            floatCorrect += b == label ? 1 : 0;
            agree += a == b ? 1 : 0;
        }

        double int8Accuracy = (double)int8Correct / test.Count;
        double floatAccuracy = (double)floatCorrect / test.Count;
        output.WriteLine($"int8 import {int8Accuracy:P2}, float import {floatAccuracy:P2}, agreement {(double)agree / test.Count:P2}");
        Assert.True(floatAccuracy > 0.85, $"float accuracy {floatAccuracy:P2}: the fixture is not the trained network");
        Assert.True(Math.Abs(int8Accuracy - floatAccuracy) <= 0.005, $"int8 {int8Accuracy:P2}, float {floatAccuracy:P2}");
        Assert.True(agree >= 0.99 * test.Count, $"int8 and float agree on {agree} of {test.Count}");
    }

    [Fact]
    public void Int8_import_gives_the_bits_of_the_same_weights_baked_as_int8()
    {
        Dataset test = Test.Value;
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
        ReadOnlySpan<float> row = Test.Value.FeatureRow(0);
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
        float[] input = Test.Value.FeatureRow(1).ToArray();
        input[300] = float.NaN;
        var result = new float[10];

        FashionOnnxInt8Net.Predict(input, result);

        Assert.All(result, static v => Assert.True(float.IsNaN(v)));
    }
}
