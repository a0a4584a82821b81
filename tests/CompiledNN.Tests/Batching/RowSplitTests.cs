using System;
using System.Linq;
using CompiledNN.Runtime;
using CompiledNN.Tests.Helpers;
using Xunit;

namespace CompiledNN.Tests.Batching;

/// <summary>
/// One row's layer shared between threads (<see cref="RowSplit"/>): the bits of the whole layer on one thread for any
/// number of threads and units, through the runtime and through a generated network, and clear errors for bad arguments.
/// </summary>
public sealed class RowSplitTests
{
    [Theory]
    [InlineData(784, 400)]
    [InlineData(130, 37)]
    [InlineData(300, 100)]
    [InlineData(17, 16)]
    [InlineData(64, 5)]
    public void EveryThreadCountGivesTheBitsOfTheLayerOnOneThread(int inputs, int units)
    {
        // The layer sits inside a larger array, as in a network's parameters, so that the offsets are exercised.
        const int Before = 3;
        float[] parameters = TestData.Uniform(Before + (inputs * units) + units + 5, units, min: -1f);
        float[] x = TestData.Uniform(inputs, inputs + 1, min: -1f);
        float[] expected = new float[units];
        MatrixKernels.Linear(x, parameters.AsSpan(Before, inputs * units), parameters.AsSpan(Before + (inputs * units), units), expected, 1, inputs, units);

        foreach (int workers in new[] { 1, 2, 3, 5, 64 })
        {
            float[] z = new float[units];
            RowSplit.Linear(x, parameters, Before, Before + (inputs * units), z, inputs, units, workers);
            Assert.Equal(expected, z);
        }
    }

    [Fact]
    public void BadArgumentsAreRejectedBeforeAnythingIsWritten()
    {
        float[] parameters = new float[(8 * 4) + 4];
        float[] x = new float[8];
        float[] z = [7f, 7f, 7f, 7f];
        Assert.Throws<ArgumentException>(() => RowSplit.Linear(new float[7], parameters, 0, 32, z, 8, 4, 2));
        Assert.Throws<ArgumentException>(() => RowSplit.Linear(x, parameters, 0, 32, new float[5], 8, 4, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => RowSplit.Linear(x, parameters, 5, 32, z, 8, 4, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => RowSplit.Linear(x, parameters, 0, 33, z, 8, 4, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => RowSplit.Linear(x, parameters, -1, 32, z, 8, 4, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => RowSplit.Linear(x, parameters, 0, 32, z, 8, 4, 0));
        Assert.Throws<ArgumentNullException>(() => RowSplit.Linear(x, null!, 0, 32, z, 8, 4, 2));
        Assert.All(z, static value => Assert.Equal(7f, value));
    }

    [Fact]
    public void ANetworkWhoseRowIsSplitPredictsAndTrainsAsOnOneThread()
    {
        var split = new SplitRowClassifier(11);
        var one = new SplitRowClassifier(11) { MaxDegreeOfParallelism = 1 };
        Assert.Equal(BatchParallelism.MaxWorkers, split.MaxDegreeOfParallelism);
        float[] inputs = TestData.Uniform(3 * SplitRowClassifier.InputSize, 12, min: -1f);
        for (int row = 0; row < 3; row++)
        {
            ReadOnlySpan<float> input = inputs.AsSpan(row * SplitRowClassifier.InputSize, SplitRowClassifier.InputSize);
            float[] expected = new float[SplitRowClassifier.OutputSize];
            float[] actual = new float[SplitRowClassifier.OutputSize];
            one.Predict(input, expected);
            split.Predict(input, actual);
            Assert.Equal(expected, actual);
            Assert.Equal(one.TrainStep(input, row), split.TrainStep(input, row));
        }

        Assert.Equal(TestData.Parameters(one), TestData.Parameters(split));
        float[] batchOne = new float[3 * SplitRowClassifier.OutputSize];
        float[] batchSplit = new float[3 * SplitRowClassifier.OutputSize];
        one.PredictBatch(inputs, batchOne);
        split.PredictBatch(inputs, batchSplit);
        Assert.Equal(batchOne, batchSplit);
        float[] alone = new float[SplitRowClassifier.OutputSize];
        split.Predict(inputs.AsSpan(2 * SplitRowClassifier.InputSize, SplitRowClassifier.InputSize), alone);
        Assert.Equal(alone, batchSplit.AsSpan(2 * SplitRowClassifier.OutputSize).ToArray());
        Assert.True(batchSplit.All(float.IsFinite));
    }
}
