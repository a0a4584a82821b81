using System;
using System.Linq;
using CompiledNN.Runtime;
using Xunit;

namespace CompiledNN.Tests.Parity.Convolutions;

/// <summary>
/// Max pooling over windows two columns wide, two apart (computed 4 windows at a time) against the textbook rule on
/// inputs full of ties: each window's value is its largest, and its gradient goes to the first largest in row-major
/// order, as PyTorch's. Shapes with a remainder of windows (the general path) and overlapping rows of windows, and rows
/// of 8, 9, 16 and 20 windows (the forward pass's registers of 8 and 16 windows, the last overlapping).
/// </summary>
public sealed class PairedMaxPoolingTests
{
    [Theory]
    [InlineData(3, 6, 12, 2, 2)]
    [InlineData(2, 1, 19, 1, 1)]
    [InlineData(1, 5, 10, 3, 1)]
    [InlineData(4, 4, 17, 2, 2)]
    [InlineData(2, 4, 32, 2, 2)]
    [InlineData(3, 3, 41, 2, 1)]
    public void WindowsTakeTheFirstLargestValueInRowMajorOrder(int channels, int height, int width, int windowHeight, int strideHeight)
    {
        var shape = new PoolingShape(channels, height, width, windowHeight, 2, strideHeight, 2);
        const int Rows = 3;
        var random = new Random(11);

        // Values from {-1, 0, 1}: most windows hold equal largest values.
        float[] x = Enumerable.Range(0, Rows * shape.InputSize).Select(_ => (float)random.Next(-1, 2)).ToArray();
        float[] delta = Enumerable.Range(0, Rows * shape.OutputSize).Select(i => (float)(i + 1)).ToArray();
        float[] expectedValues = new float[delta.Length];
        float[] expectedGradient = new float[x.Length];
        int o = 0;
        for (int row = 0; row < Rows; row++)
        {
            for (int c = 0; c < channels; c++)
            {
                for (int oh = 0; oh < shape.OutputHeight; oh++)
                {
                    for (int ow = 0; ow < shape.OutputWidth; ow++, o++)
                    {
                        int best = -1;
                        for (int kh = 0; kh < windowHeight; kh++)
                        {
                            for (int kw = 0; kw < 2; kw++)
                            {
                                int i = (row * shape.InputSize) + (((c * height) + (oh * strideHeight) + kh) * width) + (2 * ow) + kw;
                                if (best < 0 || x[i] > x[best])
                                {
                                    best = i;
                                }
                            }
                        }

                        expectedValues[o] = x[best];
                        expectedGradient[best] += delta[o];
                    }
                }
            }
        }

        float[] values = new float[delta.Length];
        Pooling.MaxForward(shape, x, values, Rows);
        Assert.Equal(expectedValues, values);
        float[] gradient = Enumerable.Repeat(7f, x.Length).ToArray();
        Pooling.MaxBackward(shape, x, delta, gradient, Rows);
        Assert.Equal(expectedGradient, gradient);
    }
}
