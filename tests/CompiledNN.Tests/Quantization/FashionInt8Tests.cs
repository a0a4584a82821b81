using System;
using System.IO;
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
    private const string Directory = "/usr/share/datasets/fashion-mnist";

    private static readonly Lazy<Dataset> Test = new(static () =>
    {
        string images = Path.Combine(Directory, "t10k-images-idx3-ubyte.gz");
        Assert.True(File.Exists(images), $"Fashion-MNIST is not in {Directory} (Debian package dataset-fashion-mnist).");
        return IdxDataset.Load(images, Path.Combine(Directory, "t10k-labels-idx1-ubyte.gz"), classCount: 10);
    });

    [Fact]
    public void Int8_is_within_half_a_point_of_float_and_agrees_on_99_percent()
    {
        Dataset test = Test.Value;
        var int8 = new float[test.Count * 10];
        var float32 = new float[test.Count * 10];
        FashionInt8Net.PredictBatch(test.Features, int8);
        FashionFloatNet.PredictBatch(test.Features, float32);

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
        output.WriteLine($"int8 {int8Accuracy:P2}, float {floatAccuracy:P2}, agreement {(double)agree / test.Count:P2}");
        Assert.True(floatAccuracy > 0.85, $"float accuracy {floatAccuracy:P2}: the fixture is not a trained network");
        Assert.True(Math.Abs(int8Accuracy - floatAccuracy) <= 0.005, $"int8 {int8Accuracy:P2}, float {floatAccuracy:P2}");
        Assert.True(agree >= 0.99 * test.Count, $"int8 and float agree on {agree} of {test.Count}");
    }

    [Fact]
    public void A_row_predicted_alone_gives_its_bits_in_a_batch()
    {
        Dataset test = Test.Value;
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
        float[] input = Test.Value.FeatureRow(0).ToArray();
        input[400] = bad;
        var output = new float[10];

        FashionInt8Net.Predict(input, output);

        Assert.All(output, static v => Assert.True(float.IsNaN(v)));
        Assert.Contains("NaN or an infinity", Assert.Throws<ArgumentException>(() => FashionInt8Net.PredictClass(input)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Predictions_allocate_nothing()
    {
        float[] inputs = Test.Value.Features[..(100 * 784)].ToArray();
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
