using System;
using CompiledNN.Runtime;
using CompiledNN.Tests.Helpers;
using Xunit;

namespace CompiledNN.Tests.Batching;

/// <summary>
/// One row of a convolution with its filters shared between threads (<see cref="ConvolutionSplit"/>): the bits of the
/// layer on one thread for any number of threads, pooled or not, rectified or not, in layers the tiles take and in
/// layers they leave to the calling thread; through a generated network; and clear errors for bad arguments.
/// </summary>
public sealed class ConvolutionSplitTests
{
    // The layer's weights and bias sit inside a larger array, as in a network's parameters, so that the offsets are exercised.
    private const int Before = 5;

    /// <summary>Channels, height, width, filters, kernel, padding: 2-D and 1-D, shares of 4 or more filters, filters the shares cannot take (6).</summary>
    public static TheoryData<int, int, int, int, int, int> Shapes() => new()
    {
        { 32, 16, 16, 64, 3, 1 },
        { 3, 32, 32, 32, 3, 1 },
        { 16, 12, 12, 20, 3, 0 },
        { 16, 1, 128, 32, 5, 2 },
        { 3, 20, 20, 6, 3, 1 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void EveryThreadCountGivesTheBitsOfTheLayerOnOneThread(int channels, int height, int width, int filters, int kernel, int padding)
    {
        ConvolutionShape shape = Shape(channels, height, width, filters, kernel, padding);
        int weights = filters * channels * shape.KernelHeight * kernel;
        float[] parameters = TestData.Uniform(Before + weights + filters + 3, filters, min: -1f);
        var buffer = new AlignedBuffer(parameters);
        float[] x = TestData.Uniform(shape.InputSize, channels, min: -1f);
        foreach (bool rectify in new[] { false, true })
        {
            float[] expected = new float[shape.OutputSize];
            LoweredConvolution.Forward(shape, x, parameters.AsSpan(Before, weights), parameters.AsSpan(Before + weights, filters), expected, 1, rectify);
            foreach (int workers in new[] { 1, 2, 3, 64 })
            {
                float[] z = new float[shape.OutputSize];
                ConvolutionSplit.Forward(shape, x, buffer, Before, Before + weights, z, workers, rectify);
                Assert.Equal(expected, z);
            }
        }
    }

    /// <summary>Pooled in the tiles (rows of 16 and 32 outputs with AVX-512) and not (rows of 28).</summary>
    [Theory]
    [InlineData(32, 16, 16, 64)]
    [InlineData(3, 32, 32, 32)]
    [InlineData(1, 28, 28, 8)]
    public void PoolingInTheCallGivesTheBitsOfTheLayerOnOneThread(int channels, int height, int width, int filters)
    {
        ConvolutionShape shape = Shape(channels, height, width, filters, 3, 1);
        var pool = new PoolingShape(filters, shape.OutputHeight, shape.OutputWidth, 2, 2, 2, 2);
        int weights = filters * channels * 9;
        float[] parameters = TestData.Uniform(Before + weights + filters, width, min: -1f);
        var buffer = new AlignedBuffer(parameters);
        float[] x = TestData.Uniform(shape.InputSize, height, min: -1f);
        float[] expected = new float[pool.OutputSize];
        LoweredConvolution.ForwardPooled(shape, pool, x, parameters.AsSpan(Before, weights), parameters.AsSpan(Before + weights, filters), new float[shape.OutputSize], expected, 1);
        Assert.Contains(expected, static value => value > 0f);
        foreach (int workers in new[] { 1, 2, 3, 64 })
        {
            float[] a = new float[pool.OutputSize];
            ConvolutionSplit.ForwardPooled(shape, pool, x, buffer, Before, Before + weights, new float[shape.OutputSize], a, workers);
            Assert.Equal(expected, a);
        }
    }

    [Fact]
    public void BadArgumentsAreRejectedBeforeAnythingIsWritten()
    {
        ConvolutionShape shape = Shape(2, 6, 6, 8, 3, 1);
        var buffer = new AlignedBuffer((8 * 2 * 9) + 8);
        float[] x = new float[shape.InputSize];
        float[] z = new float[shape.OutputSize];
        Array.Fill(z, 7f);
        Assert.Throws<ArgumentException>(() => ConvolutionSplit.Forward(shape, new float[shape.InputSize - 1], buffer, 0, 144, z, 2));
        Assert.Throws<ArgumentException>(() => ConvolutionSplit.Forward(shape, x, buffer, 0, 144, new float[shape.OutputSize + 1], 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConvolutionSplit.Forward(shape, x, buffer, 9, 144, z, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConvolutionSplit.Forward(shape, x, buffer, 0, 145, z, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConvolutionSplit.Forward(shape, x, buffer, -1, 144, z, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConvolutionSplit.Forward(shape, x, buffer, 0, 144, z, 0));
        Assert.Throws<ArgumentNullException>(() => ConvolutionSplit.Forward(shape, x, null!, 0, 144, z, 2));
        var pool = new PoolingShape(8, 6, 6, 2, 2, 2, 2);
        Assert.Throws<ArgumentException>(() => ConvolutionSplit.ForwardPooled(shape, pool, x, buffer, 0, 144, new float[shape.OutputSize], z, 2));
        Assert.All(z, static value => Assert.Equal(7f, value));
    }

    [Fact]
    public void ANetworkWhoseFiltersAreSharedPredictsAsOnOneThread()
    {
        var shared = new SharedFiltersNet(3);
        var one = new SharedFiltersNet(3) { MaxDegreeOfParallelism = 1 };
        Assert.Equal(BatchParallelism.MaxWorkers, shared.MaxDegreeOfParallelism);
        float[] inputs = TestData.Uniform(4 * SharedFiltersNet.InputSize, 8, min: -1f);
        for (int row = 0; row < 4; row++)
        {
            ReadOnlySpan<float> input = inputs.AsSpan(row * SharedFiltersNet.InputSize, SharedFiltersNet.InputSize);
            float[] expected = new float[SharedFiltersNet.OutputSize];
            float[] actual = new float[SharedFiltersNet.OutputSize];
            one.Predict(input, expected);
            shared.Predict(input, actual);
            Assert.Equal(expected, actual);
            Assert.Equal(one.TrainStep(input, row % SharedFiltersNet.OutputSize), shared.TrainStep(input, row % SharedFiltersNet.OutputSize));
        }
    }

    private static ConvolutionShape Shape(int channels, int height, int width, int filters, int kernel, int padding) =>
        height == 1
            ? new ConvolutionShape(channels, 1, width, filters, 1, kernel, 1, 1, 0, padding, 1, 1)
            : new ConvolutionShape(channels, height, width, filters, kernel, kernel, 1, 1, padding, padding, 1, 1);
}

/// <summary>Two convolutions of over a million multiply-adds a row: a ReLU one pooled in its call, a Tanh one activated after.</summary>
[Network(Optimizer = Optimizer.Adam, LearningRate = 0.001f)]
[Input(8, 16, 16)]
[Conv2D(64, 3, Activation.ReLU, Padding = 1)]
[MaxPool2D(2)]
[Conv2D(32, 3, Activation.Tanh, Padding = 1)]
[Dense(5, Activation.Softmax)]
public partial class SharedFiltersNet;
