using Microsoft.CodeAnalysis;

namespace CompiledNN.Generators.Diagnostics;

/// <summary>The diagnostics of convolutions, pooling and flatten: the shapes they read and write (CNN0040–CNN0049, CNN1020–CNN1029).</summary>
internal static partial class DiagnosticDescriptors
{
    public static readonly DiagnosticDescriptor KernelLargerThanInput = Error(
        "CNN0040", Declaration,
        "Convolution kernel larger than its padded input",
        "Layer {0} ([{1}]) spans {2} values along its {3} (kernel {4}, dilation {5}), more than the {6} of its input padded by {7} on each side; use a smaller kernel or dilation, more padding, or a larger input");

    public static readonly DiagnosticDescriptor PaddingBelowZero = Error(
        "CNN0041", Declaration,
        "Padding below 0",
        "The padding of layer {0} ([{1}]) is {2}; it must be at least 0 (the zeros added on each side), so that the output size is not below 1 or cut from the input");

    public static readonly DiagnosticDescriptor StrideOrDilationBelowOne = Error(
        "CNN0042", Declaration,
        "Stride or dilation below 1",
        "The {2} of layer {0} ([{1}]) is {3}; it must be at least 1");

    public static readonly DiagnosticDescriptor LayerAfterFlatShape = Error(
        "CNN0043", Declaration,
        "Convolution or pooling after a flat shape",
        "Layer {0} ([{1}]) needs {2}, but it follows a flat shape of {3} features; declare [Input(channels, length)] or [Input(channels, height, width)] and put convolutions and pooling before [Flatten], [GlobalAvgPool] and [Dense]");

    public static readonly DiagnosticDescriptor PoolingLeavesNoElement = Error(
        "CNN0044", Declaration,
        "Pooling window larger than its input",
        "Layer {0} ([{1}]) has windows of {2} along its {3}, but its input is only {4} long there, so the pooling leaves no element; use a smaller size or pool earlier");

    public static readonly DiagnosticDescriptor WrongInputRank = Error(
        "CNN0045", Declaration,
        "Layer reads a shape of another rank",
        "Layer {0} ([{1}]) needs {2}, but its input is {3} ({4}); use the {5} form of the layer, or change [Input]");

    public static readonly DiagnosticDescriptor ConvolutionNotSupported = Error(
        "CNN0046", Declaration,
        "Not supported for convolutional networks yet",
        "'{0}' has convolution or pooling layers, and {1} does not support them yet; remove it, or train and predict with the trainable network");

    public static readonly DiagnosticDescriptor StrideSkipsInput = Warning(
        "CNN1020", Design,
        "Stride skips input values",
        "Layer {0} ([{1}]) reads a window every {2} values along its {3}, and {4} of the {5} input values there fall between windows, read by none, so they never influence the output; use a smaller stride (or dilation), or a larger kernel");
}
