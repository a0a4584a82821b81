using System;
using System.IO;
using CompiledNN.Data;
using Xunit;

namespace CompiledNN.Tests.Quantization;

/// <summary>The 10,000 Fashion-MNIST test images, and the comparison of an int8 network with its float32 one on them.</summary>
internal static class FashionTestSet
{
    private const string Directory = "/usr/share/datasets/fashion-mnist";

    private static readonly Lazy<Dataset> Images = new(static () =>
    {
        string images = Path.Combine(Directory, "t10k-images-idx3-ubyte.gz");
        Assert.True(File.Exists(images), $"Fashion-MNIST is not in {Directory} (Debian package dataset-fashion-mnist).");
        return IdxDataset.Load(images, Path.Combine(Directory, "t10k-labels-idx1-ubyte.gz"), classCount: 10);
    });

    public static Dataset Test => Images.Value;

    public delegate void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs);

    /// <summary>
    /// Predicts the test set with both networks and checks the bar: the float network is trained (above 85 %),
    /// int8 is within half a point of its accuracy and gives its class on at least 99 % of the images.
    /// </summary>
    public static void Int8AgreesWithFloat(PredictBatch int8, PredictBatch float32, Action<string> log)
    {
        Dataset test = Test;
        var int8Outputs = new float[test.Count * 10];
        var floatOutputs = new float[test.Count * 10];
        int8(test.Features, int8Outputs);
        float32(test.Features, floatOutputs);

        int int8Correct = 0, floatCorrect = 0, agree = 0;
        for (int row = 0; row < test.Count; row++)
        {
            int a = Runtime.Kernels.ArgMax(int8Outputs.AsSpan(row * 10, 10));
            int b = Runtime.Kernels.ArgMax(floatOutputs.AsSpan(row * 10, 10));
            int label = test.ClassOf(row);
            int8Correct += a == label ? 1 : 0;
            floatCorrect += b == label ? 1 : 0;
            agree += a == b ? 1 : 0;
        }

        double int8Accuracy = (double)int8Correct / test.Count;
        double floatAccuracy = (double)floatCorrect / test.Count;
        log($"int8 {int8Accuracy:P2}, float {floatAccuracy:P2}, agreement {(double)agree / test.Count:P2}");
        Assert.True(floatAccuracy > 0.85, $"float accuracy {floatAccuracy:P2}: the fixture is not a trained network");
        Assert.True(Math.Abs(int8Accuracy - floatAccuracy) <= 0.005, $"int8 {int8Accuracy:P2}, float {floatAccuracy:P2}");
        Assert.True(agree >= 0.99 * test.Count, $"int8 and float agree on {agree} of {test.Count}");
    }
}
