using System.Linq;
using CompiledNN.Runtime;
using CompiledNN.Tests.Helpers;
using Xunit;

namespace CompiledNN.Tests.Batching;

/// <summary>
/// The default degree of parallelism: every processor for networks whose block of rows is enough work for a thread
/// (8 k weights or more), the calling thread alone below that; and the default gives the bits one thread gives.
/// </summary>
public sealed class DefaultParallelismTests
{
    [Fact]
    public void LargeNetworksUseEveryProcessorByDefault()
    {
        Assert.Equal(BatchParallelism.MaxWorkers, new ThreadedClassifier().MaxDegreeOfParallelism);
        Assert.Equal(BatchParallelism.MaxWorkers, new WideClassifier().MaxDegreeOfParallelism);
        Assert.Equal(System.Environment.ProcessorCount, BatchParallelism.MaxWorkers);
    }

    [Fact]
    public void SmallerNetworksUseTheCallingThreadByDefault()
    {
        // 64-32-10: 2,368 weights.
        Assert.Equal(1, new CompiledNN.Tests.Networks.LargeFirstLayerClassifierNet().MaxDegreeOfParallelism);
    }

    [Fact]
    public void TrainingWithTheDefaultIsBitIdenticalToOneThread()
    {
        const int Rows = 300;
        float[] inputs = TestData.Uniform(Rows * ThreadedClassifier.InputSize, 41, min: -1f);
        int[] classes = Enumerable.Range(0, Rows).Select(static r => (r * 3) % ThreadedClassifier.OutputSize).ToArray();
        var byDefault = new ThreadedClassifier(5);
        var one = new ThreadedClassifier(5) { MaxDegreeOfParallelism = 1 };

        for (int step = 0; step < 3; step++)
        {
            Assert.Equal(one.TrainBatch(inputs, classes), byDefault.TrainBatch(inputs, classes));
        }

        Assert.Equal(TestData.Parameters(one), TestData.Parameters(byDefault));
        float[] outputsOne = new float[Rows * ThreadedClassifier.OutputSize];
        float[] outputsDefault = new float[Rows * ThreadedClassifier.OutputSize];
        one.PredictBatch(inputs, outputsOne);
        byDefault.PredictBatch(inputs, outputsDefault);
        Assert.Equal(outputsOne, outputsDefault);
    }
}
