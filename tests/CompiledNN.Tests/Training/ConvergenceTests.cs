using System;
using Xunit;
using Xunit.Abstractions;

namespace CompiledNN.Tests.Training;

/// <summary>Training actually learns: XOR from several random starts, and a linearly separable toy to 100 % accuracy.</summary>
public sealed class ConvergenceTests(ITestOutputHelper output)
{
    private static readonly float[] XorInputs = [0, 0, 0, 1, 1, 0, 1, 1];
    private static readonly float[] XorTargets = [0, 1, 1, 0];

    public static TheoryData<int> Seeds() => [0, 1, 2, 3, 4];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void XorWithTanhHiddenLayerReachesALossBelowOnePercent(int seed) =>
        AssertLearnsXor(new XorTanhNet(seed), $"2-4-1 tanh/sigmoid, seed {seed}");

    [Theory]
    [MemberData(nameof(Seeds))]
    public void XorWithReLUHiddenLayerReachesALossBelowOnePercent(int seed) =>
        AssertLearnsXor(new XorReLUNet(seed), $"2-8-1 ReLU/sigmoid, seed {seed}");

    [Fact]
    public void LinearlySeparableClassesReachFullTrainingAccuracy()
    {
        // Three clusters of radius < 1 around centres more than 3 apart: a line separates every pair.
        (float X, float Y)[] centres = [(-2f, 0f), (2f, 0f), (0f, 3f)];
        const int PerClass = 20;
        var random = new Random(7);
        float[] inputs = new float[centres.Length * PerClass * 2];
        int[] classes = new int[centres.Length * PerClass];
        for (int i = 0; i < classes.Length; i++)
        {
            classes[i] = i % centres.Length;
            double angle = 2 * Math.PI * random.NextDouble();
            double radius = random.NextDouble();
            inputs[2 * i] = centres[classes[i]].X + (float)(radius * Math.Cos(angle));
            inputs[(2 * i) + 1] = centres[classes[i]].Y + (float)(radius * Math.Sin(angle));
        }

        var network = new LinearClassifierNet(seed: 1);
        int epochs = 0;
        while (Accuracy(network, inputs, classes) < 1.0 && epochs < 500)
        {
            network.TrainBatch(inputs, classes);
            epochs++;
        }

        output.WriteLine($"100 % after {epochs} full-batch epochs; loss {network.ComputeLoss(inputs, classes):G4}");
        Assert.Equal(1.0, Accuracy(network, inputs, classes));
    }

    private void AssertLearnsXor(ITrainableNetwork network, string what)
    {
        const int MaxSteps = 5000;
        float loss = float.PositiveInfinity;
        int steps = 0;
        while (steps < MaxSteps && (loss = network.ComputeLoss(XorInputs, XorTargets)) >= 0.01f)
        {
            network.TrainBatch(XorInputs, XorTargets);
            steps++;
        }

        output.WriteLine($"{what}: loss {loss:G4} after {steps} steps");
        Assert.True(loss < 0.01f, $"{what}: the loss is still {loss} after {MaxSteps} steps.");
        float[] prediction = new float[1];
        for (int row = 0; row < 4; row++)
        {
            network.Predict(XorInputs.AsSpan(2 * row, 2), prediction);
            Assert.True(Math.Abs(prediction[0] - XorTargets[row]) < 0.1f, $"{what}: XOR of row {row} predicted {prediction[0]}.");
        }
    }

    private static double Accuracy(LinearClassifierNet network, float[] inputs, int[] classes)
    {
        int correct = 0;
        for (int i = 0; i < classes.Length; i++)
        {
            correct += network.PredictClass(inputs.AsSpan(2 * i, 2)) == classes[i] ? 1 : 0;
        }

        return (double)correct / classes.Length;
    }
}
