using Microsoft.CodeAnalysis;

namespace CompiledNN.Generators.Diagnostics;

/// <summary>The diagnostics of <c>[Weights(…, Quantization = …)]</c>, which bakes the weights as int8 (CNN021x, CNN201x).</summary>
internal static partial class DiagnosticDescriptors
{
    private const string Quantization = "CompiledNN.Quantization";

    public static readonly DiagnosticDescriptor QuantizationWithoutInferenceOnly = Error(
        "CNN0210", Quantization,
        "Quantization needs InferenceOnly",
        "Network '{0}' asks for Quantization.{1} without InferenceOnly = true; a quantised network only predicts, so set InferenceOnly = true or remove Quantization");

    public static readonly DiagnosticDescriptor QuantizationScaleInvalid = Error(
        "CNN0211", Quantization,
        "Weights cannot be quantised",
        "Unit {1} of {0} in '{2}' has int8 scale {3} (its largest |w| / 127); quantisation needs a finite scale above 0, so a unit whose weights are all zero, NaN or infinite cannot be baked as int8: retrain or remove the unit, or remove Quantization");

    public static readonly DiagnosticDescriptor QuantizationUnknown = Error(
        "CNN0212", Quantization,
        "Unknown quantization",
        "Quantization value {0} is not a member of the Quantization enum; use Quantization.None or Quantization.Int8");

    public static readonly DiagnosticDescriptor LayerRunsInInt8 = Info(
        "CNN2010", Quantization,
        "Layer runs in int8",
        "{0} runs in int8: each weight is within {1} of its layer's largest |w| of its float value, {2} bytes of weights instead of {3}");

    public static readonly DiagnosticDescriptor LayerStaysFloat = Info(
        "CNN2011", Quantization,
        "Layer stays float32",
        "{0} stays float32: {1}");
}
