using System;
using System.Linq;
using CompiledNN.Tests.Helpers;
using Xunit;

namespace CompiledNN.Tests.Layers;

/// <summary>
/// Dropout's masks and scaling against the definition of inverted dropout, its identity outside training, and runs that
/// do not depend on the thread count. Rate 0 against PyTorch is in the parity fixtures (DropoutAdamMse, …).
/// </summary>
public sealed class DropoutTests
{
    private const float Rate = 0.3f;

    /// <summary>The mask values of one training call: the gradient of W[0, i] for one row of ones and ∂L/∂output = 1.</summary>
    private static float[] Mask(DropoutMaskProbeNet network)
    {
        float[] ones = Enumerable.Repeat(1f, DropoutMaskProbeNet.InputSize).ToArray();
        float[] gradient = new float[DropoutMaskProbeNet.ParameterCount];
        network.Backward(ones, [1f], gradient);
        return gradient.AsSpan(0, DropoutMaskProbeNet.InputSize).ToArray();
    }

    [Fact]
    public void KeptValuesAreScaledByOneOverOneMinusTheRateAndTheOthersAreZero()
    {
        float scale = 1f / (1f - Rate);
        float[] mask = Mask(new DropoutMaskProbeNet(seed: 3));
        Assert.All(mask, m => Assert.True(m == 0f || m == scale, $"A mask value is {m}, neither 0 nor 1/(1 − {Rate}) = {scale}."));
        Assert.Contains(0f, mask);
        Assert.Contains(scale, mask);
    }

    [Fact]
    public void TheShareOfDroppedValuesIsTheRateAndEachCallDrawsNewMasks()
    {
        var network = new DropoutMaskProbeNet(seed: 4);
        const int calls = 40;
        float[][] masks = Enumerable.Range(0, calls).Select(_ => Mask(network)).ToArray();

        // 40,000 Bernoulli(0.3) draws: the share dropped has σ = √(0.3 · 0.7 / 40,000) ≈ 0.0023; allow 5σ.
        double dropped = masks.Sum(static m => m.Count(static v => v == 0f)) / (double)(calls * DropoutMaskProbeNet.InputSize);
        Assert.InRange(dropped, Rate - 0.0115, Rate + 0.0115);

        // Independent draws: two masks agree on a value with probability 0.3² + 0.7² = 0.58 (σ ≈ 0.016 over 1,000 values).
        for (int c = 1; c < calls; c++)
        {
            double agree = masks[c].Zip(masks[c - 1], static (a, b) => a == b).Count(static same => same) / (double)DropoutMaskProbeNet.InputSize;
            Assert.InRange(agree, 0.58 - 0.08, 0.58 + 0.08);
        }

        // Neighbouring values are independent too: a dropped value is followed by a dropped one 30% of the time.
        double afterDropped = masks.Sum(static m => Enumerable.Range(1, m.Length - 1).Count(i => m[i - 1] == 0f && m[i] == 0f))
            / (double)masks.Sum(static m => m.Take(m.Length - 1).Count(static v => v == 0f));
        Assert.InRange(afterDropped, Rate - 0.02, Rate + 0.02);
    }

    [Fact]
    public void PredictionsAndComputeLossRunWithoutDropout()
    {
        var network = new DropoutMaskProbeNet(seed: 5);
        float[] parameters = TestData.Parameters(network);
        float[] inputs = TestData.Uniform(3 * DropoutMaskProbeNet.InputSize, 6, min: -1f);
        float[] targets = [0.5f, -1f, 2f];

        // The reference: W x + b in double, with no dropout at all.
        double[] expected = Enumerable.Range(0, 3)
            .Select(row => parameters[DropoutMaskProbeNet.InputSize] + Enumerable.Range(0, DropoutMaskProbeNet.InputSize).Sum(i => (double)parameters[i] * inputs[(row * DropoutMaskProbeNet.InputSize) + i]))
            .ToArray();
        float[] outputs = new float[3];
        network.PredictBatch(inputs, outputs);
        float[] one = new float[1];
        for (int row = 0; row < 3; row++)
        {
            Compare.Close(expected[row], outputs[row], 1e-5, $"PredictBatch row {row}");
            network.Predict(inputs.AsSpan(row * DropoutMaskProbeNet.InputSize, DropoutMaskProbeNet.InputSize), one);
            Compare.Close(expected[row], one[0], 1e-5, $"Predict row {row}");
        }

        double mse = expected.Zip(targets, static (y, t) => (y - t) * (y - t)).Average();
        Compare.Close(mse, network.ComputeLoss(inputs, targets), 1e-5, "ComputeLoss");
        Compare.Close(mse, network.ComputeLoss(inputs, targets), 1e-5, "ComputeLoss again");
    }

    [Fact]
    public void TrainingCallsUseTheMasks()
    {
        var network = new DropoutMaskProbeNet(seed: 7);
        float[] inputs = TestData.Uniform(DropoutMaskProbeNet.InputSize, 8, min: -1f);
        float[] first = new float[DropoutMaskProbeNet.ParameterCount];
        float[] second = new float[DropoutMaskProbeNet.ParameterCount];
        network.ComputeGradient(inputs, [1f], first);
        network.ComputeGradient(inputs, [1f], second);
        Assert.NotEqual(first, second);
        Assert.Contains(0f, first.Take(DropoutMaskProbeNet.InputSize));
    }

    [Fact]
    public void ASeedGivesTheSameTrainingRunWithAnyNumberOfThreads()
    {
        const int rows = 300; // five blocks of rows
        float[] inputs = TestData.Uniform(rows * ThreadedDropoutNet.InputSize, 9, min: -1f);
        int[] classes = Enumerable.Range(0, rows).Select(static r => r % ThreadedDropoutNet.OutputSize).ToArray();

        float[] Run(int threads, int seed)
        {
            var network = new ThreadedDropoutNet(seed) { MaxDegreeOfParallelism = threads };
            for (int step = 0; step < 3; step++)
            {
                network.TrainBatch(inputs, classes);
            }

            return TestData.Parameters(network);
        }

        float[] one = Run(1, 11);
        Assert.Equal(one, Run(Environment.ProcessorCount, 11));
        Assert.Equal(one, Run(2, 11));
        Assert.Equal(one, Run(1, 11));
    }
}
