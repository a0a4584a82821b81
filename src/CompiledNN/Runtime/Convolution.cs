using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CompiledNN.Runtime;

/// <summary>
/// Direct convolution for the generated code, forward and backward, over blocks of rows. The weights are PyTorch's
/// <c>W[filters, channels, kh, kw]</c>; each weight scales a run of input values along a row of the plane into a run
/// of outputs, a contiguous vector operation when the stride is 1. Every sum runs in a fixed order, so a row's result
/// does not depend on the block it is in or the thread that runs it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Convolution
{
    /// <summary>Writes <c>z = W ⋆ x + b</c> for <paramref name="rows"/> rows.</summary>
    /// <param name="shape">The layer's sizes.</param>
    /// <param name="x">The rows' inputs, <c>[rows, channels, height, width]</c>.</param>
    /// <param name="weights">The weights <c>[filters, channels, kh, kw]</c>.</param>
    /// <param name="bias">The bias <c>[filters]</c>.</param>
    /// <param name="z">Receives the rows' pre-activations, <c>[rows, filters, outHeight, outWidth]</c>.</param>
    /// <param name="rows">The number of rows.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward(in ConvolutionShape shape, ReadOnlySpan<float> x, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> z, int rows)
    {
        int plane = shape.OutputHeight * shape.OutputWidth;
        for (int row = 0; row < rows; row++)
        {
            ReadOnlySpan<float> input = x.Slice(row * shape.InputSize, shape.InputSize);
            Span<float> output = z.Slice(row * shape.OutputSize, shape.OutputSize);
            for (int f = 0; f < shape.Filters; f++)
            {
                Span<float> outputPlane = output.Slice(f * plane, plane);
                outputPlane.Fill(bias[f]);
                for (int c = 0; c < shape.Channels; c++)
                {
                    ReadOnlySpan<float> inputPlane = input.Slice(c * shape.Height * shape.Width, shape.Height * shape.Width);
                    int tap = ((f * shape.Channels) + c) * shape.KernelHeight * shape.KernelWidth;
                    for (int kh = 0; kh < shape.KernelHeight; kh++)
                    {
                        for (int kw = 0; kw < shape.KernelWidth; kw++)
                        {
                            float w = weights[tap + (kh * shape.KernelWidth) + kw];
                            (int first, int last) = shape.Columns(kw);
                            if (first >= last)
                            {
                                continue;
                            }

                            for (int oh = 0; oh < shape.OutputHeight; oh++)
                            {
                                int ih = shape.InputRow(oh, kh);
                                if ((uint)ih >= (uint)shape.Height)
                                {
                                    continue;
                                }

                                Span<float> outputs = outputPlane.Slice((oh * shape.OutputWidth) + first, last - first);
                                int start = (ih * shape.Width) + shape.InputColumn(first, kw);
                                AddScaled(outputs, inputPlane, start, shape.StrideWidth, w);
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// The backward pass of <paramref name="rows"/> rows from their <paramref name="delta"/> = ∂L/∂z: adds
    /// ∂L/∂W and ∂L/∂b to the gradients and, unless <paramref name="inputDelta"/> is empty (the first layer), writes ∂L/∂x.
    /// </summary>
    /// <param name="shape">The layer's sizes.</param>
    /// <param name="x">The rows' inputs.</param>
    /// <param name="delta">The rows' ∂L/∂z.</param>
    /// <param name="weights">The weights <c>[filters, channels, kh, kw]</c>.</param>
    /// <param name="weightGradient">Receives ∂L/∂W, added.</param>
    /// <param name="biasGradient">Receives ∂L/∂b, added.</param>
    /// <param name="inputDelta">Receives ∂L/∂x, overwritten; empty for none.</param>
    /// <param name="rows">The number of rows.</param>
    public static void Backward(in ConvolutionShape shape, ReadOnlySpan<float> x, ReadOnlySpan<float> delta, ReadOnlySpan<float> weights, Span<float> weightGradient, Span<float> biasGradient, Span<float> inputDelta, int rows)
    {
        AddBiasGradient(shape, delta, biasGradient, rows);
        AddWeightGradient(shape, x, delta, weightGradient, rows);
        if (!inputDelta.IsEmpty)
        {
            InputGradient(shape, delta, weights, inputDelta, rows);
        }
    }

    /// <summary>
    /// Adds ∂L/∂b: each filter's output deltas summed over the block's rows first and added once, so a block adds the same
    /// value whether the gradient it adds to is empty (its own, on another thread) or holds earlier blocks' sums.
    /// </summary>
    internal static void AddBiasGradient(in ConvolutionShape shape, ReadOnlySpan<float> delta, Span<float> biasGradient, int rows)
    {
        int plane = shape.OutputHeight * shape.OutputWidth;
        for (int f = 0; f < shape.Filters; f++)
        {
            float sum = 0f;
            for (int row = 0; row < rows; row++)
            {
                ReadOnlySpan<float> outputPlane = delta.Slice((row * shape.OutputSize) + (f * plane), plane);
                for (int k = 0; k < plane; k++)
                {
                    sum += outputPlane[k];
                }
            }

            biasGradient[f] += sum;
        }
    }

    /// <summary>Adds ∂L/∂W, each weight's sum over the block's rows formed first and added once (as the bias's).</summary>
    internal static void AddWeightGradient(in ConvolutionShape shape, ReadOnlySpan<float> x, ReadOnlySpan<float> delta, Span<float> weightGradient, int rows)
    {
        int plane = shape.OutputHeight * shape.OutputWidth;
        int inputPlaneSize = shape.Height * shape.Width;
        for (int f = 0; f < shape.Filters; f++)
        {
            for (int c = 0; c < shape.Channels; c++)
            {
                int tap = ((f * shape.Channels) + c) * shape.KernelHeight * shape.KernelWidth;
                for (int kh = 0; kh < shape.KernelHeight; kh++)
                {
                    for (int kw = 0; kw < shape.KernelWidth; kw++)
                    {
                        (int first, int last) = shape.Columns(kw);
                        float gradient = 0f;
                        for (int row = 0; row < rows && first < last; row++)
                        {
                            ReadOnlySpan<float> inputPlane = x.Slice((row * shape.InputSize) + (c * inputPlaneSize), inputPlaneSize);
                            ReadOnlySpan<float> outputPlane = delta.Slice((row * shape.OutputSize) + (f * plane), plane);
                            for (int oh = 0; oh < shape.OutputHeight; oh++)
                            {
                                int ih = shape.InputRow(oh, kh);
                                if ((uint)ih < (uint)shape.Height)
                                {
                                    int start = (ih * shape.Width) + shape.InputColumn(first, kw);
                                    gradient += Dot(outputPlane.Slice((oh * shape.OutputWidth) + first, last - first), inputPlane, start, shape.StrideWidth);
                                }
                            }
                        }

                        weightGradient[tap + (kh * shape.KernelWidth) + kw] += gradient;
                    }
                }
            }
        }
    }

    /// <summary>Writes ∂L/∂x: each weight scatters its share of the output deltas back onto the inputs its taps read.</summary>
    internal static void InputGradient(in ConvolutionShape shape, ReadOnlySpan<float> delta, ReadOnlySpan<float> weights, Span<float> inputDelta, int rows)
    {
        int plane = shape.OutputHeight * shape.OutputWidth;
        int inputPlaneSize = shape.Height * shape.Width;
        inputDelta.Slice(0, rows * shape.InputSize).Clear();
        for (int row = 0; row < rows; row++)
        {
            for (int f = 0; f < shape.Filters; f++)
            {
                ReadOnlySpan<float> outputPlane = delta.Slice((row * shape.OutputSize) + (f * plane), plane);
                for (int c = 0; c < shape.Channels; c++)
                {
                    Span<float> inputPlane = inputDelta.Slice((row * shape.InputSize) + (c * inputPlaneSize), inputPlaneSize);
                    int tap = ((f * shape.Channels) + c) * shape.KernelHeight * shape.KernelWidth;
                    for (int kh = 0; kh < shape.KernelHeight; kh++)
                    {
                        for (int kw = 0; kw < shape.KernelWidth; kw++)
                        {
                            float w = weights[tap + (kh * shape.KernelWidth) + kw];
                            (int first, int last) = shape.Columns(kw);
                            for (int oh = 0; oh < shape.OutputHeight && first < last; oh++)
                            {
                                int ih = shape.InputRow(oh, kh);
                                if ((uint)ih < (uint)shape.Height)
                                {
                                    int start = (ih * shape.Width) + shape.InputColumn(first, kw);
                                    Scatter(inputPlane, start, shape.StrideWidth, outputPlane.Slice((oh * shape.OutputWidth) + first, last - first), w);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary><c>y[i] += w · x[start + i·stride]</c> for every i of <paramref name="y"/>.</summary>
    private static void AddScaled(Span<float> y, ReadOnlySpan<float> x, int start, int stride, float w)
    {
        int i = 0;
        if (stride == 1)
        {
            ReadOnlySpan<float> source = x.Slice(start, y.Length);
            if (Vector.IsHardwareAccelerated && y.Length >= Vector<float>.Count)
            {
                var scale = new Vector<float>(w);
                Span<Vector<float>> targets = MemoryMarshal.Cast<float, Vector<float>>(y);
                ReadOnlySpan<Vector<float>> sources = MemoryMarshal.Cast<float, Vector<float>>(source);
                for (int v = 0; v < targets.Length; v++)
                {
                    targets[v] += scale * sources[v];
                }

                i = targets.Length * Vector<float>.Count;
            }

            for (; i < y.Length; i++)
            {
                y[i] += w * source[i];
            }

            return;
        }

        for (; i < y.Length; i++)
        {
            y[i] += w * x[start + (i * stride)];
        }
    }

    /// <summary><c>Σ d[i] · x[start + i·stride]</c>, in index order.</summary>
    private static float Dot(ReadOnlySpan<float> d, ReadOnlySpan<float> x, int start, int stride)
    {
        float sum = 0f;
        for (int i = 0; i < d.Length; i++)
        {
            sum += d[i] * x[start + (i * stride)];
        }

        return sum;
    }

    /// <summary><c>y[start + i·stride] += w · d[i]</c> for every i of <paramref name="d"/>.</summary>
    private static void Scatter(Span<float> y, int start, int stride, ReadOnlySpan<float> d, float w)
    {
        if (stride == 1)
        {
            AddScaled(y.Slice(start, d.Length), d, 0, 1, w);
            return;
        }

        for (int i = 0; i < d.Length; i++)
        {
            y[start + (i * stride)] += w * d[i];
        }
    }
}
