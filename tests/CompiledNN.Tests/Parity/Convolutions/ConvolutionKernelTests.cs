using System;
using System.Linq;
using CompiledNN.Runtime;
using CompiledNN.Tests.Helpers;
using Xunit;

namespace CompiledNN.Tests.Parity.Convolutions;

/// <summary>
/// The convolution and pooling backward passes against central finite differences of the loss, max pooling's ties,
/// and zero allocation per call.
/// </summary>
public sealed class ConvolutionKernelTests
{
    [Theory]
    [InlineData(typeof(SignalAdamMseNet))]
    [InlineData(typeof(DilatedImageMomentumBceNet))]
    public void TheGradientMatchesFiniteDifferencesOfTheLoss(Type type)
    {
        var network = (ITrainableNetwork)Activator.CreateInstance(type, 21)!;
        var random = new Random(5);
        int rows = 3;
        float[] inputs = Enumerable.Range(0, rows * network.InputSize).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        float[] targets = new float[rows * network.OutputSize];
        for (int row = 0; row < rows; row++)
        {
            // A valid target row for every loss: one-hot (a probability row, and 0/1 for BCE).
            targets[(row * network.OutputSize) + (row % network.OutputSize)] = 1f;
        }

        float[] parameters = new float[network.ParameterCount];
        network.GetParameters(parameters);
        float[] gradient = new float[network.ParameterCount];
        network.ComputeGradient(inputs, targets, gradient);

        // Central differences in float32 with h = 1e-2: truncation O(h²) and rounding O(ε·loss/h) both near 1e-4.
        const float h = 1e-2f;
        double largest = gradient.Max(static g => Math.Abs(g));
        for (int p = 0; p < parameters.Length; p += Math.Max(1, parameters.Length / 40))
        {
            float saved = parameters[p];
            parameters[p] = saved + h;
            network.SetParameters(parameters);
            double up = network.ComputeLoss(inputs, targets);
            parameters[p] = saved - h;
            network.SetParameters(parameters);
            double down = network.ComputeLoss(inputs, targets);
            parameters[p] = saved;
            double numeric = (up - down) / (2 * h);
            Assert.True(Math.Abs(numeric - gradient[p]) <= 2e-3 * largest + 1e-4, $"{type.Name} parameter {p}: backward {gradient[p]}, finite difference {numeric}.");
        }
    }

    [Fact]
    public void MaxPoolingTiesGoToTheFirstMaximumAsInPyTorch()
    {
        // One channel of 2×4, windows of 2×2: the first window's maximum 3 appears twice (row-major first at index 1),
        // the second's 5 at indexes 6 and 7 (first at 6).
        var shape = new PoolingShape(1, 2, 4, 2, 2, 2, 2);
        float[] x = [1, 3, 5, 0, 3, 2, 5, 5];
        float[] a = new float[2];
        Pooling.MaxForward(shape, x, a, 1);
        Assert.Equal([3f, 5f], a);
        float[] inputDelta = new float[8];
        Pooling.MaxBackward(shape, x, [10f, 20f], inputDelta, 1);
        Assert.Equal([0f, 10f, 20f, 0f, 0f, 0f, 0f, 0f], inputDelta);
    }

    [Fact]
    public void AConvolutionMatchesItsDefinitionWithStridePaddingAndDilation()
    {
        // Conv1d(2 → 1, k = 2, stride 2, padding 1, dilation 2) over length 5, computed by the textbook sum.
        var shape = new ConvolutionShape(2, 1, 5, 1, 1, 2, 1, 2, 0, 1, 1, 2);
        float[] x = [1, 2, 3, 4, 5, -1, -2, -3, -4, -5];
        float[] w = [0.5f, -1f, 2f, 0.25f];
        float[] b = [0.1f];
        Assert.Equal(3, shape.OutputWidth);
        float[] z = new float[3];
        Convolution.Forward(shape, x, w, b, z, 1);
        for (int o = 0; o < 3; o++)
        {
            double expected = b[0];
            for (int c = 0; c < 2; c++)
            {
                for (int t = 0; t < 2; t++)
                {
                    int i = (o * 2) - 1 + (t * 2);
                    expected += i is >= 0 and < 5 ? w[(c * 2) + t] * x[(c * 5) + i] : 0;
                }
            }

            Assert.Equal(expected, z[o], 5);
        }
    }

    [Fact]
    public void PredictionsAndTrainingAllocateNothingPerCall()
    {
        var network = new TwoConvAdamWCrossEntropyNet(3) { MaxDegreeOfParallelism = 1 };
        const int InputSize = TwoConvAdamWCrossEntropyNet.InputSize;
        const int OutputSize = TwoConvAdamWCrossEntropyNet.OutputSize;
        float[] input = Enumerable.Range(0, InputSize * 8).Select(static i => (float)Math.Sin(i)).ToArray();
        float[] targets = new float[OutputSize * 8];
        for (int row = 0; row < 8; row++)
        {
            targets[(row * OutputSize) + (row % 4)] = 1f;
        }

        float[] output = new float[OutputSize * 8];
        float[] gradient = new float[TwoConvAdamWCrossEntropyNet.ParameterCount];
        void Calls()
        {
            network.Predict(input.AsSpan(0, InputSize), output.AsSpan(0, OutputSize));
            network.PredictBatch(input, output);
            network.TrainStep(input.AsSpan(0, InputSize), targets.AsSpan(0, OutputSize));
            network.TrainBatch(input, targets);
            network.ComputeGradient(input, targets, gradient);
            network.ComputeLoss(input, targets);
        }

        Calls();

        (long least, long[] windows) = Allocations.LeastOfThreeWindows(Calls, rounds: 10);
        Assert.True(least == 0, $"Allocated {string.Join(", ", windows)} bytes in three windows of 10 rounds of calls.");
    }
}
