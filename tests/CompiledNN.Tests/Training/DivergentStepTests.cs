using System;
using System.Linq;
using CompiledNN.Tests.Batching;
using CompiledNN.Tests.Helpers;
using Xunit;

namespace CompiledNN.Tests.Training;

/// <summary>
/// A step whose loss and gradient are finite but which would leave a parameter beyond ±2⁶⁴ or the optimizer's state
/// not finite is undone whole and throws: the network is exactly as before the call (parameters, optimizer state and
/// step count, proved by a twin that never saw the call taking the same next step), and goes on training.
/// </summary>
public sealed class DivergentStepTests
{
    private static readonly float[] GoodRows = TestData.Uniform(3 * 4, 11, min: -1f);
    private static readonly int[] GoodClasses = [0, 2, 1];

    [Fact]
    public void AdamWithAHugeLearningRateIsUndone()
    {
        (AdamDivergenceNet network, AdamDivergenceNet twin) = Twins(static () => new AdamDivergenceNet(3));
        network.LearningRate = 1e38f;

        ArgumentException exception = Assert.ThrowsAny<ArgumentException>(() => network.TrainBatch(GoodRows, GoodClasses));

        Assert.Contains("undone", exception.Message, StringComparison.Ordinal);
        network.LearningRate = twin.LearningRate;
        AssertUnchanged(network, twin);
    }

    [Fact]
    public void SgdOnAFiniteRowOf1e30IsUndoneAndGoodRowsStillTrain()
    {
        (SgdDivergenceNet network, SgdDivergenceNet twin) = Twins(static () => new SgdDivergenceNet(3));
        float[] huge = AliveRow(network, 1e30f);

        // A class the network does not predict: for the one it predicts, the gradient of a row this large is 0.
        int wrong = (network.PredictClass(huge) + 1) % 3;

        Assert.ThrowsAny<ArgumentException>(() => network.TrainStep(huge, wrong));
        Assert.ThrowsAny<ArgumentException>(() => network.TrainBatch(huge, [wrong]));

        AssertUnchanged(network, twin);
        for (int step = 0; step < 5; step++)
        {
            Assert.True(float.IsFinite(network.TrainBatch(GoodRows, GoodClasses)));
        }
    }

    [Fact]
    public void AStepOnAGivenGradientThatDivergesIsUndone()
    {
        (SgdDivergenceNet network, SgdDivergenceNet twin) = Twins(static () => new SgdDivergenceNet(3));
        float[] gradient = Enumerable.Repeat(1e30f, SgdDivergenceNet.ParameterCount).ToArray();

        ArgumentException exception = Assert.ThrowsAny<ArgumentException>(() => network.ApplyGradient(gradient));

        Assert.Equal("gradient", exception.ParamName);
        Assert.Contains("this gradient", exception.Message, StringComparison.Ordinal);
        AssertUnchanged(network, twin);
    }

    [Fact]
    public void AStepInRangesOnSeveralThreadsIsUndoneInEveryRange()
    {
        // 20,110 parameters: two ranges of the optimizer step, run on two threads where there are two.
        var network = new MomentumClassifier(4) { MaxDegreeOfParallelism = 2 };
        var twin = new MomentumClassifier(4) { MaxDegreeOfParallelism = 2 };
        float[] inputs = TestData.Uniform(70 * MomentumClassifier.InputSize, 5, min: -1f);
        int[] classes = new int[70];
        for (int row = 0; row < classes.Length; row++)
        {
            classes[row] = row % MomentumClassifier.OutputSize;
        }

        Assert.Equal(twin.TrainBatch(inputs, classes), network.TrainBatch(inputs, classes));
        network.LearningRate = 3e38f;

        Assert.ThrowsAny<ArgumentException>(() => network.TrainBatch(inputs, classes));

        network.LearningRate = twin.LearningRate;
        Assert.Equal(TestData.Parameters(twin), TestData.Parameters(network));
        Assert.Equal(twin.TrainBatch(inputs, classes), network.TrainBatch(inputs, classes));
        Assert.Equal(TestData.Parameters(twin), TestData.Parameters(network));
    }

    /// <summary>
    /// Four features of ±<paramref name="magnitude"/>, the sign that makes some hidden ReLU unit positive: a row that
    /// left every unit at 0 would reach no weight but the output bias.
    /// </summary>
    private static float[] AliveRow(SgdDivergenceNet network, float magnitude)
    {
        float[] parameters = TestData.Parameters(network);
        bool positive = Enumerable.Range(0, 8).Any(unit => parameters.Skip(unit * 4).Take(4).Sum() + parameters[32 + unit] > 0);
        return Enumerable.Repeat(positive ? magnitude : -magnitude, 4).ToArray();
    }

    /// <summary>Two networks from the same seed after the same two steps, so that the optimizer state is not empty.</summary>
    private static (T Network, T Twin) Twins<T>(Func<T> create)
        where T : ITrainableNetwork
    {
        T network = create();
        T twin = create();
        for (int step = 0; step < 2; step++)
        {
            Assert.Equal(twin.TrainBatch(GoodRows, Targets()), network.TrainBatch(GoodRows, Targets()));
        }

        return (network, twin);
    }

    private static void AssertUnchanged(ITrainableNetwork network, ITrainableNetwork twin)
    {
        Assert.Equal(TestData.Parameters(twin), TestData.Parameters(network));
        Assert.Equal(twin.TrainBatch(GoodRows, Targets()), network.TrainBatch(GoodRows, Targets()));
        Assert.Equal(TestData.Parameters(twin), TestData.Parameters(network));
    }

    private static float[] Targets()
    {
        float[] targets = new float[GoodClasses.Length * 3];
        for (int row = 0; row < GoodClasses.Length; row++)
        {
            targets[(row * 3) + GoodClasses[row]] = 1f;
        }

        return targets;
    }
}
