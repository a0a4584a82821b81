using System;
using System.Linq;
using CompiledNN.Runtime;
using CompiledNN.Tests.Helpers;
using Xunit;

namespace CompiledNN.Tests.Batching;

/// <summary>
/// Any <c>MaxDegreeOfParallelism</c> from 1 to <see cref="int.MaxValue"/> works and gives the bits one thread gives:
/// a value above the processor count uses every processor (once, a count near <see cref="int.MaxValue"/> overflowed
/// the size of a layer's shares).
/// </summary>
public sealed class ParallelismLimitTests
{
    public static TheoryData<int> HugeCounts() => [int.MaxValue - 510, int.MaxValue - 1, int.MaxValue];

    [Theory]
    [MemberData(nameof(HugeCounts))]
    public void NetworksWithSharedLayersPredictAndTrainWithAnyCount(int threads)
    {
        const int Rows = 70;
        float[] inputs = TestData.Uniform(Rows * SplitLayerClassifier.InputSize, 31);
        int[] classes = Enumerable.Range(0, Rows).Select(static r => r % SplitLayerClassifier.OutputSize).ToArray();
        var one = new SplitLayerClassifier(2) { MaxDegreeOfParallelism = 1 };
        var many = new SplitLayerClassifier(2) { MaxDegreeOfParallelism = threads };

        Assert.Equal(one.TrainBatch(inputs, classes), many.TrainBatch(inputs, classes));
        Assert.Equal(Predictions(one, inputs, Rows), Predictions(many, inputs, Rows));
        for (int row = 0; row < 20; row++)
        {
            Assert.Equal(Prediction(one, inputs, row), Prediction(many, inputs, row));
        }
    }

    [Theory]
    [MemberData(nameof(HugeCounts))]
    public void LayerSplitTakesAnyCount(int workers)
    {
        const int Rows = 5, Inputs = 300, Units = 200;
        float[] x = TestData.Uniform(Rows * Inputs, 32, min: -1f);
        var buffer = new AlignedBuffer(TestData.Uniform((Inputs * Units) + Units, 33, min: -1f));
        float[] expected = new float[Rows * Units];
        float[] actual = new float[Rows * Units];

        LayerSplit.Linear(x, buffer, 0, Inputs * Units, expected, Rows, Inputs, Units, workers: 1);
        LayerSplit.Linear(x, buffer, 0, Inputs * Units, actual, Rows, Inputs, Units, workers);

        Assert.Equal(expected, actual);
    }

    private static float[] Predictions(SplitLayerClassifier network, float[] inputs, int rows)
    {
        float[] outputs = new float[rows * SplitLayerClassifier.OutputSize];
        network.PredictBatch(inputs, outputs);
        return outputs;
    }

    private static float[] Prediction(SplitLayerClassifier network, float[] inputs, int row)
    {
        float[] output = new float[SplitLayerClassifier.OutputSize];
        network.Predict(inputs.AsSpan(row * SplitLayerClassifier.InputSize, SplitLayerClassifier.InputSize), output);
        return output;
    }
}
