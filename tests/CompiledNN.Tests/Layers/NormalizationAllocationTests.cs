using System;
using System.Collections.Generic;
using System.Linq;
using CompiledNN.Tests.Parity.Normalization;
using Xunit;

namespace CompiledNN.Tests.Layers;

/// <summary>
/// A BatchNorm network allocates nothing per call once its training block has grown to the batch: training, the
/// gradients, the optimizer step and the running update, predictions and ComputeLoss, measured as
/// <see cref="AllocationTests"/> measures predictions (after a warm-up, in up to three attempts).
/// </summary>
public sealed class NormalizationAllocationTests
{
    private const int Calls = 50;

    [Fact]
    public void TrainingGradientsAndPredictionsOfABatchNormNetworkAllocateNothing()
    {
        var network = new ImageBatchNormMaxPoolMomentumCrossEntropyNet();
        const int Rows = 96; // more than one block of ChunkRows: the whole batch is one grown block
        var random = new Random(3);
        float[] inputs = Enumerable.Range(0, Rows * ImageBatchNormMaxPoolMomentumCrossEntropyNet.InputSize).Select(_ => (float)random.NextDouble()).ToArray();
        int[] classes = Enumerable.Range(0, Rows).Select(r => r % ImageBatchNormMaxPoolMomentumCrossEntropyNet.OutputSize).ToArray();
        float[] outputs = new float[Rows * ImageBatchNormMaxPoolMomentumCrossEntropyNet.OutputSize];
        float[] gradient = new float[ImageBatchNormMaxPoolMomentumCrossEntropyNet.ParameterCount];
        float[] buffers = new float[ImageBatchNormMaxPoolMomentumCrossEntropyNet.BufferCount];
        network.LearningRate = 1e-4f;

        void Calls1()
        {
            network.TrainBatch(inputs, classes);
            network.ComputeGradient(inputs, classes, gradient);
            network.ApplyGradient(gradient);
            network.Backward(inputs, outputs, gradient);
            network.PredictBatch(inputs, outputs);
            network.Predict(inputs.AsSpan(0, ImageBatchNormMaxPoolMomentumCrossEntropyNet.InputSize), outputs.AsSpan(0, ImageBatchNormMaxPoolMomentumCrossEntropyNet.OutputSize));
            network.ComputeLoss(inputs, classes);
            network.GetBuffers(buffers);
            network.SetBuffers(buffers);
        }

        for (int i = 0; i < 5; i++)
        {
            Calls1();
        }

        var attempts = new List<long>();
        for (int attempt = 0; attempt < 3; attempt++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < Calls; i++)
            {
                Calls1();
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (allocated == 0)
            {
                return;
            }

            attempts.Add(allocated);
        }

        Assert.Fail($"{Calls} rounds of calls allocated in every attempt: {string.Join(", ", attempts)} bytes.");
    }
}
