using System;
using CompiledNN.Runtime;

namespace CompiledNN.Benchmarks.Quantized;

/// <summary>
/// The forward pass the generator writes for <c>Quantization.Int8</c> (every layer of these shapes runs in int8), over
/// float weights quantised here as the generator does (symmetric, a scale per unit, rounded half to even): a baked
/// 3072-512-10 would be 8 MB of source. Per layer: <c>QuantizedKernels.Linear</c>, then the activation in float; then
/// the non-finite rows.
/// </summary>
internal sealed class Int8Mlp
{
    private readonly Layer[] _layers;
    private readonly float[] _scratch;

    private sealed record Layer(int Units, Int8Panels Weights, float[] Scales, float[] Bias);

    /// <param name="sizes">The layer sizes, inputs first.</param>
    /// <param name="parameters">The float network's canonical parameters: per layer W[units, inputs], then b.</param>
    public Int8Mlp(int[] sizes, float[] parameters)
    {
        _layers = new Layer[sizes.Length - 1];
        int hidden = 0, offset = 0;
        for (int l = 0; l < _layers.Length; l++)
        {
            int inputs = sizes[l], units = sizes[l + 1];
            var weights = new sbyte[inputs * units];
            var scales = new float[units];
            for (int j = 0; j < units; j++)
            {
                ReadOnlySpan<float> unit = parameters.AsSpan(offset + (j * inputs), inputs);
                float maxAbs = 0f;
                foreach (float w in unit)
                {
                    maxAbs = MathF.Max(maxAbs, MathF.Abs(w));
                }

                scales[j] = maxAbs / 127f;
                for (int i = 0; i < inputs; i++)
                {
                    weights[(j * inputs) + i] = (sbyte)Math.Clamp((int)MathF.Round(unit[i] / scales[j], MidpointRounding.ToEven), -127, 127);
                }
            }

            offset += inputs * units;
            float[] bias = parameters.AsSpan(offset, units).ToArray();
            offset += units;
            _layers[l] = new Layer(units, new Int8Panels(weights, inputs, units), scales, bias);
            hidden += l < _layers.Length - 1 ? units : 0;
        }

        _scratch = new float[hidden * 64];
    }

    public int OutputSize => _layers[^1].Units;

    public void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs, int rows)
    {
        ReadOnlySpan<float> x = inputs;
        int offset = 0;
        foreach (Layer layer in _layers)
        {
            bool last = layer == _layers[^1];
            Span<float> z = last ? outputs : _scratch.AsSpan(offset * rows, layer.Units * rows);
            QuantizedKernels.Linear(x, layer.Weights, layer.Scales, layer.Bias, z, rows);
            if (last)
            {
                for (int row = 0; row < rows; row++)
                {
                    Activations.Softmax(z.Slice(row * layer.Units, layer.Units), z.Slice(row * layer.Units, layer.Units));
                }
            }
            else
            {
                Activations.ReLU(z, z);
                offset += layer.Units;
            }

            x = z;
        }

        QuantizedKernels.MarkNonFiniteRows(inputs, outputs, rows, _layers[0].Weights.Inputs, OutputSize);
    }
}
