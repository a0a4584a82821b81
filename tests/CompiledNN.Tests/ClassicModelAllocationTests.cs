using System;
using CompiledNN.Tests.Networks;
using Xunit;

namespace CompiledNN.Tests;

/// <summary>Neurons and perceptrons allocate nothing per call once warmed up (Fit's row order is its one allocation).</summary>
public class ClassicModelAllocationTests
{
    [Fact]
    public void FiringANeuronAllocatesNothing()
    {
        var and = new AndNeuron();
        float[] numbers = [1f, 0f];
        bool[] truths = [true, false];
        int sink = 0;
        AssertAllocatesNothing(() =>
        {
            sink += and.Fire(numbers);
            sink += and.Fire(truths) ? 1 : 0;
            sink += and.Fire(true, true) ? 1 : 0;
            sink += AndNeuron.Weights.Length;
        });
        Assert.True(sink > 0);
    }

    [Fact]
    public void PredictingAndTrainingAPerceptronAllocatesNothing()
    {
        var perceptron = new TwoUnitPerceptron();
        float[] input = [0.5f, -1f, 2f];
        float[] target = [1f, 0f];
        float[] output = new float[2];
        float[] batch = new float[6];
        float[] batchOutput = new float[4];
        perceptron.LearningRate = 1e-6f;
        AssertAllocatesNothing(() =>
        {
            perceptron.Predict(input, output);
            perceptron.PredictClass(input);
            perceptron.PredictBatch(batch, batchOutput);
            perceptron.Train(input, target);
        });
    }

    /// <summary>
    /// Runs <paramref name="calls"/> many times after a warm-up and passes if one of three measured rounds allocates
    /// nothing: a per-call allocation shows in every round, while the runtime's own one-off work (tiered compilation
    /// installing a faster version of a method) may land in one.
    /// </summary>
    private static void AssertAllocatesNothing(Action calls)
    {
        for (int i = 0; i < 1000; i++)
        {
            calls();
        }

        long[] rounds = new long[3];
        for (int round = 0; round < rounds.Length; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1000; i++)
            {
                calls();
            }

            rounds[round] = GC.GetAllocatedBytesForCurrentThread() - before;
            if (rounds[round] == 0)
            {
                return;
            }
        }

        Assert.Fail($"Every round of 1,000 calls allocated: {string.Join(", ", rounds)} bytes.");
    }
}
