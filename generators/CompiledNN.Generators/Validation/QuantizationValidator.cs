using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using CompiledNN.Generators.Diagnostics;
using CompiledNN.Generators.Model;
using CompiledNN.Generators.Parsing;

namespace CompiledNN.Generators.Validation;

/// <summary>
/// The rules of <c>Quantization</c> on <c>[Weights]</c>, shared by the generator and the analyzer: a member of the enum,
/// only with <c>InferenceOnly = true</c>, and int8 only for weights whose every unit has a finite scale above 0. The
/// analyzer also tells, layer by layer, which run in int8 and how far their weights moved.
/// </summary>
internal static class QuantizationValidator
{
    private const string Argument = "Quantization";

    /// <summary>The declaration's problem, found before the file is read.</summary>
    public static ValidationProblem? CheckDeclaration(WeightsDeclaration declaration, string networkName)
    {
        if (declaration.Quantization is not (Quantization.None or Quantization.Int8))
        {
            return new ValidationProblem(DiagnosticDescriptors.QuantizationUnknown, declaration.AttributeIndex, Argument, ((int)declaration.Quantization).ToString(CultureInfo.InvariantCulture));
        }

        return declaration.Quantization != Quantization.None && !declaration.InferenceOnly
            ? new ValidationProblem(DiagnosticDescriptors.QuantizationWithoutInferenceOnly, declaration.AttributeIndex, Argument, networkName, declaration.Quantization)
            {
                Properties = ImmutableDictionary<string, string?>.Empty.Add(FixProperties.Remove, null),
            }
            : null;
    }

    /// <summary>The first unit of an int8 layer whose weights give no usable scale, if any.</summary>
    public static ValidationProblem? CheckWeights(NetworkSpec network, WeightsDeclaration declaration, float[] parameters)
    {
        if (declaration.Quantization != Quantization.Int8)
        {
            return null;
        }

        foreach (DenseSpec layer in network.Layers.OfType<DenseSpec>())
        {
            if (!Int8Quantizer.RunsInInt8(layer.Inputs))
            {
                continue;
            }

            (QuantizedLayer? quantized, int unit, float scale) = Int8Quantizer.Quantize(parameters, layer.WeightOffset, layer.Units, layer.Inputs);
            if (quantized is null)
            {
                return new ValidationProblem(DiagnosticDescriptors.QuantizationScaleInvalid, declaration.AttributeIndex, Argument, layer.Name, unit, declaration.Path ?? "", scale.ToString("R", CultureInfo.InvariantCulture));
            }
        }

        return null;
    }

    /// <summary>One note per layer of an int8 network: runs in int8 (with its error bound and bytes) or stays float32 (and why).</summary>
    public static IEnumerable<ValidationProblem> Notes(NetworkSpec network, WeightsDeclaration declaration, float[] parameters)
    {
        if (declaration.Quantization != Quantization.Int8)
        {
            yield break;
        }

        foreach (DenseSpec layer in network.Layers.OfType<DenseSpec>())
        {
            if (!Int8Quantizer.RunsInInt8(layer.Inputs))
            {
                yield return new ValidationProblem(DiagnosticDescriptors.LayerStaysFloat, declaration.AttributeIndex, Argument, layer.Name, Int8Quantizer.WhyFloat(layer.Inputs));
                continue;
            }

            QuantizedLayer quantized = Int8Quantizer.Quantize(parameters, layer.WeightOffset, layer.Units, layer.Inputs).Layer!;
            yield return new ValidationProblem(
                DiagnosticDescriptors.LayerRunsInInt8,
                declaration.AttributeIndex,
                Argument,
                layer.Name,
                quantized.ErrorBound.ToString("0.###%", CultureInfo.InvariantCulture),
                Int8Quantizer.BakedBytes(layer.Inputs, layer.Units).ToString("N0", CultureInfo.InvariantCulture),
                (4 * (layer.Units * (layer.Inputs + 1))).ToString("N0", CultureInfo.InvariantCulture));
        }
    }
}
