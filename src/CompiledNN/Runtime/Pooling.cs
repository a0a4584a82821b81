using System;
using System.ComponentModel;

namespace CompiledNN.Runtime;

/// <summary>
/// Max and average pooling for the generated code, forward and backward, over blocks of rows of
/// <c>[channels, height, width]</c> (a signal has height 1; global average pooling is one window per channel).
/// Windows start at 0, step by the stride and never leave the input, as PyTorch's defaults (no padding, rounding down).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Pooling
{
    /// <summary>Writes each window's largest value; of equal largest values the first in row-major order counts, as PyTorch's.</summary>
    /// <param name="shape">The layer's sizes.</param>
    /// <param name="x">The rows' inputs.</param>
    /// <param name="a">Receives the rows' outputs.</param>
    /// <param name="rows">The number of rows.</param>
    public static void MaxForward(in PoolingShape shape, ReadOnlySpan<float> x, Span<float> a, int rows)
    {
        for (int row = 0; row < rows; row++)
        {
            ReadOnlySpan<float> input = x.Slice(row * shape.InputSize, shape.InputSize);
            Span<float> output = a.Slice(row * shape.OutputSize, shape.OutputSize);
            int o = 0;
            for (int c = 0; c < shape.Channels; c++)
            {
                for (int oh = 0; oh < shape.OutputHeight; oh++)
                {
                    for (int ow = 0; ow < shape.OutputWidth; ow++)
                    {
                        output[o++] = input[ArgMax(shape, input, c, oh, ow)];
                    }
                }
            }
        }
    }

    /// <summary>Routes each window's ∂L/∂a to the input its maximum came from (the first of equal ones), writing ∂L/∂x.</summary>
    /// <param name="shape">The layer's sizes.</param>
    /// <param name="x">The rows' inputs, to find the maxima again.</param>
    /// <param name="delta">The rows' ∂L/∂a.</param>
    /// <param name="inputDelta">Receives the rows' ∂L/∂x, overwritten.</param>
    /// <param name="rows">The number of rows.</param>
    public static void MaxBackward(in PoolingShape shape, ReadOnlySpan<float> x, ReadOnlySpan<float> delta, Span<float> inputDelta, int rows)
    {
        inputDelta.Slice(0, rows * shape.InputSize).Clear();
        for (int row = 0; row < rows; row++)
        {
            ReadOnlySpan<float> input = x.Slice(row * shape.InputSize, shape.InputSize);
            ReadOnlySpan<float> output = delta.Slice(row * shape.OutputSize, shape.OutputSize);
            Span<float> gradient = inputDelta.Slice(row * shape.InputSize, shape.InputSize);
            int o = 0;
            for (int c = 0; c < shape.Channels; c++)
            {
                for (int oh = 0; oh < shape.OutputHeight; oh++)
                {
                    for (int ow = 0; ow < shape.OutputWidth; ow++)
                    {
                        gradient[ArgMax(shape, input, c, oh, ow)] += output[o++];
                    }
                }
            }
        }
    }

    /// <summary>Writes each window's mean: its sum divided by its size, as PyTorch computes it.</summary>
    /// <param name="shape">The layer's sizes.</param>
    /// <param name="x">The rows' inputs.</param>
    /// <param name="a">Receives the rows' outputs.</param>
    /// <param name="rows">The number of rows.</param>
    public static void AverageForward(in PoolingShape shape, ReadOnlySpan<float> x, Span<float> a, int rows)
    {
        float count = shape.WindowHeight * shape.WindowWidth;
        for (int row = 0; row < rows; row++)
        {
            ReadOnlySpan<float> input = x.Slice(row * shape.InputSize, shape.InputSize);
            Span<float> output = a.Slice(row * shape.OutputSize, shape.OutputSize);
            int o = 0;
            for (int c = 0; c < shape.Channels; c++)
            {
                for (int oh = 0; oh < shape.OutputHeight; oh++)
                {
                    for (int ow = 0; ow < shape.OutputWidth; ow++)
                    {
                        float sum = 0f;
                        for (int kh = 0; kh < shape.WindowHeight; kh++)
                        {
                            int start = (((c * shape.Height) + (oh * shape.StrideHeight) + kh) * shape.Width) + (ow * shape.StrideWidth);
                            for (int kw = 0; kw < shape.WindowWidth; kw++)
                            {
                                sum += input[start + kw];
                            }
                        }

                        output[o++] = sum / count;
                    }
                }
            }
        }
    }

    /// <summary>Spreads each window's ∂L/∂a evenly over its inputs, writing ∂L/∂x.</summary>
    /// <param name="shape">The layer's sizes.</param>
    /// <param name="delta">The rows' ∂L/∂a.</param>
    /// <param name="inputDelta">Receives the rows' ∂L/∂x, overwritten.</param>
    /// <param name="rows">The number of rows.</param>
    public static void AverageBackward(in PoolingShape shape, ReadOnlySpan<float> delta, Span<float> inputDelta, int rows)
    {
        float count = shape.WindowHeight * shape.WindowWidth;
        inputDelta.Slice(0, rows * shape.InputSize).Clear();
        for (int row = 0; row < rows; row++)
        {
            ReadOnlySpan<float> output = delta.Slice(row * shape.OutputSize, shape.OutputSize);
            Span<float> gradient = inputDelta.Slice(row * shape.InputSize, shape.InputSize);
            int o = 0;
            for (int c = 0; c < shape.Channels; c++)
            {
                for (int oh = 0; oh < shape.OutputHeight; oh++)
                {
                    for (int ow = 0; ow < shape.OutputWidth; ow++)
                    {
                        float share = output[o++] / count;
                        for (int kh = 0; kh < shape.WindowHeight; kh++)
                        {
                            int start = (((c * shape.Height) + (oh * shape.StrideHeight) + kh) * shape.Width) + (ow * shape.StrideWidth);
                            for (int kw = 0; kw < shape.WindowWidth; kw++)
                            {
                                gradient[start + kw] += share;
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>The index in the row of window (oh, ow) of channel c's largest value, the first of equal ones.</summary>
    private static int ArgMax(in PoolingShape shape, ReadOnlySpan<float> input, int c, int oh, int ow)
    {
        int best = -1;
        float max = float.NegativeInfinity;
        for (int kh = 0; kh < shape.WindowHeight; kh++)
        {
            int start = (((c * shape.Height) + (oh * shape.StrideHeight) + kh) * shape.Width) + (ow * shape.StrideWidth);
            for (int kw = 0; kw < shape.WindowWidth; kw++)
            {
                float value = input[start + kw];
                if (best < 0 || value > max)
                {
                    best = start + kw;
                    max = value;
                }
            }
        }

        return best;
    }
}
