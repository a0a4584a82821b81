using System;
using System.Linq;
using CompiledNN.Runtime;
using CompiledNN.Tests.Helpers;
using Xunit;

namespace CompiledNN.Tests.Batching;

/// <summary>
/// A layer's units shared between threads (<see cref="LayerSplit"/>): the bits of the whole layer on one thread for any
/// number of threads, rows and units, through the runtime and through a generated network, and clear errors for bad
/// arguments.
/// </summary>
public sealed class LayerSplitTests
{
    [Theory]
    [InlineData(784, 400)]
    [InlineData(130, 37)]
    [InlineData(300, 100)]
    [InlineData(17, 200)]
    [InlineData(64, 5)]
    public void EveryThreadCountGivesTheBitsOfTheLayerOnOneThread(int inputs, int units)
    {
        // The layer sits inside a larger array, as in a network's parameters, so that the offsets are exercised.
        const int Before = 3;
        float[] parameters = TestData.Uniform(Before + (inputs * units) + units + 5, units, min: -1f);
        foreach (int rows in new[] { 1, 3, 4, 64, 67 })
        {
            float[] x = TestData.Uniform(rows * inputs, inputs + rows, min: -1f);
            float[] expected = new float[rows * units];
            MatrixKernels.Linear(x, parameters.AsSpan(Before, inputs * units), parameters.AsSpan(Before + (inputs * units), units), expected, rows, inputs, units);
            foreach (int workers in new[] { 1, 2, 3, 5, 64 })
            {
                float[] z = new float[rows * units];
                LayerSplit.Linear(x, parameters, Before, Before + (inputs * units), z, rows, inputs, units, workers);
                Assert.Equal(expected, z);
            }
        }
    }

    [Fact]
    public void BadArgumentsAreRejectedBeforeAnythingIsWritten()
    {
        float[] parameters = new float[(8 * 4) + 4];
        float[] x = new float[16];
        float[] z = [7f, 7f, 7f, 7f, 7f, 7f, 7f, 7f];
        Assert.Throws<ArgumentException>(() => LayerSplit.Linear(new float[15], parameters, 0, 32, z, 2, 8, 4, 2));
        Assert.Throws<ArgumentException>(() => LayerSplit.Linear(x, parameters, 0, 32, new float[9], 2, 8, 4, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => LayerSplit.Linear(x, parameters, 5, 32, z, 2, 8, 4, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => LayerSplit.Linear(x, parameters, 0, 33, z, 2, 8, 4, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => LayerSplit.Linear(x, parameters, -1, 32, z, 2, 8, 4, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => LayerSplit.Linear(x, parameters, 0, 32, z, 2, 8, 4, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => LayerSplit.Linear(x, parameters, 0, 32, z, -1, 8, 4, 2));
        Assert.Throws<ArgumentNullException>(() => LayerSplit.Linear(x, null!, 0, 32, z, 2, 8, 4, 2));
        Assert.All(z, static value => Assert.Equal(7f, value));
    }

    [Fact]
    public void ANetworkWhoseLayerIsSplitPredictsAndTrainsAsOnOneThread()
    {
        const int Rows = 70;
        var split = new SplitLayerClassifier(11);
        var one = new SplitLayerClassifier(11) { MaxDegreeOfParallelism = 1 };
        Assert.Equal(BatchParallelism.MaxWorkers, split.MaxDegreeOfParallelism);
        float[] inputs = TestData.Uniform(Rows * SplitLayerClassifier.InputSize, 12, min: -1f);
        for (int row = 0; row < 3; row++)
        {
            ReadOnlySpan<float> input = inputs.AsSpan(row * SplitLayerClassifier.InputSize, SplitLayerClassifier.InputSize);
            float[] expected = new float[SplitLayerClassifier.OutputSize];
            float[] actual = new float[SplitLayerClassifier.OutputSize];
            one.Predict(input, expected);
            split.Predict(input, actual);
            Assert.Equal(expected, actual);
            Assert.Equal(one.TrainStep(input, row), split.TrainStep(input, row));
        }

        Assert.Equal(TestData.Parameters(one), TestData.Parameters(split));
        float[] batchOne = new float[Rows * SplitLayerClassifier.OutputSize];
        float[] batchSplit = new float[Rows * SplitLayerClassifier.OutputSize];
        one.PredictBatch(inputs, batchOne);
        split.PredictBatch(inputs, batchSplit);
        Assert.Equal(batchOne, batchSplit);
        Assert.True(batchSplit.All(float.IsFinite));
        for (int row = 0; row < Rows; row += 23)
        {
            float[] alone = new float[SplitLayerClassifier.OutputSize];
            split.Predict(inputs.AsSpan(row * SplitLayerClassifier.InputSize, SplitLayerClassifier.InputSize), alone);
            Assert.Equal(alone, batchSplit.AsSpan(row * SplitLayerClassifier.OutputSize, SplitLayerClassifier.OutputSize).ToArray());
        }
    }

    [Fact]
    public void ASplitLayerAllocatesNothingOnceWarm()
    {
        const int Rows = 64;
        var network = new SplitLayerClassifier(3);
        float[] inputs = TestData.Uniform(Rows * SplitLayerClassifier.InputSize, 4, min: -1f);
        float[] outputs = new float[Rows * SplitLayerClassifier.OutputSize];
        ReadOnlySpan<float> row = inputs.AsSpan(0, SplitLayerClassifier.InputSize);
        Span<float> output = outputs.AsSpan(0, SplitLayerClassifier.OutputSize);
        network.Predict(row, output);
        network.PredictBatch(inputs, outputs);

        // Three attempts, as in AllocationTests: a per-call allocation shows in each, a one-off of the runtime's in one.
        long allocated = long.MaxValue;
        for (int attempt = 0; attempt < 3 && allocated != 0; attempt++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int call = 0; call < 20; call++)
            {
                network.Predict(row, output);
                network.PredictBatch(inputs, outputs);
            }

            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Assert.Equal(0, allocated);
    }
}
