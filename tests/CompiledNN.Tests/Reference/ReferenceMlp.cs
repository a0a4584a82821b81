using System;
using System.Collections.Generic;

namespace CompiledNN.Tests.Reference;

/// <summary>One dense layer as the reference sees it: its size and activation, nothing about how it is generated.</summary>
/// <param name="Units">The number of units.</param>
/// <param name="Activation">The activation.</param>
/// <param name="Alpha">The LeakyReLU slope or ELU scale (ignored by the other activations).</param>
internal sealed record ReferenceLayer(int Units, Activation Activation, double Alpha = 0);

/// <summary>
/// A deliberately plain multilayer perceptron in double precision, the yardstick for the generated forward pass. It
/// shares no code with the generator or the runtime: it reads the parameters in the canonical order of DESIGN.md
/// (per layer W[units, inputs] row-major, then b[units]) with nested loops and applies each activation by its
/// textbook formula.
/// </summary>
internal static class ReferenceMlp
{
    /// <summary>The network's output for <paramref name="input"/>.</summary>
    public static double[] Predict(int inputSize, IReadOnlyList<ReferenceLayer> layers, ReadOnlySpan<float> parameters, ReadOnlySpan<float> input) =>
        Forward(inputSize, layers, parameters, input).Output;

    /// <summary>The pre-activations of every layer and the output, so tests can check which regime an activation ran in.</summary>
    public static (double[][] PreActivations, double[] Output) Forward(
        int inputSize, IReadOnlyList<ReferenceLayer> layers, ReadOnlySpan<float> parameters, ReadOnlySpan<float> input)
    {
        if (input.Length != inputSize)
        {
            throw new ArgumentException($"The reference expects {inputSize} inputs, got {input.Length}.", nameof(input));
        }

        double[] x = new double[input.Length];
        for (int i = 0; i < input.Length; i++)
        {
            x[i] = input[i];
        }

        var preActivations = new double[layers.Count][];
        int offset = 0;
        for (int l = 0; l < layers.Count; l++)
        {
            ReferenceLayer layer = layers[l];
            int inputs = x.Length;
            int biasOffset = offset + (layer.Units * inputs);
            double[] z = new double[layer.Units];
            for (int j = 0; j < layer.Units; j++)
            {
                double sum = 0;
                for (int i = 0; i < inputs; i++)
                {
                    sum += parameters[offset + (j * inputs) + i] * x[i];
                }

                z[j] = sum + parameters[biasOffset + j];
            }

            preActivations[l] = z;
            x = Activate(z, layer);
            offset = biasOffset + layer.Units;
        }

        if (offset != parameters.Length)
        {
            throw new ArgumentException($"The layers use {offset} parameters, but {parameters.Length} were given.", nameof(parameters));
        }

        return (preActivations, x);
    }

    private static double[] Activate(double[] z, ReferenceLayer layer)
    {
        if (layer.Activation == Activation.Softmax)
        {
            return Softmax(z);
        }

        double[] a = new double[z.Length];
        for (int j = 0; j < z.Length; j++)
        {
            double v = z[j];
            a[j] = layer.Activation switch
            {
                Activation.Identity => v,
                Activation.Sigmoid => 1.0 / (1.0 + Math.Exp(-v)),
                Activation.Tanh => Math.Tanh(v),
                Activation.ReLU => Math.Max(0.0, v),
                Activation.LeakyReLU => v > 0 ? v : layer.Alpha * v,
                Activation.Softplus => Math.Log(1.0 + Math.Exp(v)),
                Activation.ELU => v > 0 ? v : layer.Alpha * (Math.Exp(v) - 1.0),
                _ => throw new ArgumentOutOfRangeException(nameof(layer), layer.Activation, "The reference has no formula for this activation."),
            };
        }

        return a;
    }

    private static double[] Softmax(double[] z)
    {
        // e^z / Σ e^z, with the maximum subtracted from every logit first: the quotient is unchanged, and even double
        // overflows at e^710, so without it logits of ±1000 would give NaN in the reference too.
        double max = double.NegativeInfinity;
        foreach (double v in z)
        {
            max = Math.Max(max, v);
        }

        double[] p = new double[z.Length];
        double sum = 0;
        for (int j = 0; j < z.Length; j++)
        {
            p[j] = Math.Exp(z[j] - max);
            sum += p[j];
        }

        for (int j = 0; j < z.Length; j++)
        {
            p[j] /= sum;
        }

        return p;
    }
}
