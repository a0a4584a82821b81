using System;
using System.Linq;
using CompiledNN.Runtime;
using CompiledNN.Tests.Helpers;
using Xunit;

namespace CompiledNN.Tests.Batching;

/// <summary>
/// A layer's units shared between threads (<see cref="LayerSplit"/>), from transposed or packed weights: the bits of the
/// whole layer on one thread for any number of threads, rows and units, through the runtime and through a generated
/// network (whose batches follow every change of its parameters), and clear errors for bad arguments.
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
        var buffer = new AlignedBuffer(parameters);
        foreach (int rows in new[] { 1, 3, 4, 64, 67 })
        {
            float[] x = TestData.Uniform(rows * inputs, inputs + rows, min: -1f);
            float[] expected = new float[rows * units];
            MatrixKernels.Linear(x, parameters.AsSpan(Before, inputs * units), parameters.AsSpan(Before + (inputs * units), units), expected, rows, inputs, units);
            foreach (int workers in new[] { 1, 2, 3, 5, 64 })
            {
                float[] z = new float[rows * units];
                LayerSplit.Linear(x, buffer, Before, Before + (inputs * units), z, rows, inputs, units, workers);
                Assert.Equal(expected, z);
            }
        }
    }

    [Fact]
    public void BadArgumentsAreRejectedBeforeAnythingIsWritten()
    {
        var buffer = new AlignedBuffer((8 * 4) + 4);
        float[] x = new float[16];
        float[] z = [7f, 7f, 7f, 7f, 7f, 7f, 7f, 7f];
        Assert.Throws<ArgumentException>(() => LayerSplit.Linear(new float[15], buffer, 0, 32, z, 2, 8, 4, 2));
        Assert.Throws<ArgumentException>(() => LayerSplit.Linear(x, buffer, 0, 32, new float[9], 2, 8, 4, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => LayerSplit.Linear(x, buffer, 5, 32, z, 2, 8, 4, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => LayerSplit.Linear(x, buffer, 0, 33, z, 2, 8, 4, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => LayerSplit.Linear(x, buffer, -1, 32, z, 2, 8, 4, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => LayerSplit.Linear(x, buffer, 0, 32, z, 2, 8, 4, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => LayerSplit.Linear(x, buffer, 0, 32, z, -1, 8, 4, 2));
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
    public void OneRowSharedBetweenThreadsGivesTheBitsOfOneThreadAfterEveryChange()
    {
        // The shared row reads a packed copy of the weights (repacked by the 17th single prediction after a change; before,
        // it reads the transposed weights on one thread); the one-thread network never does, so a stale copy after
        // TrainStep, TrainBatch or SetParameters shows as a difference.
        const int Rows = 6;
        var shared = new RowSplitClassifier(41);
        var one = new RowSplitClassifier(41) { MaxDegreeOfParallelism = 1 };
        Assert.Equal(BatchParallelism.MaxWorkers, shared.MaxDegreeOfParallelism);
        float[] inputs = TestData.Uniform(Rows * RowSplitClassifier.InputSize, 42, min: -1f);
        int[] classes = [0, 1, 2, 3, 4, 5];
        AssertSameRows(one, shared, inputs, Rows);
        for (int row = 0; row < 3; row++)
        {
            ReadOnlySpan<float> input = inputs.AsSpan(row * RowSplitClassifier.InputSize, RowSplitClassifier.InputSize);
            Assert.Equal(one.TrainStep(input, row), shared.TrainStep(input, row));
            AssertSameRows(one, shared, inputs, Rows);
        }

        Assert.Equal(one.TrainBatch(inputs, classes), shared.TrainBatch(inputs, classes));
        AssertSameRows(one, shared, inputs, Rows);
        float[] parameters = TestData.Uniform(RowSplitClassifier.ParameterCount, 43, min: -0.1f);
        one.SetParameters(parameters);
        shared.SetParameters(parameters);
        AssertSameRows(one, shared, inputs, Rows);
        Assert.Equal(TestData.Parameters(one), TestData.Parameters(shared));
    }

    private static void AssertSameRows(INetwork one, INetwork shared, float[] inputs, int rows)
    {
        float[] batch = new float[rows * RowSplitClassifier.OutputSize];
        shared.PredictBatch(inputs, batch);
        for (int prediction = 0; prediction < 30; prediction++)
        {
            int row = prediction % rows;
            ReadOnlySpan<float> input = inputs.AsSpan(row * RowSplitClassifier.InputSize, RowSplitClassifier.InputSize);
            float[] expected = new float[RowSplitClassifier.OutputSize];
            float[] actual = new float[RowSplitClassifier.OutputSize];
            one.Predict(input, expected);
            shared.Predict(input, actual);
            Assert.Equal(expected, actual);
            Assert.Equal(actual, batch.AsSpan(row * RowSplitClassifier.OutputSize, RowSplitClassifier.OutputSize).ToArray());
        }
    }

    [Fact]
    public void ASplitLayerAllocatesNothingOnceWarm()
    {
        AssertNoAllocation(new SplitLayerClassifier(3));
        AssertNoAllocation(new RowSplitClassifier(3));
    }

    private static void AssertNoAllocation(INetwork network)
    {
        const int Rows = 64;
        float[] inputs = TestData.Uniform(Rows * network.InputSize, 4, min: -1f);
        float[] outputs = new float[Rows * network.OutputSize];
        ReadOnlySpan<float> row = inputs.AsSpan(0, network.InputSize);
        Span<float> output = outputs.AsSpan(0, network.OutputSize);
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

    [Theory]
    [InlineData(784, 400)]
    [InlineData(130, 37)]
    [InlineData(300, 100)]
    [InlineData(17, 200)]
    [InlineData(64, 64)]
    public void PackedWeightsGiveTheBitsOfTheTransposedOnes(int inputs, int units)
    {
        const int Before = 3;
        float[] parameters = TestData.Uniform(Before + (inputs * units) + units, units + 7, min: -1f);
        var buffer = new AlignedBuffer(parameters);
        ReadOnlySpan<float> weights = parameters.AsSpan(Before, inputs * units);
        ReadOnlySpan<float> bias = parameters.AsSpan(Before + (inputs * units), units);
        float[] packed = new float[5 + (inputs * units)];
        MatrixKernels.Pack(weights, packed.AsSpan(5, inputs * units), inputs, units);
        foreach (int rows in new[] { 1, 3, 4, 64, 67 })
        {
            float[] x = TestData.Uniform(rows * inputs, rows + 11, min: -1f);
            float[] expected = new float[rows * units];
            MatrixKernels.Linear(x, weights, bias, expected, rows, inputs, units);
            float[] z = new float[rows * units];
            MatrixKernels.LinearPacked(x, packed.AsSpan(5, inputs * units), bias, z, rows, inputs, units);
            Assert.Equal(expected, z);
            foreach (int workers in new[] { 1, 2, 3 })
            {
                Array.Clear(z);
                LayerSplit.LinearPacked(x, packed, 5, buffer, Before + (inputs * units), z, rows, inputs, units, workers);
                Assert.Equal(expected, z);
            }
        }
    }

    [Fact]
    public void BatchesFollowTheParametersAfterEveryChange()
    {
        // Batches and single predictions of a network with a large layer read a packed copy of its weights: a change of
        // the parameters, by SetParameters or a training step, must show in the next batch and single prediction.
        const int Rows = 5;
        var network = new SplitLayerClassifier(21) { MaxDegreeOfParallelism = 1 };
        float[] inputs = TestData.Uniform(Rows * SplitLayerClassifier.InputSize, 22, min: -1f);
        AssertBatchMatchesRows(network, inputs, Rows);
        network.TrainBatch(inputs, [0, 1, 2, 3, 4]);
        AssertBatchMatchesRows(network, inputs, Rows);
        network.SetParameters(TestData.Uniform(SplitLayerClassifier.ParameterCount, 23, min: -0.1f));
        AssertBatchMatchesRows(network, inputs, Rows);
        network.MaxDegreeOfParallelism = 2;
        network.TrainStep(inputs.AsSpan(0, SplitLayerClassifier.InputSize), 3);
        AssertBatchMatchesRows(network, inputs, Rows);
    }

    private static void AssertBatchMatchesRows(SplitLayerClassifier network, float[] inputs, int rows)
    {
        // A network built from the current parameters packs them afresh: its batch is what any stale copy would miss.
        var reference = new SplitLayerClassifier(0) { MaxDegreeOfParallelism = 1 };
        reference.SetParameters(TestData.Parameters(network));
        float[] expected = new float[rows * SplitLayerClassifier.OutputSize];
        reference.PredictBatch(inputs, expected);
        float[] batch = new float[rows * SplitLayerClassifier.OutputSize];
        network.PredictBatch(inputs, batch);
        Assert.Equal(expected, batch);

        // Enough single predictions that they read the packed copy too (from the 17th ask on): 400 units are more than one
        // pass of the one-row tile, so even one thread reads it.
        for (int prediction = 0; prediction < 30; prediction++)
        {
            int row = prediction % rows;
            float[] alone = new float[SplitLayerClassifier.OutputSize];
            network.Predict(inputs.AsSpan(row * SplitLayerClassifier.InputSize, SplitLayerClassifier.InputSize), alone);
            Assert.Equal(expected.AsSpan(row * SplitLayerClassifier.OutputSize, SplitLayerClassifier.OutputSize).ToArray(), alone);
        }
    }

    [Fact]
    public void ConcurrentBatchesAfterAChangeEachSeeTheNewParameters()
    {
        // Four callers find the packed weights stale at once: one packs them, the others wait for it, all read the new ones.
        const int Rows = 70;
        const int Callers = 4;
        var network = new SplitLayerClassifier(31);
        float[] inputs = TestData.Uniform(Rows * SplitLayerClassifier.InputSize, 32, min: -1f);
        float[] expected = new float[Rows * SplitLayerClassifier.OutputSize];
        network.PredictBatch(inputs, expected);
        network.SetParameters(TestData.Uniform(SplitLayerClassifier.ParameterCount, 33, min: -0.1f));
        var reference = new SplitLayerClassifier(31) { MaxDegreeOfParallelism = 1 };
        reference.SetParameters(TestData.Uniform(SplitLayerClassifier.ParameterCount, 33, min: -0.1f));
        reference.PredictBatch(inputs, expected);

        float[][] outputs = new float[Callers][];
        using var start = new System.Threading.Barrier(Callers);
        System.Threading.Tasks.Parallel.For(0, Callers, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = Callers }, caller =>
        {
            outputs[caller] = new float[Rows * SplitLayerClassifier.OutputSize];
            start.SignalAndWait();
            network.PredictBatch(inputs, outputs[caller]);
        });

        Assert.All(outputs, output => Assert.Equal(expected, output));
    }
}
