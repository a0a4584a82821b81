using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CompiledNN.Generators.Diagnostics;
using CompiledNN.Generators.Model;
using CompiledNN.Generators.Parsing;

namespace CompiledNN.Generators.Validation;

/// <summary>
/// The rules of <c>[BatchNorm]</c> and <c>[LayerNorm]</c>: their options, their activation, the shape they read, and
/// where they train badly. A normalisation may come first (it then normalises the inputs, as PyTorch allows) and may be
/// the output layer, whose activation is then the network's output activation.
/// </summary>
internal static class NormalizationRules
{
    /// <summary>Reports the option, activation and design problems of every normalisation of <paramref name="declaration"/>.</summary>
    public static void Validate(NetworkDeclaration declaration, List<ValidationProblem> problems)
    {
        List<object> order = LayersInOrder(declaration);
        foreach (NormalizationDeclaration layer in declaration.Normalizations)
        {
            int index = order.IndexOf(layer);
            int position = Position(declaration, layer.AttributeIndex);
            bool isOutput = order.Skip(index + 1).All(static l => l is DropoutDeclaration);
            if (layer.Momentum is { } momentum && !(momentum > 0f && momentum <= 1f))
            {
                problems.Add(new(DiagnosticDescriptors.MomentumOutOfRange, layer.AttributeIndex, "Momentum", position, Format(momentum)));
            }

            if (layer.Epsilon is { } epsilon && !(epsilon > 0f && !float.IsInfinity(epsilon)))
            {
                problems.Add(new(DiagnosticDescriptors.NormalizationEpsilonNotPositive, layer.AttributeIndex, "Epsilon", position, layer.Kind, Format(epsilon)));
            }

            switch (layer.Activation)
            {
                case { } undefined when !System.Enum.IsDefined(typeof(Activation), undefined):
                    problems.Add(new(DiagnosticDescriptors.UndefinedEnumValue, layer.AttributeIndex, "0", $"The activation of layer {position}", nameof(Activation),
                        ((int)undefined).ToString(CultureInfo.InvariantCulture), string.Join(", ", System.Enum.GetNames(typeof(Activation)))));
                    break;
                case Activation.Step:
                    problems.Add(new(DiagnosticDescriptors.StepInTrainedNetwork, layer.AttributeIndex, "0", position));
                    break;
                case Activation.Softmax when !isOutput:
                    problems.Add(new(DiagnosticDescriptors.SoftmaxInHiddenLayer, layer.AttributeIndex, "0", position));
                    break;
                case Activation.Softmax when layer.IsBatch:
                    problems.Add(new(DiagnosticDescriptors.BatchNormSoftmaxOutput, layer.AttributeIndex, "0", position));
                    break;
            }

            if (layer.Alpha is { } alpha && (float.IsNaN(alpha) || float.IsInfinity(alpha)))
            {
                problems.Add(new(DiagnosticDescriptors.InvalidOptimizerValue, layer.AttributeIndex, "Alpha", "Alpha", Format(alpha), "a finite number"));
            }

            if (layer.IsBatch && isOutput && layer.Activation is Activation.Identity or Activation.ReLU or Activation.LeakyReLU or Activation.ELU or Activation.GELU or Activation.SiLU or Activation.Mish or Activation.Tanh)
            {
                problems.Add(new(DiagnosticDescriptors.BatchNormRegressionOutput, layer.AttributeIndex, null, position));
            }

            if (layer.IsBatch && index > 0 && order[index - 1] is DropoutDeclaration)
            {
                problems.Add(new(DiagnosticDescriptors.DropoutBeforeBatchNorm, layer.AttributeIndex, null, position));
            }
        }
    }

    /// <summary>The shape a normalisation writes (the one it reads), or null (with the problem reported) when <c>[LayerNorm]</c> reads channels.</summary>
    public static TensorShape? Shape(NormalizationDeclaration layer, int position, TensorShape input, List<ValidationProblem>? problems)
    {
        if (!layer.IsBatch && !input.IsFlat)
        {
            problems?.Add(new(DiagnosticDescriptors.LayerNormAfterChannels, layer.AttributeIndex, null, position, input.ToString()));
            return null;
        }

        if (!layer.IsBatch && input.Size == 1)
        {
            problems?.Add(new(DiagnosticDescriptors.LayerNormSingleFeature, layer.AttributeIndex, null, position));
        }

        return input;
    }

    /// <summary>The activation of the output layer: the last dense layer's, or a normalisation's declared after it.</summary>
    public static Activation? OutputActivation(NetworkDeclaration declaration) => LayersInOrder(declaration).LastOrDefault(static l => l is not DropoutDeclaration) switch
    {
        DenseDeclaration dense => dense.Activation,
        NormalizationDeclaration normalization => normalization.Activation,
        _ => null,
    };

    /// <summary>The normalisation that directly follows <paramref name="dense"/>, if any.</summary>
    public static NormalizationDeclaration? NextNormalization(NetworkDeclaration declaration, DenseDeclaration dense)
    {
        List<object> order = LayersInOrder(declaration);
        int index = order.IndexOf(dense);
        return index >= 0 && index + 1 < order.Count ? order[index + 1] as NormalizationDeclaration : null;
    }

    /// <summary>Dense layers, dropouts and normalisations in source order (the ones that decide what follows what here).</summary>
    private static List<object> LayersInOrder(NetworkDeclaration declaration) => declaration.Layers.Select(static l => (l.AttributeIndex, Layer: (object)l))
        .Concat(declaration.Dropouts.Select(static l => (l.AttributeIndex, Layer: (object)l)))
        .Concat(declaration.Normalizations.Select(static l => (l.AttributeIndex, Layer: (object)l)))
        .OrderBy(static l => l.AttributeIndex)
        .Select(static l => l.Layer)
        .ToList();

    /// <summary>The 1-based position among all layers of the attribute at <paramref name="attributeIndex"/>, as messages count layers.</summary>
    private static int Position(NetworkDeclaration declaration, int attributeIndex) => 1
        + declaration.Layers.Count(l => l.AttributeIndex < attributeIndex)
        + declaration.Dropouts.Count(l => l.AttributeIndex < attributeIndex)
        + declaration.SpatialLayers.Count(l => l.AttributeIndex < attributeIndex)
        + declaration.Normalizations.Count(l => l.AttributeIndex < attributeIndex);

    private static string Format(float value) => value.ToString("R", CultureInfo.InvariantCulture);
}
