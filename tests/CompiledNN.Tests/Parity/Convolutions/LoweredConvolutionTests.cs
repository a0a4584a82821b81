using System;
using System.Linq;
using CompiledNN.Runtime;
using Xunit;

namespace CompiledNN.Tests.Parity.Convolutions;

/// <summary>
/// The lowered convolution (im2col and matrix products) against the direct one, whose parity with PyTorch the fixtures
/// check: the same outputs and gradients to float rounding over strides, padding, dilation, 1-D and 2-D, and a layer of
/// fewer filters than the product's tiles (whose weight gradient takes the direct loops); and a row's output does not
/// depend on how many rows share the call.
/// </summary>
public sealed class LoweredConvolutionTests
{
    public static TheoryData<int, int, int, int, int, int, int, int> Shapes() => new()
    {
        // channels, height, width, filters, kernel, stride, padding, dilation (height 1: a 1-D convolution)
        { 1, 28, 28, 6, 5, 1, 2, 1 },
        { 2, 9, 9, 4, 3, 2, 1, 1 },
        { 3, 1, 20, 5, 3, 1, 2, 2 },
        { 1, 8, 8, 3, 3, 1, 0, 2 },
        { 6, 7, 7, 16, 3, 2, 0, 1 },
        { 32, 1, 9, 20, 5, 1, 2, 1 },
        { 3, 10, 11, 6, 3, 3, 2, 2 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void TheLoweredConvolutionGivesTheDirectOnesResults(int channels, int height, int width, int filters, int kernel, int stride, int padding, int dilation)
    {
        ConvolutionShape shape = Shape(channels, height, width, filters, kernel, stride, padding, dilation);
        const int Rows = 5;
        var random = new Random(7);
        float[] Values(int count) => Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        float[] x = Values(Rows * shape.InputSize);
        float[] w = Values(filters * channels * shape.KernelHeight * shape.KernelWidth);
        float[] b = Values(filters);
        float[] delta = Values(Rows * shape.OutputSize);

        float[] direct = new float[Rows * shape.OutputSize];
        float[] lowered = new float[Rows * shape.OutputSize];
        Convolution.Forward(shape, x, w, b, direct, Rows);
        LoweredConvolution.Forward(shape, x, w, b, lowered, Rows);
        AssertClose(direct, lowered, "forward");

        // Gradients are added to what the buffers hold; ∂x is overwritten (garbage before it must not survive).
        float[] start = Values(w.Length + filters);
        float[] directWeights = start[..w.Length], loweredWeights = start[..w.Length];
        float[] directBias = start[w.Length..], loweredBias = start[w.Length..];
        float[] directInput = Values(x.Length), loweredInput = Values(x.Length);
        Convolution.Backward(shape, x, delta, w, directWeights, directBias, directInput, Rows);
        LoweredConvolution.Backward(shape, x, delta, w, loweredWeights, loweredBias, loweredInput, Rows);
        AssertClose(directWeights, loweredWeights, "weight gradient");
        AssertClose(directBias, loweredBias, "bias gradient");
        AssertClose(directInput, loweredInput, "input gradient");

        // The first layer has no ∂x to write.
        float[] firstLayerWeights = start[..w.Length];
        LoweredConvolution.Backward(shape, x, delta, w, firstLayerWeights, start[w.Length..], default, Rows);
        Assert.Equal(loweredWeights, firstLayerWeights);
    }

    /// <summary>Stride 1, which lowers over the padded rows: with and without padding and dilation, 1-D and 2-D.</summary>
    public static TheoryData<int, int, int, int, int, int, int> StrideOneShapes() => new()
    {
        // channels, height, width, filters, kernel, padding, dilation
        { 1, 28, 28, 6, 5, 2, 1 },
        { 3, 1, 20, 5, 3, 2, 2 },
        { 1, 8, 8, 3, 3, 0, 2 },
        { 32, 1, 9, 20, 5, 2, 1 },
        { 3, 16, 16, 8, 3, 1, 1 },
        { 2, 12, 10, 7, 5, 0, 1 },
    };

    [Theory]
    [MemberData(nameof(StrideOneShapes))]
    public void LoweringOverPaddedRowsGivesTheBitsOfLoweringOverOutputRows(int channels, int height, int width, int filters, int kernel, int padding, int dilation)
    {
        ConvolutionShape shape = Shape(channels, height, width, filters, kernel, 1, padding, dilation);

        // Enough rows for the first shape's rows to lie side by side in two products, the second one partial.
        const int Rows = 7;
        var random = new Random(11);
        float[] Values(int count) => Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        float[] x = Values(Rows * shape.InputSize);
        float[] w = Values(filters * channels * shape.KernelHeight * shape.KernelWidth);
        float[] b = Values(filters);

        float[] overOutputRows = new float[Rows * shape.OutputSize];
        float[] overPaddedRows = Values(Rows * shape.OutputSize);
        LoweredConvolution.ForwardOverOutputRows(shape, x, w, b, overOutputRows, Rows);
        LoweredConvolution.ForwardOverPaddedRows(shape, x, w, b, overPaddedRows, Rows);
        Assert.Equal(overOutputRows, overPaddedRows);
    }

    /// <summary>
    /// Layers the register tiles take: rows a whole number of registers wide or not (the last run overlapping the one
    /// before), filters a whole number of tiles or not, a stride of 2 down the columns, dilation, 1-D, the cifar layers.
    /// </summary>
    public static TheoryData<int, int, int, int, int, int, int, int> TiledShapes() => new()
    {
        // channels, height, width, filters, kernel, stride down the columns, padding, dilation (height 1: 1-D)
        { 3, 32, 32, 32, 3, 1, 1, 1 },
        { 32, 16, 16, 64, 3, 1, 1, 1 },
        { 1, 28, 28, 6, 5, 1, 2, 1 },
        { 3, 20, 21, 7, 3, 1, 1, 2 },
        { 4, 9, 13, 5, 3, 2, 0, 1 },
        { 32, 1, 70, 22, 5, 1, 2, 1 },
        { 2, 7, 12, 9, 3, 1, 1, 1 },
    };

    [Theory]
    [MemberData(nameof(TiledShapes))]
    public void TheRegisterTilesGiveTheBitsOfLoweringOverOutputRows(int channels, int height, int width, int filters, int kernel, int strideDown, int padding, int dilation)
    {
        ConvolutionShape shape = height == 1
            ? new ConvolutionShape(channels, 1, width, filters, 1, kernel, 1, 1, 0, padding, 1, dilation)
            : new ConvolutionShape(channels, height, width, filters, kernel, kernel, strideDown, 1, padding, padding, dilation, dilation);
        Assert.True(TiledConvolution.Fits(shape) || !System.Numerics.Vector.IsHardwareAccelerated, "the shape is one the tiles take");
        const int Rows = 3;
        var random = new Random(5);
        float[] Values(int count) => Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        float[] x = Values(Rows * shape.InputSize);
        float[] w = Values(filters * channels * shape.KernelHeight * shape.KernelWidth);
        float[] b = Values(filters);

        float[] overOutputRows = new float[Rows * shape.OutputSize];
        float[] forward = Values(Rows * shape.OutputSize);
        LoweredConvolution.ForwardOverOutputRows(shape, x, w, b, overOutputRows, Rows);
        LoweredConvolution.Forward(shape, x, w, b, forward, Rows);
        Assert.Equal(overOutputRows, forward);
        float[] direct = new float[Rows * shape.OutputSize];
        Convolution.Forward(shape, x, w, b, direct, Rows);
        AssertClose(direct, forward, "forward");

        // Each row alone gives the bits it gave among the others.
        for (int row = 0; row < Rows; row++)
        {
            float[] alone = new float[shape.OutputSize];
            LoweredConvolution.Forward(shape, x.AsSpan(row * shape.InputSize, shape.InputSize), w, b, alone, 1);
            Assert.Equal(forward.AsSpan(row * shape.OutputSize, shape.OutputSize).ToArray(), alone);
        }

        // Stored rectified by the tiles: ReLU's bits (its zeros too), and some outputs were negative before.
        float[] rectified = Values(Rows * shape.OutputSize);
        LoweredConvolution.Forward(shape, x, w, b, rectified, Rows, rectify: true);
        float[] expected = new float[forward.Length];
        Activations.ReLU(forward, expected);
        Assert.Contains(forward, static value => value < 0f);
        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), rectified.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void ALayerTheTilesDoNotTakeIsRectifiedAfter()
    {
        // Stride 2 along the width: lowered over output rows, then a pass of ReLU.
        ConvolutionShape shape = Shape(2, 9, 9, 4, 3, 2, 1, 1);
        Assert.False(TiledConvolution.Fits(shape));
        var random = new Random(9);
        float[] x = Enumerable.Range(0, 2 * shape.InputSize).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        float[] w = Enumerable.Range(0, 4 * 2 * 9).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        float[] b = [0.1f, -0.2f, 0.3f, -0.4f];
        float[] z = new float[2 * shape.OutputSize];
        float[] a = new float[2 * shape.OutputSize];
        LoweredConvolution.Forward(shape, x, w, b, z, 2);
        LoweredConvolution.Forward(shape, x, w, b, a, 2, rectify: true);
        Assert.Contains(z, static value => value < 0f);
        Assert.Equal(z.Select(static value => value > 0f ? value : 0f), a);
    }

    /// <summary>The layer and a 2×2 max pooling in one call: pooled in the tiles (rows of 16 and of 32 outputs), or not (rows of 28, of 8).</summary>
    [Theory]
    [InlineData(32, 16, 16, 64)]
    [InlineData(3, 32, 32, 32)]
    [InlineData(1, 28, 28, 6)]
    [InlineData(4, 8, 8, 5)]
    public void PoolingInTheCallGivesTheBitsOfPoolingAfter(int channels, int height, int width, int filters)
    {
        ConvolutionShape shape = Shape(channels, height, width, filters, 3, 1, 1, 1);
        var pool = new PoolingShape(filters, shape.OutputHeight, shape.OutputWidth, 2, 2, 2, 2);
        const int Rows = 3;
        var random = new Random(13);
        float[] Values(int count) => Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        float[] x = Values(Rows * shape.InputSize);
        float[] w = Values(filters * channels * 9);
        float[] b = Values(filters);
        float[] z = new float[Rows * shape.OutputSize];
        float[] expected = new float[Rows * pool.OutputSize];
        LoweredConvolution.Forward(shape, x, w, b, z, Rows, rectify: true);
        Pooling.MaxForward(pool, z, expected, Rows);

        float[] pooled = Values(Rows * pool.OutputSize);
        LoweredConvolution.ForwardPooled(shape, pool, x, w, b, new float[z.Length], pooled, Rows);
        Assert.Contains(expected, static value => value > 0f);
        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), pooled.Select(BitConverter.SingleToInt32Bits));
        float[] alone = new float[pool.OutputSize];
        LoweredConvolution.ForwardPooled(shape, pool, x.AsSpan(shape.InputSize, shape.InputSize), w, b, new float[shape.OutputSize], alone, 1);
        Assert.Equal(pooled.AsSpan(pool.OutputSize, pool.OutputSize).ToArray(), alone);
        bool tiles = (width == 16 || width == 32) && System.Runtime.Intrinsics.X86.Avx512F.IsSupported;
        Assert.Equal(tiles, TiledConvolution.PoolsInTiles(shape, pool));
    }

    [Fact]
    public void ARowsOutputDoesNotDependOnTheRowsBesideIt()
    {
        ConvolutionShape shape = Shape(3, 12, 12, 8, 3, 1, 1, 1);
        var random = new Random(3);
        float[] x = Enumerable.Range(0, 4 * shape.InputSize).Select(_ => (float)random.NextDouble()).ToArray();
        float[] w = Enumerable.Range(0, 8 * 27).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        float[] b = new float[8];
        float[] together = new float[4 * shape.OutputSize];
        LoweredConvolution.Forward(shape, x, w, b, together, 4);
        for (int row = 0; row < 4; row++)
        {
            float[] alone = new float[shape.OutputSize];
            LoweredConvolution.Forward(shape, x.AsSpan(row * shape.InputSize, shape.InputSize), w, b, alone, 1);
            Assert.Equal(together.AsSpan(row * shape.OutputSize, shape.OutputSize).ToArray(), alone);
        }
    }

    private static ConvolutionShape Shape(int channels, int height, int width, int filters, int kernel, int stride, int padding, int dilation) =>
        height == 1
            ? new ConvolutionShape(channels, 1, width, filters, 1, kernel, 1, stride, 0, padding, 1, dilation)
            : new ConvolutionShape(channels, height, width, filters, kernel, kernel, stride, stride, padding, padding, dilation, dilation);

    private static void AssertClose(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-4f * Math.Max(1f, Math.Abs(expected[i])), $"{what} [{i}]: direct {expected[i]}, lowered {actual[i]}.");
        }
    }
}
