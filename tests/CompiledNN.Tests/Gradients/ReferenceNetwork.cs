using System;
using System.Linq;
using System.Reflection;
using CompiledNN.Tests.Helpers;

namespace CompiledNN.Tests.Gradients;

/// <summary>
/// An independent forward pass and loss in double precision, written from the textbook formulas (DESIGN.md §3) and
/// read from a network class's attributes, not from anything the generator produced. It serves as the reference the
/// generated float code is checked against: its loss's central differences give the true gradient.
/// </summary>
internal sealed class ReferenceNetwork
{
    private readonly ReferenceLayer[] _layers;

    private ReferenceNetwork(int inputSize, ReferenceLayer[] layers, Loss loss)
    {
        InputSize = inputSize;
        _layers = layers;
        Loss = loss;
    }

    public int InputSize { get; }

    public int OutputSize => _layers[^1].Units;

    public Loss Loss { get; }

    /// <summary>δ of the Huber loss.</summary>
    public double HuberDelta { get; private init; }

    public Activation OutputActivation => _layers[^1].Activation;

    public Activation[] HiddenActivations => _layers[..^1].Select(static l => l.Activation).ToArray();

    /// <summary>Reads the layers and loss declared on <paramref name="type"/>.</summary>
    public static ReferenceNetwork Of(Type type)
    {
        int inputs = type.GetCustomAttribute<InputAttribute>()!.Size;
        var layers = type.GetCustomAttributes<DenseAttribute>().Select(dense =>
        {
            float alpha = !float.IsNaN(dense.Alpha) ? dense.Alpha : dense.Activation == Activation.LeakyReLU ? 0.01f : 1f;
            var layer = new ReferenceLayer(inputs, dense.Units, dense.Activation, alpha);
            inputs = dense.Units;
            return layer;
        }).ToArray();
        Loss loss = type.GetCustomAttribute<NetworkAttribute>()!.Loss;
        if (loss == Loss.Auto)
        {
            loss = layers[^1].Activation switch
            {
                Activation.Softmax => Loss.CrossEntropy,
                Activation.Sigmoid => Loss.BinaryCrossEntropy,
                _ => Loss.MeanSquaredError,
            };
        }

        return new ReferenceNetwork(type.GetCustomAttribute<InputAttribute>()!.Size, layers, loss) { HuberDelta = type.GetCustomAttribute<NetworkAttribute>()!.HuberDelta };
    }

    /// <summary>
    /// The mean loss of the rows at <paramref name="parameters"/> (canonical order), as PyTorch's mean reduction:
    /// over rows for cross-entropy, over every output of every row otherwise.
    /// </summary>
    public double MeanLoss(double[] parameters, float[] inputs, float[] targets)
    {
        int rows = inputs.Length / InputSize;
        double sum = 0;
        for (int row = 0; row < rows; row++)
        {
            (double[] logits, double[] outputs) = Forward(parameters, inputs.AsSpan(row * InputSize, InputSize), null);
            ReadOnlySpan<float> t = targets.AsSpan(row * OutputSize, OutputSize);
            for (int k = 0; k < OutputSize; k++)
            {
                sum += Loss switch
                {
                    // −Σ t log softmax(z): log softmax(z)_k = log p_k, with p from the textbook softmax.
                    Loss.CrossEntropy => -t[k] * Math.Log(outputs[k]),
                    // −[t log σ(z) + (1 − t) log(1 − σ(z))].
                    Loss.BinaryCrossEntropy => -(t[k] * Math.Log(Sigmoid(logits[k])) + (1 - t[k]) * Math.Log(1 - Sigmoid(logits[k]))),
                    // PyTorch's HuberLoss and L1Loss.
                    Loss.Huber => Math.Abs(outputs[k] - t[k]) < HuberDelta
                        ? 0.5 * (outputs[k] - t[k]) * (outputs[k] - t[k])
                        : HuberDelta * (Math.Abs(outputs[k] - t[k]) - (0.5 * HuberDelta)),
                    Loss.L1 => Math.Abs(outputs[k] - t[k]),
                    _ => (outputs[k] - t[k]) * (outputs[k] - t[k]),
                };
            }
        }

        return Loss == Loss.CrossEntropy ? sum / rows : sum / (rows * OutputSize);
    }

    /// <summary>
    /// Σ over rows of ⟨outputGradients row, outputs row⟩ at <paramref name="parameters"/>, the outputs after the output
    /// activation: the function whose gradient <c>Backward</c> computes.
    /// </summary>
    public double OutputProduct(double[] parameters, float[] inputs, float[] outputGradients)
    {
        double sum = 0;
        for (int row = 0; row < inputs.Length / InputSize; row++)
        {
            double[] outputs = Predict(parameters, inputs.AsSpan(row * InputSize, InputSize));
            for (int k = 0; k < OutputSize; k++)
            {
                sum += outputGradients[(row * OutputSize) + k] * outputs[k];
            }
        }

        return sum;
    }

    /// <summary>The outputs of one row (probabilities for Softmax).</summary>
    public double[] Predict(double[] parameters, ReadOnlySpan<float> input) => Forward(parameters, input, null).Outputs;

    /// <summary>
    /// The smallest distance of a pre-activation from a kink of its activation (0 for ReLU, LeakyReLU and ELU), and of
    /// an output's error from a kink of the loss (0 for L1, ±δ for Huber, whose second derivative jumps there), over
    /// the rows, or +∞ when there is no kink. Central differences across a kink are meaningless.
    /// </summary>
    public double DistanceFromKinks(double[] parameters, float[] inputs, float[] targets)
    {
        double distance = double.PositiveInfinity;
        for (int row = 0; row < inputs.Length / InputSize; row++)
        {
            (_, double[] outputs) = Forward(parameters, inputs.AsSpan(row * InputSize, InputSize), (layer, z) =>
            {
                if (layer.Activation is Activation.ReLU or Activation.LeakyReLU or Activation.ELU)
                {
                    distance = Math.Min(distance, Math.Abs(z));
                }
            });
            if (Loss is not (Loss.L1 or Loss.Huber))
            {
                continue;
            }

            for (int k = 0; k < OutputSize; k++)
            {
                double error = Math.Abs(outputs[k] - targets[(row * OutputSize) + k]);
                distance = Math.Min(distance, Loss == Loss.L1 ? error : Math.Abs(error - HuberDelta));
            }
        }

        return distance;
    }

    private (double[] Logits, double[] Outputs) Forward(double[] parameters, ReadOnlySpan<float> input, Action<ReferenceLayer, double>? preActivation)
    {
        double[] a = new double[input.Length];
        for (int i = 0; i < input.Length; i++)
        {
            a[i] = input[i];
        }

        double[] z = a;
        int offset = 0;
        foreach (ReferenceLayer layer in _layers)
        {
            z = new double[layer.Units];
            int bias = offset + layer.Units * layer.Inputs;
            for (int j = 0; j < layer.Units; j++)
            {
                double sum = parameters[bias + j];
                for (int i = 0; i < layer.Inputs; i++)
                {
                    sum += parameters[offset + j * layer.Inputs + i] * a[i]; // W[j, i], row-major as nn.Linear.weight
                }

                z[j] = sum;
                preActivation?.Invoke(layer, sum);
            }

            a = layer.Activation == Activation.Softmax ? Softmax(z) : z.Select(v => Activate(layer, v)).ToArray();
            offset = bias + layer.Units;
        }

        return (z, a);
    }

    private static double Activate(ReferenceLayer layer, double z) => layer.Activation switch
    {
        Activation.Identity => z,
        Activation.Sigmoid => Sigmoid(z),
        Activation.Tanh => Math.Tanh(z),
        Activation.ReLU => Math.Max(0, z),
        Activation.LeakyReLU => z > 0 ? z : layer.Alpha * z,
        Activation.Softplus => Math.Log(1 + Math.Exp(z)),
        Activation.ELU => z > 0 ? z : layer.Alpha * (Math.Exp(z) - 1),
        Activation.GELU => ReferenceMath.Gelu(z),
        Activation.SiLU => z * Sigmoid(z),
        Activation.Mish => z * Math.Tanh(ReferenceMath.Softplus(z)),
        _ => throw new ArgumentOutOfRangeException(nameof(layer), layer.Activation, "no element-wise formula"),
    };

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    private static double[] Softmax(double[] z)
    {
        double max = z.Max();
        double[] e = z.Select(v => Math.Exp(v - max)).ToArray();
        double sum = e.Sum();
        return e.Select(v => v / sum).ToArray();
    }

    private sealed record ReferenceLayer(int Inputs, int Units, Activation Activation, double Alpha);
}
