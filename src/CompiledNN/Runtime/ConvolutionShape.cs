using System.ComponentModel;

namespace CompiledNN.Runtime;

/// <summary>
/// The sizes of one convolution layer, fixed by the generated code: the input planes, the filters and the kernel's
/// stride, padding and dilation along each axis (a 1-D convolution has height 1 and a kernel of height 1), and the
/// output planes they give, as PyTorch's <c>nn.Conv1d</c>/<c>nn.Conv2d</c> compute them.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ConvolutionShape
{
    /// <summary>Describes a convolution; the output sizes follow.</summary>
    /// <param name="channels">The input channels.</param>
    /// <param name="height">The input height (1 for a signal).</param>
    /// <param name="width">The input width or length.</param>
    /// <param name="filters">The filters (output channels).</param>
    /// <param name="kernelHeight">The kernel's height (1 for a signal).</param>
    /// <param name="kernelWidth">The kernel's width or length.</param>
    /// <param name="strideHeight">The step between rows of windows.</param>
    /// <param name="strideWidth">The step between windows along a row.</param>
    /// <param name="paddingHeight">The zero rows above and below.</param>
    /// <param name="paddingWidth">The zero columns left and right.</param>
    /// <param name="dilationHeight">The step between a window's rows.</param>
    /// <param name="dilationWidth">The step between a window's columns.</param>
    public ConvolutionShape(int channels, int height, int width, int filters, int kernelHeight, int kernelWidth, int strideHeight, int strideWidth, int paddingHeight, int paddingWidth, int dilationHeight, int dilationWidth)
    {
        Channels = channels;
        Height = height;
        Width = width;
        Filters = filters;
        KernelHeight = kernelHeight;
        KernelWidth = kernelWidth;
        StrideHeight = strideHeight;
        StrideWidth = strideWidth;
        PaddingHeight = paddingHeight;
        PaddingWidth = paddingWidth;
        DilationHeight = dilationHeight;
        DilationWidth = dilationWidth;
        OutputHeight = ((height + (2 * paddingHeight) - (dilationHeight * (kernelHeight - 1)) - 1) / strideHeight) + 1;
        OutputWidth = ((width + (2 * paddingWidth) - (dilationWidth * (kernelWidth - 1)) - 1) / strideWidth) + 1;
    }

    /// <summary>The input channels.</summary>
    public int Channels { get; }

    /// <summary>The input height (1 for a signal).</summary>
    public int Height { get; }

    /// <summary>The input width or length.</summary>
    public int Width { get; }

    /// <summary>The filters (output channels).</summary>
    public int Filters { get; }

    /// <summary>The kernel's height.</summary>
    public int KernelHeight { get; }

    /// <summary>The kernel's width.</summary>
    public int KernelWidth { get; }

    /// <summary>The step between rows of windows.</summary>
    public int StrideHeight { get; }

    /// <summary>The step between windows along a row.</summary>
    public int StrideWidth { get; }

    /// <summary>The zero rows above and below.</summary>
    public int PaddingHeight { get; }

    /// <summary>The zero columns left and right.</summary>
    public int PaddingWidth { get; }

    /// <summary>The step between a window's rows.</summary>
    public int DilationHeight { get; }

    /// <summary>The step between a window's columns.</summary>
    public int DilationWidth { get; }

    /// <summary>The output height.</summary>
    public int OutputHeight { get; }

    /// <summary>The output width.</summary>
    public int OutputWidth { get; }

    /// <summary>The values of one input row.</summary>
    public int InputSize => Channels * Height * Width;

    /// <summary>The values of one output row.</summary>
    public int OutputSize => Filters * OutputHeight * OutputWidth;

    /// <summary>The outputs <c>[first, last)</c> along a row whose tap at kernel column <paramref name="kw"/> reads inside the input.</summary>
    internal (int First, int Last) Columns(int kw) => Range(kw * DilationWidth, PaddingWidth, StrideWidth, Width, OutputWidth);

    /// <summary>The input column that output column <paramref name="ow"/>'s tap <paramref name="kw"/> reads.</summary>
    internal int InputColumn(int ow, int kw) => (ow * StrideWidth) - PaddingWidth + (kw * DilationWidth);

    /// <summary>The input row that output row <paramref name="oh"/>'s tap <paramref name="kh"/> reads (outside the input in the padding).</summary>
    internal int InputRow(int oh, int kh) => (oh * StrideHeight) - PaddingHeight + (kh * DilationHeight);

    /// <summary>The outputs o with <c>0 ≤ o·stride − padding + offset &lt; length</c>.</summary>
    private static (int First, int Last) Range(int offset, int padding, int stride, int length, int outputs)
    {
        // o ≥ (padding − offset) / stride, rounded up; o ≤ (length − 1 + padding − offset) / stride, rounded down.
        int low = padding - offset;
        int first = low <= 0 ? 0 : (low + stride - 1) / stride;
        int high = length - 1 + padding - offset;
        int last = high < 0 ? 0 : System.Math.Min(outputs, (high / stride) + 1);
        return (first, System.Math.Max(first, last));
    }
}
