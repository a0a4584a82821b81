using System;
using CompiledNN.Tests.Helpers;
using CompiledNN.Tests.Parity;
using Xunit;

namespace CompiledNN.Tests.Training;

/// <summary>The learning rate and the optimizer state as members: defaults, changes between steps, and reset.</summary>
public sealed class OptimizerStateTests
{
    private static readonly float[] Inputs = TestData.Uniform(4 * RegressionNet.InputSize, 11);
    private static readonly float[] Targets = TestData.Uniform(4 * RegressionNet.OutputSize, 12);

    [Fact]
    public void LearningRateStartsAtTheDeclaredValueOrTheOptimizersDefault()
    {
        Assert.Equal(0.05f, new RegressionNet().LearningRate);
        Assert.Equal(0.001f, new AdamDefaultsNet().LearningRate); // Adam's default
        Assert.Equal(0.01f, new AdaGradWeightDecayBceNet().LearningRate); // the default of the others
    }

    [Fact]
    public void ANewLearningRateIsUsedByTheNextStep()
    {
        // SGD without weight decay: w ← w − η g exactly, with g the mean gradient ComputeGradient reports.
        var network = new RegressionNet(seed: 2);
        network.TrainBatch(Inputs, Targets);
        network.LearningRate = 0.3f;
        Assert.Equal(0.3f, network.LearningRate);
        float[] before = TestData.Parameters(network);
        float[] gradient = new float[RegressionNet.ParameterCount];
        network.ComputeGradient(Inputs, Targets, gradient);

        network.TrainBatch(Inputs, Targets);
        float[] expected = new float[before.Length];
        for (int p = 0; p < expected.Length; p++)
        {
            expected[p] = before[p] - (0.3f * gradient[p]);
        }

        Compare.AllClose(expected, TestData.Parameters(network), 1e-6, "parameters after a step at η = 0.3");
    }

    [Fact]
    public void ResetOptimizerStartsTheStateAfreshAsANewNetworkHasIt()
    {
        // Adam's moments and step count: after a reset, the next step is the first step of a new optimizer.
        var network = new ClassifierNet(seed: 4);
        for (int step = 0; step < 5; step++)
        {
            network.TrainBatch(TestData.Uniform(3 * ClassifierNet.InputSize, step), TestData.Uniform(3 * ClassifierNet.OutputSize, 100 + step));
        }

        network.ResetOptimizer();
        var fresh = new ClassifierNet(seed: 99);
        fresh.SetParameters(TestData.Parameters(network));
        float[] inputs = TestData.Uniform(3 * ClassifierNet.InputSize, 50);
        int[] classes = [1, 4, 2];
        Assert.Equal(fresh.TrainBatch(inputs, classes), network.TrainBatch(inputs, classes));
        Assert.Equal(TestData.Parameters(fresh), TestData.Parameters(network));
    }

    [Fact]
    public void SetParametersKeepsTheOptimizerState()
    {
        // Momentum's velocity survives SetParameters: two networks with different histories, given the same
        // parameters, take different steps; with the same history they take the same.
        var trained = new LargeMomentumCrossEntropyNet(seed: 1);
        var other = new LargeMomentumCrossEntropyNet(seed: 1);
        float[] inputs = TestData.Uniform(2 * LargeMomentumCrossEntropyNet.InputSize, 8);
        int[] classes = [3, 0];
        trained.TrainBatch(inputs, classes);
        other.SetParameters(TestData.Parameters(trained));
        trained.TrainBatch(inputs, classes);
        other.TrainBatch(inputs, classes);
        Assert.NotEqual(TestData.Parameters(trained), TestData.Parameters(other));
    }

    [Fact]
    public void TrainStepIsTrainBatchOfOneRow()
    {
        var byStep = new RegressionNet(seed: 6);
        var byBatch = new RegressionNet(seed: 6);
        for (int row = 0; row < 4; row++)
        {
            ReadOnlySpan<float> input = Inputs.AsSpan(row * RegressionNet.InputSize, RegressionNet.InputSize);
            ReadOnlySpan<float> target = Targets.AsSpan(row * RegressionNet.OutputSize, RegressionNet.OutputSize);
            Compare.Close(byBatch.TrainBatch(input, target), byStep.TrainStep(input, target), 1e-6, $"loss of row {row}");
        }

        Compare.AllClose(TestData.Parameters(byBatch), TestData.Parameters(byStep), 1e-6, "parameters after one step per row");
    }
}
