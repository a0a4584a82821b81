using System;
using CompiledNN.Tests.Parity.Normalization;
using Xunit;

namespace CompiledNN.Tests.Layers;

/// <summary>What batch normalisation refuses in training, and what it leaves alone: PyTorch's rules for a batch of one.</summary>
public sealed class NormalizationTrainingTests
{
    [Fact]
    public void ABatchOfOneRowIsRefusedInTrainingAfterADenseLayerAndNothingChanges()
    {
        var network = new DenseBatchNormSgdMseNet(seed: 4);
        float[] before = Parameters(network);
        float[] row = [0.1f, -0.2f, 0.3f, 0.4f, -0.5f];
        float[] target = [1f, 0f, -1f];

        var error = Assert.Throws<ArgumentException>(() => network.TrainStep(row, target));
        Assert.Equal("inputs", error.ParamName);
        Assert.Contains("one row", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => network.TrainBatch(row, target));
        Assert.Throws<ArgumentException>(() => network.ComputeGradient(row, target, new float[DenseBatchNormSgdMseNet.ParameterCount]));
        Assert.Equal(before, Parameters(network));
        float[] buffers = new float[DenseBatchNormSgdMseNet.BufferCount];
        network.GetBuffers(buffers);
        Assert.Equal([0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f], buffers);

        // Predictions and ComputeLoss use the running statistics, so one row is fine there.
        float[] output = new float[3];
        network.Predict(row, output);
        Assert.True(float.IsFinite(output[0]));
    }

    [Fact]
    public void OneRowOfChannelsHasSeveralValuesPerChannelAndTrains()
    {
        var network = new SignalBatchNormAdamMseNet(seed: 5);
        float[] row = new float[SignalBatchNormAdamMseNet.InputSize];
        for (int i = 0; i < row.Length; i++)
        {
            row[i] = MathF.Sin(i);
        }

        float[] before = new float[SignalBatchNormAdamMseNet.BufferCount];
        network.GetBuffers(before);
        float loss = network.TrainStep(row, [0.5f, -0.5f]);
        Assert.True(float.IsFinite(loss));
        float[] after = new float[SignalBatchNormAdamMseNet.BufferCount];
        network.GetBuffers(after);
        Assert.NotEqual(before, after);
    }

    private static float[] Parameters(INetwork network)
    {
        float[] values = new float[network.ParameterCount];
        network.GetParameters(values);
        return values;
    }
}
