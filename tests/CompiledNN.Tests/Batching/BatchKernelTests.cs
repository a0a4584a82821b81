using System;
using System.Linq;
using CompiledNN.Runtime;
using CompiledNN.Tests.Helpers;
using Xunit;

namespace CompiledNN.Tests.Batching;

/// <summary>
/// The batched kernels (blocks of rows through register-blocked matrix products, spread over threads) against an
/// independent double-precision reference computed row by row, and their determinism: the same bits for one thread
/// and for two, and no allocation per call.
/// </summary>
public sealed class BatchKernelTests
{
    private static readonly int[] WideSizes = [200, 100, 37, 10];

    public static TheoryData<int, int> RowsAndThreads() => new()
    {
        { 1, 1 }, { 3, 2 }, { 64, 2 }, { 67, 1 }, { 67, 2 }, { 200, 2 },
    };

    [Theory]
    [MemberData(nameof(RowsAndThreads))]
    public void PredictBatchMatchesTheReference(int rows, int threads)
    {
        var network = new WideClassifier(3) { MaxDegreeOfParallelism = threads };
        var reference = new NaiveMlp(WideSizes, [Activation.ReLU, Activation.Tanh, Activation.Softmax], crossEntropy: true, TestData.Parameters(network));
        float[] inputs = TestData.Uniform(rows * WideClassifier.InputSize, rows, min: -1f);
        float[] outputs = new float[rows * WideClassifier.OutputSize];

        network.PredictBatch(inputs, outputs);

        for (int r = 0; r < rows; r++)
        {
            double[] expected = reference.Forward(inputs.AsSpan(r * WideClassifier.InputSize, WideClassifier.InputSize))[^1];
            for (int k = 0; k < WideClassifier.OutputSize; k++)
            {
                Assert.True(Math.Abs(outputs[(r * WideClassifier.OutputSize) + k] - expected[k]) <= 1e-5, $"row {r}, output {k}: {outputs[(r * WideClassifier.OutputSize) + k]} vs {expected[k]}");
            }
        }
    }

    [Fact]
    public void BatchesReadThePackedWeightsOfTheLastChange()
    {
        // The 200 × 100 layer is read from a packed copy in batches of 4 rows or more: a training step and SetParameters
        // must each show in the next batch, as in a network built afresh from the parameters.
        const int Rows = 16;
        var network = new WideClassifier(7) { MaxDegreeOfParallelism = 1 };
        float[] inputs = TestData.Uniform(Rows * WideClassifier.InputSize, 8, min: -1f);
        float[] before = new float[Rows * WideClassifier.OutputSize];
        network.PredictBatch(inputs, before);

        network.TrainBatch(inputs, Enumerable.Range(0, Rows).Select(static r => r % WideClassifier.OutputSize).ToArray());
        float[] trained = AssertBatchAsBuiltAfresh(network, inputs, Rows);
        Assert.NotEqual(before, trained);

        network.SetParameters(TestData.Uniform(WideClassifier.ParameterCount, 9, min: -0.1f));
        Assert.NotEqual(trained, AssertBatchAsBuiltAfresh(network, inputs, Rows));
    }

    private static float[] AssertBatchAsBuiltAfresh(WideClassifier network, float[] inputs, int rows)
    {
        var fresh = new WideClassifier(0) { MaxDegreeOfParallelism = 1 };
        fresh.SetParameters(TestData.Parameters(network));
        float[] expected = new float[rows * WideClassifier.OutputSize];
        fresh.PredictBatch(inputs, expected);
        float[] actual = new float[rows * WideClassifier.OutputSize];
        network.PredictBatch(inputs, actual);
        Assert.Equal(expected, actual);
        return actual;
    }

    [Fact]
    public void PredictBatchMatchesPredictRowByRow()
    {
        var network = new WideClassifier(5);
        const int Rows = 131;
        float[] inputs = TestData.Uniform(Rows * WideClassifier.InputSize, 11, min: -1f);
        float[] batch = new float[Rows * WideClassifier.OutputSize];
        float[] single = new float[WideClassifier.OutputSize];

        network.PredictBatch(inputs, batch);

        for (int r = 0; r < Rows; r++)
        {
            network.Predict(inputs.AsSpan(r * WideClassifier.InputSize, WideClassifier.InputSize), single);
            for (int k = 0; k < WideClassifier.OutputSize; k++)
            {
                Assert.True(Math.Abs(batch[(r * WideClassifier.OutputSize) + k] - single[k]) <= 1e-6, $"row {r}, output {k}");
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ClassifierGradientMatchesTheReference(int threads)
    {
        var network = new WideClassifier(7) { MaxDegreeOfParallelism = threads };
        const int Rows = 131;
        float[] inputs = TestData.Uniform(Rows * WideClassifier.InputSize, 12, min: -1f);
        float[] targets = OneHot(Rows, WideClassifier.OutputSize);
        var reference = new NaiveMlp(WideSizes, [Activation.ReLU, Activation.Tanh, Activation.Softmax], crossEntropy: true, TestData.Parameters(network));

        AssertGradient(reference.Gradient(inputs, targets, Rows), Gradient(network, inputs, targets));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void RegressorGradientMatchesTheReference(int threads)
    {
        var network = new WideRegressor(8) { MaxDegreeOfParallelism = threads };
        const int Rows = 70;
        float[] inputs = TestData.Uniform(Rows * WideRegressor.InputSize, 13, min: -1f);
        float[] targets = TestData.Uniform(Rows * WideRegressor.OutputSize, 14);
        var reference = new NaiveMlp([200, 100, 37, 3], [Activation.LeakyReLU, Activation.ReLU, Activation.Sigmoid], crossEntropy: false, TestData.Parameters(network));

        AssertGradient(reference.Gradient(inputs, targets, Rows), Gradient(network, inputs, targets));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(33)] // the smallest prediction split between threads (blocks of 32 rows)
    [InlineData(64)] // one training block, two prediction blocks
    [InlineData(65)]
    [InlineData(200)]
    public void TrainingIsBitIdenticalForOneAndTwoThreads(int rows)
    {
        float[] inputs = TestData.Uniform(rows * WideClassifier.InputSize, 21, min: -1f);
        float[] targets = OneHot(rows, WideClassifier.OutputSize);
        int[] classes = Enumerable.Range(0, rows).Select(static r => (r * 7) % WideClassifier.OutputSize).ToArray();
        var one = new WideClassifier(9) { MaxDegreeOfParallelism = 1 };
        var two = new WideClassifier(9) { MaxDegreeOfParallelism = 2 };

        for (int step = 0; step < 3; step++)
        {
            Assert.Equal(one.TrainBatch(inputs, targets), two.TrainBatch(inputs, targets));
            Assert.Equal(one.TrainBatch(inputs, classes), two.TrainBatch(inputs, classes));
        }

        Assert.Equal(one.ComputeLoss(inputs, targets), two.ComputeLoss(inputs, targets));
        Assert.Equal(Gradient(one, inputs, targets), Gradient(two, inputs, targets));
        Assert.Equal(BackwardGradient(one, inputs, targets), BackwardGradient(two, inputs, targets));
        Assert.Equal(TestData.Parameters(one), TestData.Parameters(two));
        float[] outputsOne = new float[rows * WideClassifier.OutputSize];
        float[] outputsTwo = new float[rows * WideClassifier.OutputSize];
        one.PredictBatch(inputs, outputsOne);
        two.PredictBatch(inputs, outputsTwo);
        Assert.Equal(outputsOne, outputsTwo);
    }

    public static TheoryData<string> SteppedOptimizers() => new() { "Momentum", "Nesterov", "AdaGrad", "RMSProp", "AdamW" };

    [Theory]
    [MemberData(nameof(SteppedOptimizers))]
    public void EveryOptimizerStepsInRangesOnTwoThreadsWithTheBitsOfOne(string optimizer)
    {
        // Adam is checked above; the parameters of these networks are two ranges of the step, one per thread.
        ITrainableNetwork one = Classifier(optimizer, threads: 1);
        ITrainableNetwork two = Classifier(optimizer, threads: 2);
        Assert.Equal(TestData.Parameters(one), TestData.Parameters(two));
        const int Rows = 65;
        float[] inputs = TestData.Uniform(Rows * 200, 31, min: -1f);
        float[] targets = OneHot(Rows, 10);
        float[] before = TestData.Parameters(one);
        for (int step = 0; step < 3; step++)
        {
            Assert.Equal(one.TrainBatch(inputs, targets), two.TrainBatch(inputs, targets));
            Assert.Equal(one.TrainStep(inputs.AsSpan(step * 200, 200), targets.AsSpan(step * 10, 10)), two.TrainStep(inputs.AsSpan(step * 200, 200), targets.AsSpan(step * 10, 10)));
        }

        Assert.NotEqual(before, TestData.Parameters(one));
        Assert.Equal(TestData.Parameters(one), TestData.Parameters(two));
    }

    private static ITrainableNetwork Classifier(string optimizer, int threads) => optimizer switch
    {
        "Momentum" => new MomentumClassifier(4) { MaxDegreeOfParallelism = threads },
        "Nesterov" => new NesterovClassifier(4) { MaxDegreeOfParallelism = threads },
        "AdaGrad" => new AdaGradClassifier(4) { MaxDegreeOfParallelism = threads },
        "RMSProp" => new RMSPropClassifier(4) { MaxDegreeOfParallelism = threads },
        _ => new AdamWClassifier(4) { MaxDegreeOfParallelism = threads },
    };

    [Fact]
    public void BatchesOnTwoThreadsAllocateNothingPerCall()
    {
        var network = new WideClassifier(4) { MaxDegreeOfParallelism = 2, LearningRate = 1e-6f };
        const int Rows = 200;
        float[] inputs = TestData.Uniform(Rows * WideClassifier.InputSize, 31, min: -1f);
        float[] targets = OneHot(Rows, WideClassifier.OutputSize);
        int[] classes = new int[Rows];
        float[] outputs = new float[Rows * WideClassifier.OutputSize];
        float[] gradient = new float[WideClassifier.ParameterCount];

        void Run()
        {
            network.PredictBatch(inputs, outputs);
            network.TrainBatch(inputs, targets);
            network.TrainBatch(inputs, classes);
            network.ComputeGradient(inputs, targets, gradient);
            network.Backward(inputs, targets, gradient);
            network.ApplyGradient(gradient);
        }

        // The runtime's tiered compilation re-compiles hot methods in the first calls and may allocate while it does; a
        // warmed-up call allocates nothing, so some round of five calls must show zero.
        long allocated = 0;
        for (int round = 0; round < 20; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 5; i++)
            {
                Run();
            }

            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (allocated == 0)
            {
                break;
            }
        }

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void DegreeOfParallelismBelowOneIsRejected()
    {
        var network = new WideClassifier { MaxDegreeOfParallelism = 1 };

        Assert.Throws<ArgumentOutOfRangeException>(() => network.MaxDegreeOfParallelism = 0);
        Assert.Equal(1, network.MaxDegreeOfParallelism);
    }

    private static float[] Gradient(ITrainableNetwork network, float[] inputs, float[] targets)
    {
        float[] gradient = new float[network.ParameterCount];
        network.ComputeGradient(inputs, targets, gradient);
        return gradient;
    }

    /// <summary>Backward with the targets standing in for output gradients.</summary>
    private static float[] BackwardGradient(ITrainableNetwork network, float[] inputs, float[] outputGradients)
    {
        float[] gradient = new float[network.ParameterCount];
        network.Backward(inputs, outputGradients, gradient);
        return gradient;
    }

    private static void AssertGradient(double[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = expected.Max(Math.Abs);
        for (int p = 0; p < expected.Length; p++)
        {
            Assert.True(Math.Abs(actual[p] - expected[p]) <= (1e-4 * scale) + (1e-3 * Math.Abs(expected[p])), $"parameter {p}: {actual[p]} vs {expected[p]}");
        }
    }

    private static float[] OneHot(int rows, int classes)
    {
        float[] targets = new float[rows * classes];
        for (int r = 0; r < rows; r++)
        {
            targets[(r * classes) + ((r * 7) % classes)] = 1f;
        }

        return targets;
    }
}
