using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CompiledNN.Generators.Diagnostics;
using CompiledNN.Generators.Model;
using CompiledNN.Generators.Parsing;

namespace CompiledNN.Generators.Validation;

/// <summary>
/// The shapes of a network's rows from <c>[Input]</c> through every layer attribute in source order, and the rules of
/// convolutions, pooling and flatten, which are all about those shapes: each layer reads the shape the one before it
/// wrote, so a kernel, window or stride that does not fit is an error at compile time.
/// </summary>
internal static class ConvolutionRules
{
    /// <summary>One layer attribute in source order: its declaration, its 1-based position and the shapes it reads and writes.</summary>
    internal sealed record Step(object Declaration, int AttributeIndex, int Position, TensorShape Input, TensorShape Output);

    /// <summary>Reports the shape problems of <paramref name="declaration"/>.</summary>
    public static void Validate(NetworkDeclaration declaration, List<ValidationProblem> problems) => Walk(declaration, problems);

    /// <summary>The shape of an input row as declared, or null when <c>[Input]</c> is missing or malformed.</summary>
    public static TensorShape? InputShape(NetworkDeclaration declaration)
    {
        if (declaration.Inputs.Count == 0 || declaration.Inputs[0] is not { Size: > 0 } input)
        {
            return null;
        }

        var d = input.Dimensions;
        return d.Count switch
        {
            2 => new TensorShape(d[0], 1, d[1], 2),
            3 => new TensorShape(d[0], d[1], d[2], 3),
            _ => TensorShape.Flat(input.Size.Value),
        };
    }

    /// <summary>
    /// Walks the layers from the input, reporting each shape problem to <paramref name="problems"/> (when given);
    /// returns every layer's shapes, or null where a problem or a malformed value leaves the shapes unknown.
    /// </summary>
    public static List<Step>? Walk(NetworkDeclaration declaration, List<ValidationProblem>? problems)
    {
        if (InputShape(declaration) is not { } shape)
        {
            return null;
        }

        var declarations = declaration.Layers.Select(static l => (l.AttributeIndex, Declaration: (object)l))
            .Concat(declaration.Dropouts.Select(static l => (l.AttributeIndex, Declaration: (object)l)))
            .Concat(declaration.SpatialLayers.Select(static l => (l.AttributeIndex, Declaration: (object)l)))
            .Concat(declaration.Normalizations.Select(static l => (l.AttributeIndex, Declaration: (object)l)))
            .OrderBy(static l => l.AttributeIndex)
            .ToList();
        var steps = new List<Step>();
        bool known = true;
        for (int i = 0; i < declarations.Count && known; i++)
        {
            int position = i + 1;
            TensorShape? output = declarations[i].Declaration switch
            {
                DenseDeclaration { Units: > 0 } dense => TensorShape.Flat(dense.Units.Value),
                DenseDeclaration => null,
                DropoutDeclaration => shape,
                SpatialLayerDeclaration spatial => Spatial(declaration.Type.Name, spatial, position, shape, problems),
                NormalizationDeclaration normalization => NormalizationRules.Shape(normalization, position, shape, problems),
                _ => null,
            };
            if (output is null)
            {
                known = false;
                break;
            }

            steps.Add(new Step(declarations[i].Declaration, declarations[i].AttributeIndex, position, shape, output));
            shape = output;
        }

        return known ? steps : null;
    }

    /// <summary>The shape a convolution, pooling or flatten writes, or null (with its problems reported) when it cannot read <paramref name="input"/>.</summary>
    private static TensorShape? Spatial(string network, SpatialLayerDeclaration layer, int position, TensorShape input, List<ValidationProblem>? problems)
    {
        if (input.IsFlat)
        {
            string needs = layer.InputRank switch
            {
                2 => "a signal of channels × length",
                3 => "an image of channels × height × width",
                _ => "a signal or an image",
            };
            problems?.Add(new(DiagnosticDescriptors.LayerAfterFlatShape, layer.AttributeIndex, null, position, layer.Kind, needs, input.Size));
            return null;
        }

        if (layer.Kind == "Flatten")
        {
            return TensorShape.Flat(input.Size);
        }

        if (layer.Kind == "GlobalAvgPool")
        {
            return TensorShape.Flat(input.Channels);
        }

        if (layer.InputRank != input.Rank)
        {
            bool wantsSignal = layer.InputRank == 2;
            problems?.Add(new(
                DiagnosticDescriptors.WrongInputRank,
                layer.AttributeIndex,
                null,
                position,
                layer.Kind,
                wantsSignal ? "a signal of channels × length" : "an image of channels × height × width",
                input.Rank == 2 ? "a signal" : "an image",
                Shape(input),
                layer.Kind.Replace(wantsSignal ? "1D" : "2D", wantsSignal ? "2D" : "1D")));
            return null;
        }

        return layer.IsConvolution ? Convolution(network, layer, position, input, problems) : Pooling(layer, position, input, problems);
    }

    private static TensorShape? Convolution(string network, SpatialLayerDeclaration layer, int position, TensorShape input, List<ValidationProblem>? problems)
    {
        if (layer is not { Filters: { } filters, Size: { } kernel, Stride: { } stride, Padding: { } padding, Dilation: { } dilation, Activation: { } activation })
        {
            return null;
        }

        bool valid = true;
        valid &= Positive(filters, layer, "0", $"The number of filters of layer {position}", problems);
        valid &= Positive(kernel, layer, "1", $"The kernel size of layer {position}", problems);
        valid &= AtLeastOne(stride, "Stride", layer, position, problems);
        valid &= AtLeastOne(dilation, "Dilation", layer, position, problems);
        if (padding < 0)
        {
            problems?.Add(new(DiagnosticDescriptors.PaddingBelowZero, layer.AttributeIndex, "Padding", position, layer.Kind, padding));
            valid = false;
        }

        switch (activation)
        {
            case var undefined when !System.Enum.IsDefined(typeof(Activation), undefined):
                problems?.Add(new(DiagnosticDescriptors.UndefinedEnumValue, layer.AttributeIndex, "2", $"The activation of layer {position}", nameof(Activation),
                    ((int)undefined).ToString(CultureInfo.InvariantCulture), string.Join(", ", System.Enum.GetNames(typeof(Activation)))));
                valid = false;
                break;
            case Activation.Step:
                problems?.Add(new(DiagnosticDescriptors.StepInTrainedNetwork, layer.AttributeIndex, "2", position));
                valid = false;
                break;
            case Activation.Softmax:
                problems?.Add(new(DiagnosticDescriptors.SoftmaxInHiddenLayer, layer.AttributeIndex, "2", position));
                valid = false;
                break;
        }

        if (layer.Alpha is { } alpha && (float.IsNaN(alpha) || float.IsInfinity(alpha)))
        {
            problems?.Add(new(DiagnosticDescriptors.InvalidOptimizerValue, layer.AttributeIndex, "Alpha", "Alpha", alpha.ToString("R", CultureInfo.InvariantCulture), "a finite number"));
            valid = false;
        }

        if (!valid)
        {
            return null;
        }

        int span = (dilation * (kernel - 1)) + 1;
        int height = 1;
        if (input.Rank == 3)
        {
            if (ConvolutionAxis(layer, position, "height", input.Height, kernel, stride, padding, dilation, span, problems) is not { } h)
            {
                return null;
            }

            height = h;
        }

        if (ConvolutionAxis(layer, position, input.Rank == 3 ? "width" : "length", input.Width, kernel, stride, padding, dilation, span, problems) is not { } width)
        {
            return null;
        }

        return new TensorShape(filters, height, width, input.Rank);
    }

    private static int? ConvolutionAxis(SpatialLayerDeclaration layer, int position, string axis, int length, int kernel, int stride, int padding, int dilation, int span, List<ValidationProblem>? problems)
    {
        long padded = length + (2L * padding);
        if (span > padded)
        {
            problems?.Add(new(DiagnosticDescriptors.KernelLargerThanInput, layer.AttributeIndex, "1", position, layer.Kind, span, axis, kernel, dilation, padded, padding));
            return null;
        }

        int output = ConvolutionSpec.OutputLength(length, kernel, stride, padding, dilation);
        WarnUnread(layer, position, axis, length, output, kernel, stride, padding, dilation, axis == "height" ? null : problems);
        return output;
    }

    private static TensorShape? Pooling(SpatialLayerDeclaration layer, int position, TensorShape input, List<ValidationProblem>? problems)
    {
        if (layer is not { Size: { } size, Stride: { } stride })
        {
            return null;
        }

        bool valid = Positive(size, layer, "0", $"The window size of layer {position}", problems);
        valid &= AtLeastOne(stride, "Stride", layer, position, problems);
        if (!valid)
        {
            return null;
        }

        int height = 1;
        if (input.Rank == 3)
        {
            if (PoolingAxis(layer, position, "height", input.Height, size, stride, problems) is not { } h)
            {
                return null;
            }

            height = h;
        }

        if (PoolingAxis(layer, position, input.Rank == 3 ? "width" : "length", input.Width, size, stride, problems) is not { } width)
        {
            return null;
        }

        return new TensorShape(input.Channels, height, width, input.Rank);
    }

    private static int? PoolingAxis(SpatialLayerDeclaration layer, int position, string axis, int length, int size, int stride, List<ValidationProblem>? problems)
    {
        if (size > length)
        {
            problems?.Add(new(DiagnosticDescriptors.PoolingLeavesNoElement, layer.AttributeIndex, "0", position, layer.Kind, size, axis, length));
            return null;
        }

        int output = ConvolutionSpec.OutputLength(length, size, stride, 0, 1);
        WarnUnread(layer, position, axis, length, output, size, stride, 0, 1, axis == "height" ? null : problems);
        return output;
    }

    /// <summary>
    /// Warns when input values between the first and the last one read lie in no window: a stride larger than the
    /// window (or a dilation the stride does not fill in). Values after the last window are PyTorch's usual rounding
    /// down, not reported. A square window reads both axes of an image alike, so only the width is checked.
    /// </summary>
    private static void WarnUnread(SpatialLayerDeclaration layer, int position, string axis, int length, int output, int kernel, int stride, int padding, int dilation, List<ValidationProblem>? problems)
    {
        if (problems is null || (stride == 1 && dilation == 1))
        {
            return;
        }

        bool[] read = new bool[length];
        int last = -1;
        for (int o = 0; o < output; o++)
        {
            for (int t = 0; t < kernel; t++)
            {
                int i = (o * stride) - padding + (t * dilation);
                if (i >= 0 && i < length)
                {
                    read[i] = true;
                    last = System.Math.Max(last, i);
                }
            }
        }

        int first = System.Array.IndexOf(read, true);
        int unread = 0;
        for (int i = first; i >= 0 && i <= last; i++)
        {
            unread += read[i] ? 0 : 1;
        }

        if (unread > 0)
        {
            problems.Add(new(DiagnosticDescriptors.StrideSkipsInput, layer.AttributeIndex, stride > 1 ? "Stride" : "Dilation", position, layer.Kind, stride, axis, unread, last - first + 1));
        }
    }

    private static bool Positive(int value, SpatialLayerDeclaration layer, string argument, string what, List<ValidationProblem>? problems)
    {
        if (value < 1)
        {
            problems?.Add(new(DiagnosticDescriptors.SizeNotPositive, layer.AttributeIndex, argument, what, value));
            return false;
        }

        return true;
    }

    private static bool AtLeastOne(int value, string option, SpatialLayerDeclaration layer, int position, List<ValidationProblem>? problems)
    {
        if (value < 1)
        {
            problems?.Add(new(DiagnosticDescriptors.StrideOrDilationBelowOne, layer.AttributeIndex, option, position, layer.Kind, option.ToLowerInvariant(), value));
            return false;
        }

        return true;
    }

    private static string Shape(TensorShape shape) => shape.Rank == 2
        ? $"{shape.Channels} × {shape.Width}"
        : $"{shape.Channels} × {shape.Height} × {shape.Width}";
}
