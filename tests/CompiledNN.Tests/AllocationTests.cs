using System;
using System.Collections.Generic;
using CompiledNN.Tests.Networks;
using CompiledNN.Tests.Reference;
using Xunit;

namespace CompiledNN.Tests;

/// <summary>
/// Predict, PredictClass and PredictBatch allocate nothing per call, measured with
/// <see cref="GC.GetAllocatedBytesForCurrentThread"/> around many calls after a warm-up (the first calls may JIT and
/// grow the per-thread scratch), in up to three attempts.
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

        // A per-call allocation shows in every attempt; a one-off of the runtime's own (a thread-static block, a GC
        // allocation-context refill counted late) in at most one, so the calls get three attempts to allocate nothing.
        var attempts = new List<string>();
        for (int attempt = 0; attempt < 3; attempt++)
        {
            (long predict, long predictClass, long predictBatch) = Measure(instance, inputs, outputs, network.InputSize, network.OutputSize, rows);
            if (predict == 0 && predictClass == 0 && predictBatch == 0)
            {
                return;
            }

            attempts.Add($"Predict {predict} B, PredictClass {predictClass} B, PredictBatch {predictBatch} B");
        }

        Assert.Fail($"{name} allocated in every attempt of {Calls} calls: " + string.Join("; ", attempts));
    }

    private static (long Predict, long PredictClass, long PredictBatch) Measure(INetwork instance, float[] inputs, float[] outputs, int inputSize, int outputSize, int rows)
    {
        ReadOnlySpan<float> row = inputs.AsSpan(0, inputSize);
        Span<float> output = outputs.AsSpan(0, outputSize);
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
        return (afterPredict - before, afterPredictClass - afterPredict, afterPredictBatch - afterPredictClass);
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
