using System;

namespace CompiledNN.Benchmarks.PeerComparison;

/// <summary>
/// The baseline every C# developer could write: jagged arrays, plain loops, one row at a time; ReLU hidden layers, a
/// softmax output trained with cross-entropy and Adam. Buffers are allocated once, so it allocates nothing per call
/// either; only the code is naive.
/// </summary>
internal sealed class NaiveMlp
{
    private const float LearningRate = 0.001f, Beta1 = 0.9f, Beta2 = 0.999f, Epsilon = 1e-8f;

    private readonly int[] _sizes;
    private readonly float[][][] _weights;
    private readonly float[][] _biases;
    private readonly float[][][] _weightGradients;
    private readonly float[][] _biasGradients;
    private readonly float[][][] _m, _v;
    private readonly float[][] _mb, _vb;
    private readonly float[][] _activations;
    private readonly float[][] _deltas;
    private int _step;

    public NaiveMlp(int[] sizes, float[] parameters)
    {
        _sizes = sizes;
        int layers = sizes.Length - 1;
        _weights = new float[layers][][];
        _weightGradients = new float[layers][][];
        _m = new float[layers][][];
        _v = new float[layers][][];
        _biases = new float[layers][];
        _biasGradients = new float[layers][];
        _mb = new float[layers][];
        _vb = new float[layers][];
        int p = 0;
        for (int l = 0; l < layers; l++)
        {
            _weights[l] = new float[sizes[l + 1]][];
            _weightGradients[l] = new float[sizes[l + 1]][];
            _m[l] = new float[sizes[l + 1]][];
            _v[l] = new float[sizes[l + 1]][];
            for (int j = 0; j < sizes[l + 1]; j++)
            {
                _weights[l][j] = new float[sizes[l]];
                _weightGradients[l][j] = new float[sizes[l]];
                _m[l][j] = new float[sizes[l]];
                _v[l][j] = new float[sizes[l]];
                for (int i = 0; i < sizes[l]; i++)
                {
                    _weights[l][j][i] = parameters[p++];
                }
            }

            _biases[l] = new float[sizes[l + 1]];
            _biasGradients[l] = new float[sizes[l + 1]];
            _mb[l] = new float[sizes[l + 1]];
            _vb[l] = new float[sizes[l + 1]];
            for (int j = 0; j < sizes[l + 1]; j++)
            {
                _biases[l][j] = parameters[p++];
            }
        }

        _activations = new float[sizes.Length][];
        _deltas = new float[sizes.Length][];
        for (int l = 0; l < sizes.Length; l++)
        {
            _activations[l] = new float[sizes[l]];
            _deltas[l] = new float[sizes[l]];
        }
    }

    public void PredictBatch(float[] inputs, float[] outputs, int rows)
    {
        int n = _sizes[0], k = _sizes[^1];
        for (int r = 0; r < rows; r++)
        {
            Forward(inputs, r * n);
            Array.Copy(_activations[^1], 0, outputs, r * k, k);
        }
    }

    public void TrainBatch(float[] inputs, float[] targets, int rows)
    {
        int layers = _sizes.Length - 1;
        for (int l = 0; l < layers; l++)
        {
            foreach (float[] row in _weightGradients[l])
            {
                Array.Clear(row);
            }

            Array.Clear(_biasGradients[l]);
        }

        int n = _sizes[0], k = _sizes[^1];
        for (int r = 0; r < rows; r++)
        {
            Forward(inputs, r * n);
            for (int c = 0; c < k; c++)
            {
                _deltas[layers][c] = (_activations[layers][c] - targets[(r * k) + c]) / rows;
            }

            for (int l = layers - 1; l >= 0; l--)
            {
                for (int j = 0; j < _sizes[l + 1]; j++)
                {
                    float d = _deltas[l + 1][j];
                    for (int i = 0; i < _sizes[l]; i++)
                    {
                        _weightGradients[l][j][i] += d * _activations[l][i];
                    }

                    _biasGradients[l][j] += d;
                }

                if (l > 0)
                {
                    for (int i = 0; i < _sizes[l]; i++)
                    {
                        float sum = 0f;
                        for (int j = 0; j < _sizes[l + 1]; j++)
                        {
                            sum += _weights[l][j][i] * _deltas[l + 1][j];
                        }

                        _deltas[l][i] = _activations[l][i] > 0f ? sum : 0f;
                    }
                }
            }
        }

        _step++;
        float correction1 = 1f - MathF.Pow(Beta1, _step), correction2 = 1f - MathF.Pow(Beta2, _step);
        for (int l = 0; l < layers; l++)
        {
            for (int j = 0; j < _sizes[l + 1]; j++)
            {
                for (int i = 0; i < _sizes[l]; i++)
                {
                    Adam(ref _weights[l][j][i], _weightGradients[l][j][i], ref _m[l][j][i], ref _v[l][j][i], correction1, correction2);
                }

                Adam(ref _biases[l][j], _biasGradients[l][j], ref _mb[l][j], ref _vb[l][j], correction1, correction2);
            }
        }
    }

    private static void Adam(ref float w, float g, ref float m, ref float v, float correction1, float correction2)
    {
        m = (Beta1 * m) + ((1f - Beta1) * g);
        v = (Beta2 * v) + ((1f - Beta2) * g * g);
        w -= LearningRate / correction1 * m / ((MathF.Sqrt(v) / MathF.Sqrt(correction2)) + Epsilon);
    }

    private void Forward(float[] inputs, int offset)
    {
        Array.Copy(inputs, offset, _activations[0], 0, _sizes[0]);
        int layers = _sizes.Length - 1;
        for (int l = 0; l < layers; l++)
        {
            float[] x = _activations[l], a = _activations[l + 1];
            for (int j = 0; j < _sizes[l + 1]; j++)
            {
                float sum = _biases[l][j];
                for (int i = 0; i < _sizes[l]; i++)
                {
                    sum += _weights[l][j][i] * x[i];
                }

                a[j] = l < layers - 1 ? MathF.Max(0f, sum) : sum;
            }
        }

        float[] output = _activations[layers];
        float max = float.NegativeInfinity, total = 0f;
        foreach (float z in output)
        {
            max = MathF.Max(max, z);
        }

        for (int c = 0; c < output.Length; c++)
        {
            output[c] = MathF.Exp(output[c] - max);
            total += output[c];
        }

        for (int c = 0; c < output.Length; c++)
        {
            output[c] /= total;
        }
    }
}
