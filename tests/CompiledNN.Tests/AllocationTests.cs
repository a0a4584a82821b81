using System;
using CompiledNN.Tests.Networks;
using CompiledNN.Tests.Reference;
using Xunit;

namespace CompiledNN.Tests;

/// <summary>
/// Predict, PredictClass and PredictBatch allocate nothing per call, measured with
/// <see cref="GC.GetAllocatedBytesForCurrentThread"/> around many calls after a warm-up (the first calls may JIT and
/// prime the array pool's per-thread cache).
/// </summary>
public sealed class AllocationTests
{
    private const int Calls = 200;

    [Theory]
    [InlineData(nameof(IrisNet))]
    [InlineData(nameof(SoftmaxUnrolledNet))]
    [InlineData(nameof(SoftmaxVectorizedNet))]
    [InlineData(nameof(PooledScratchNet))]
    public void Predict_PredictClass_and_PredictBatch_allocate_nothing(string name)
    {
        NetworkCase network = NetworkCase.All[name];
        INetwork instance = network.Create();
        instance.SetParameters(network.RandomParameters(seed: 1));
        const int rows = 8;
        float[] inputs = network.RandomInputs(rows, seed: 2);
        float[] outputs = new float[rows * network.OutputSize];
        ReadOnlySpan<float> row = inputs.AsSpan(0, network.InputSize);
        Span<float> output = outputs.AsSpan(0, network.OutputSize);

        for (int i = 0; i < 10; i++)
        {
            instance.Predict(row, output);
            PredictClass(instance, row);
            instance.PredictBatch(inputs, outputs);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Calls; i++)
        {
            instance.Predict(row, output);
        }

        long afterPredict = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Calls; i++)
        {
            PredictClass(instance, row);
        }

        long afterPredictClass = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Calls / rows; i++)
        {
            instance.PredictBatch(inputs, outputs);
        }

        long afterPredictBatch = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(0, afterPredict - before);
        Assert.Equal(0, afterPredictClass - afterPredict);
        Assert.Equal(0, afterPredictBatch - afterPredictClass);
    }

    private static int PredictClass(INetwork network, ReadOnlySpan<float> input) => network switch
    {
        IrisNet n => n.PredictClass(input),
        SoftmaxUnrolledNet n => n.PredictClass(input),
        SoftmaxVectorizedNet n => n.PredictClass(input),
        PooledScratchNet n => n.PredictClass(input),
        _ => throw new ArgumentException($"{network.GetType().Name} is not a classifier of this test.", nameof(network)),
    };
}
