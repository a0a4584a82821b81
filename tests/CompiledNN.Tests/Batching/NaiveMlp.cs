using System;

namespace CompiledNN.Tests.Batching;

/// <summary>
/// A textbook multilayer perceptron in double precision with jagged arrays and plain loops, one row at a time: the
/// independent reference the batched float kernels are checked against. Parameters come in canonical order.
/// </summary>
internal sealed class NaiveMlp
{
    private readonly int[] _sizes;
    private readonly Activation[] _activations;
    private readonly double[][][] _weights;
    private readonly double[][] _biases;
    private readonly bool _crossEntropy;

    public NaiveMlp(int[] sizes, Activation[] activations, bool crossEntropy, float[] parameters)
    {
        _sizes = sizes;
        _activations = activations;
        _crossEntropy = crossEntropy;
        int layers = activations.Length;
        _weights = new double[layers][][];
        _biases = new double[layers][];
        int p = 0;
        for (int l = 0; l < layers; l++)
        {
            _weights[l] = new double[sizes[l + 1]][];
            for (int j = 0; j < sizes[l + 1]; j++)
            {
                _weights[l][j] = new double[sizes[l]];
                for (int i = 0; i < sizes[l]; i++)
                {
                    _weights[l][j][i] = parameters[p++];
                }
            }

            _biases[l] = new double[sizes[l + 1]];
            for (int j = 0; j < sizes[l + 1]; j++)
            {
                _biases[l][j] = parameters[p++];
            }
        }
    }

    /// <summary>Every layer's activations of one row, the input first.</summary>
    public double[][] Forward(ReadOnlySpan<float> input)
    {
        var a = new double[_activations.Length + 1][];
        a[0] = new double[_sizes[0]];
        for (int i = 0; i < _sizes[0]; i++)
        {
            a[0][i] = input[i];
        }

        for (int l = 0; l < _activations.Length; l++)
        {
            double[] z = new double[_sizes[l + 1]];
            for (int j = 0; j < z.Length; j++)
            {
                double sum = _biases[l][j];
                for (int i = 0; i < _sizes[l]; i++)
                {
                    sum += _weights[l][j][i] * a[l][i];
                }

                z[j] = sum;
            }

            a[l + 1] = Activate(_activations[l], z);
        }

        return a;
    }

    /// <summary>The mean-loss gradient of the rows in canonical order (cross-entropy over rows, MSE over every output).</summary>
    public double[] Gradient(float[] inputs, float[] targets, int rows)
    {
        int layers = _activations.Length;
        int outputs = _sizes[layers];
        var gradient = new double[ParameterCount()];
        for (int r = 0; r < rows; r++)
        {
            double[][] a = Forward(inputs.AsSpan(r * _sizes[0], _sizes[0]));
            double[] delta = new double[outputs];
            for (int k = 0; k < outputs; k++)
            {
                double p = a[layers][k];
                double t = targets[(r * outputs) + k];
                delta[k] = _crossEntropy ? (p - t) / rows : 2 * (p - t) / (rows * outputs) * Derivative(_activations[layers - 1], p);
            }

            for (int l = layers - 1; l >= 0; l--)
            {
                int offset = Offset(l);
                for (int j = 0; j < _sizes[l + 1]; j++)
                {
                    for (int i = 0; i < _sizes[l]; i++)
                    {
                        gradient[offset + (j * _sizes[l]) + i] += delta[j] * a[l][i];
                    }

                    gradient[offset + (_sizes[l] * _sizes[l + 1]) + j] += delta[j];
                }

                if (l > 0)
                {
                    double[] below = new double[_sizes[l]];
                    for (int i = 0; i < _sizes[l]; i++)
                    {
                        double sum = 0;
                        for (int j = 0; j < _sizes[l + 1]; j++)
                        {
                            sum += _weights[l][j][i] * delta[j];
                        }

                        below[i] = sum * Derivative(_activations[l - 1], a[l][i]);
                    }

                    delta = below;
                }
            }
        }

        return gradient;
    }

    private int ParameterCount() => Offset(_activations.Length);

    private int Offset(int layer)
    {
        int offset = 0;
        for (int l = 0; l < layer; l++)
        {
            offset += (_sizes[l] + 1) * _sizes[l + 1];
        }

        return offset;
    }

    private static double[] Activate(Activation activation, double[] z)
    {
        double[] a = new double[z.Length];
        if (activation == Activation.Softmax)
        {
            double max = double.NegativeInfinity;
            foreach (double v in z)
            {
                max = Math.Max(max, v);
            }

            double sum = 0;
            for (int k = 0; k < z.Length; k++)
            {
                a[k] = Math.Exp(z[k] - max);
                sum += a[k];
            }

            for (int k = 0; k < z.Length; k++)
            {
                a[k] /= sum;
            }

            return a;
        }

        for (int k = 0; k < z.Length; k++)
        {
            a[k] = activation switch
            {
                Activation.ReLU => Math.Max(0, z[k]),
                Activation.LeakyReLU => z[k] > 0 ? z[k] : 0.01 * z[k],
                Activation.Tanh => Math.Tanh(z[k]),
                Activation.Sigmoid => 1 / (1 + Math.Exp(-z[k])),
                _ => throw new NotSupportedException(activation.ToString()),
            };
        }

        return a;
    }

    /// <summary>f′ expressed through the activation a (ReLU and leaky ReLU: a &gt; 0 exactly when z &gt; 0).</summary>
    private static double Derivative(Activation activation, double a) => activation switch
    {
        Activation.ReLU => a > 0 ? 1 : 0,
        Activation.LeakyReLU => a > 0 ? 1 : 0.01,
        Activation.Tanh => 1 - (a * a),
        Activation.Sigmoid => a * (1 - a),
        _ => throw new NotSupportedException(activation.ToString()),
    };
}
