using System;

namespace CompiledNN.Generators.Validation;

/// <summary>A dense layer's weights as int8: <c>W[j, i] ≈ Scales[j] · Weights[j, i]</c>, in the canonical order.</summary>
/// <param name="Weights">The int8 weights, units × inputs.</param>
/// <param name="Scales">Each unit's scale, its largest |w| / 127.</param>
/// <param name="ErrorBound">The largest |w − ŵ| over the layer, relative to the layer's largest |w|.</param>
internal sealed record QuantizedLayer(sbyte[] Weights, float[] Scales, double ErrorBound);

/// <summary>
/// Quantises dense layers' weights at compile time, symmetric int8 per unit, and decides which layers run in int8: every
/// dense layer with at least <see cref="MinInputs"/> and at most <see cref="MaxInputs"/> inputs, the output layer too (its
/// activation, softmax or sigmoid included, is applied in float to the dequantised pre-activations).
/// </summary>
internal static class Int8Quantizer
{
    /// <summary>Fewer inputs than one vector of int8 products gain nothing from int8.</summary>
    public const int MinInputs = 32;

    /// <summary>The runtime's limit: 127 · 127 · inputs must stay within int32 (<c>QuantizedKernels.MaxInputs</c>).</summary>
    public const int MaxInputs = 131_072;

    /// <summary>Whether a dense layer of <paramref name="inputs"/> inputs runs in int8.</summary>
    public static bool RunsInInt8(int inputs) => inputs >= MinInputs && inputs <= MaxInputs;

    /// <summary>The bytes an int8 layer bakes: its int8 weights and a float scale and bias per unit.</summary>
    public static int BakedBytes(int inputs, int units) => (units * inputs) + (2 * sizeof(float) * units);

    /// <summary>Why a layer of <paramref name="inputs"/> inputs stays float32, for the diagnostic.</summary>
    public static string WhyFloat(int inputs) => inputs < MinInputs
        ? $"its {inputs} inputs are fewer than the {MinInputs} of one vector of int8 products"
        : $"its {inputs} inputs are more than the {MaxInputs} whose int8 products an int32 sum holds";

    /// <summary>
    /// Quantises the weights <c>W[units, inputs]</c> at <paramref name="offset"/> of the canonical parameters, or returns
    /// the first unit whose scale is 0 or not finite (with that scale).
    /// </summary>
    public static (QuantizedLayer? Layer, int BadUnit, float BadScale) Quantize(float[] parameters, int offset, int units, int inputs)
    {
        var weights = new sbyte[units * inputs];
        var scales = new float[units];
        float largest = 0f;
        float error = 0f;
        for (int j = 0; j < units; j++)
        {
            float maxAbs = 0f;
            for (int i = 0; i < inputs; i++)
            {
                float w = parameters[offset + (j * inputs) + i];
                maxAbs = float.IsNaN(w) || Math.Abs(w) > maxAbs ? Math.Abs(w) : maxAbs;
            }

            float scale = maxAbs / 127f;
            if (!(scale > 0f) || float.IsInfinity(scale))
            {
                return (null, j, scale);
            }

            scales[j] = scale;
            largest = Math.Max(largest, maxAbs);
            for (int i = 0; i < inputs; i++)
            {
                float w = parameters[offset + (j * inputs) + i];
                float level = w / scale;
                int q = Math.Max(-127, Math.Min(127, (int)Math.Round(level, MidpointRounding.ToEven)));
                weights[(j * inputs) + i] = (sbyte)q;
                error = Math.Max(error, Math.Abs(w - (q * scale)));
            }
        }

        return (new QuantizedLayer(weights, scales, error / (double)largest), -1, 0f);
    }
}
