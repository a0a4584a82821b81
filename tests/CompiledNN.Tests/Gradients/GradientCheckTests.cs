using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using CompiledNN.Tests.Helpers;
using Xunit;
using Xunit.Abstractions;

namespace CompiledNN.Tests.Gradients;

/// <summary>
/// The generated float gradient against central differences of an independent double-precision loss
/// (<see cref="ReferenceNetwork"/>), for every activation × loss combination declared in GradientNetworks.cs.
/// </summary>
/// <remarks>
/// Tolerance. The reference derivative <c>(L(θ + h) − L(θ − h)) / 2h</c> with h = 1e-5 is computed in double:
/// its truncation error is about h²·|L'''|/6 ≈ 1e-11 and its rounding error about 1e-16·|L| / h ≈ 1e-11, both far below
/// what is tested. The generated gradient is computed in float32 (ε ≈ 1.2e-7) from the same float parameters; each of
/// its components is a sum over rows of products along the chain rule, so it carries an error of a few ε times the
/// largest terms (at most about n·ε ≈ 1e-6 for the n ≤ 10 terms of these sums); measured: at most 3e-7 of the largest
/// component. Hence the check: every component within 2e-6 of the largest component. A wrong derivative (a missing α,
/// a sign, a missing 1/N) is off by 1e-2 or more. Kinks are avoided by construction: the parameters are drawn again until every pre-activation of a ReLU,
/// LeakyReLU or ELU unit is at least 1e-2 from 0, hundreds of times the largest change a perturbation of h causes.
/// </remarks>
public sealed class GradientCheckTests(ITestOutputHelper output)
{
    private const double Step = 1e-5;
    private const double GradientTolerance = 2e-6;
    private const double ValueTolerance = 2e-6;
    private const double KinkMargin = 1e-2;
    private const int Rows = 5;

    public static TheoryData<string> Networks() => new(NetworkTypes().Select(static t => t.Name));

    [Fact]
    public void EveryValidActivationAndLossCombinationIsChecked()
    {
        ReferenceNetwork[] networks = NetworkTypes().Select(ReferenceNetwork.Of).ToArray();
        Loss[] losses = [Loss.MeanSquaredError, Loss.CrossEntropy, Loss.BinaryCrossEntropy];
        Activation[] hidden = Enum.GetValues<Activation>().Except([Activation.Softmax, Activation.Step]).ToArray();

        var missing = new List<string>();
        foreach (Loss loss in losses)
        {
            missing.AddRange(hidden
                .Where(a => !networks.Any(n => n.Loss == loss && n.HiddenActivations.Contains(a)))
                .Select(a => $"hidden {a} with {loss}"));
        }

        IEnumerable<(Activation, Loss)> outputs = hidden.Append(Activation.Softmax).Select(static a => (a, Loss.MeanSquaredError))
            .Append((Activation.Softmax, Loss.CrossEntropy))
            .Append((Activation.Sigmoid, Loss.BinaryCrossEntropy));
        missing.AddRange(outputs
            .Where(c => !networks.Any(n => (n.OutputActivation, n.Loss) == c))
            .Select(static c => $"output {c.Item1} with {c.Item2}"));
        // The robust losses with the smooth activations, and each with an output it is meant for.
        Activation[] smooth = [Activation.GELU, Activation.SiLU, Activation.Mish];
        foreach (Loss loss in new[] { Loss.Huber, Loss.L1 })
        {
            missing.AddRange(smooth
                .Where(a => !networks.Any(n => n.Loss == loss && n.HiddenActivations.Contains(a)))
                .Select(a => $"hidden {a} with {loss}"));
        }

        Assert.True(missing.Count == 0, "Not checked: " + string.Join(", ", missing));
        Assert.All(networks, static n => Assert.Equal(2, n.HiddenActivations.Length));
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void GeneratedGradientMatchesCentralDifferences(string name)
    {
        (ITrainableNetwork network, ReferenceNetwork reference, float[] inputs, float[] targets, double[] parameters) = Setup(name);

        float[] gradient = new float[network.ParameterCount];
        network.ComputeGradient(inputs, targets, gradient);
        float[] expected = CentralDifferences(parameters, p => reference.MeanLoss(p, inputs, targets));

        double error = Compare.AllClose(expected, gradient, GradientTolerance, $"{name} gradient");
        output.WriteLine($"{name}: {network.ParameterCount} parameters, largest gradient error {error:E2} of the largest component");
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void PredictAndLossMatchTheReference(string name)
    {
        (ITrainableNetwork network, ReferenceNetwork reference, float[] inputs, float[] targets, double[] parameters) = Setup(name);

        Compare.Close(reference.MeanLoss(parameters, inputs, targets), network.ComputeLoss(inputs, targets), ValueTolerance, $"{name} mean loss");
        float[] outputs = new float[network.OutputSize];
        for (int row = 0; row < Rows; row++)
        {
            ReadOnlySpan<float> input = inputs.AsSpan(row * network.InputSize, network.InputSize);
            network.Predict(input, outputs);
            float[] expected = reference.Predict(parameters, input).Select(static v => (float)v).ToArray();
            Compare.AllClose(expected, outputs, ValueTolerance, $"{name} outputs of row {row}");
        }
    }

    /// <summary>The derivative of <paramref name="function"/> with respect to each of <paramref name="parameters"/>, by central differences of <see cref="Step"/>.</summary>
    internal static float[] CentralDifferences(double[] parameters, Func<double[], double> function)
    {
        float[] derivatives = new float[parameters.Length];
        for (int p = 0; p < parameters.Length; p++)
        {
            double saved = parameters[p];
            parameters[p] = saved + Step;
            double plus = function(parameters);
            parameters[p] = saved - Step;
            double minus = function(parameters);
            parameters[p] = saved;
            derivatives[p] = (float)((plus - minus) / (2 * Step));
        }

        return derivatives;
    }

    /// <summary>The generated network and its reference, a batch, and parameters away from kinks set on the network.</summary>
    internal static (ITrainableNetwork Network, ReferenceNetwork Reference, float[] Inputs, float[] Targets, double[] Parameters) Setup(string name)
    {
        Type type = NetworkTypes().Single(t => t.Name == name);
        var network = (ITrainableNetwork)Activator.CreateInstance(type)!;
        var reference = ReferenceNetwork.Of(type);
        (float[] inputs, float[] targets) = Batch(reference, new Random(name.Length));
        return (network, reference, inputs, targets, ParametersAwayFromKinks(network, reference, inputs, targets));
    }

    internal static IEnumerable<Type> NetworkTypes() => typeof(GradientCheckTests).Assembly.GetTypes()
        .Where(static t => t.Namespace == typeof(GradientCheckTests).Namespace && t.GetCustomAttribute<NetworkAttribute>() is not null)
        .OrderBy(static t => t.Name, StringComparer.Ordinal);

    /// <summary>Inputs in [−2, 2] and targets the loss accepts: probability rows, values in [0, 1], or any values.</summary>
    private static (float[] Inputs, float[] Targets) Batch(ReferenceNetwork reference, Random random)
    {
        float[] inputs = Enumerable.Range(0, Rows * reference.InputSize).Select(_ => (float)(4 * random.NextDouble() - 2)).ToArray();
        float[] targets = new float[Rows * reference.OutputSize];
        for (int row = 0; row < Rows; row++)
        {
            Span<float> t = targets.AsSpan(row * reference.OutputSize, reference.OutputSize);
            for (int k = 0; k < t.Length; k++)
            {
                t[k] = reference.OutputActivation is Activation.Softmax or Activation.Sigmoid
                    ? (float)random.NextDouble()
                    : (float)(2 * random.NextDouble() - 1);
            }

            if (reference.OutputActivation == Activation.Softmax)
            {
                float sum = 0;
                foreach (float v in t)
                {
                    sum += v;
                }

                for (int k = 0; k < t.Length; k++)
                {
                    t[k] /= sum;
                }
            }
        }

        return (inputs, targets);
    }

    /// <summary>
    /// Sets random weights and biases in [−0.8, 0.8] (non-zero biases, unlike a fresh network), drawing again until no
    /// pre-activation is near a kink, and returns them as the network reports them.
    /// </summary>
    private static double[] ParametersAwayFromKinks(ITrainableNetwork network, ReferenceNetwork reference, float[] inputs, float[] targets)
    {
        var random = new Random(network.ParameterCount);
        float[] values = new float[network.ParameterCount];
        for (int attempt = 0; attempt < 1000; attempt++)
        {
            for (int p = 0; p < values.Length; p++)
            {
                values[p] = (float)(1.6 * random.NextDouble() - 0.8);
            }

            network.SetParameters(values);
            float[] read = new float[network.ParameterCount];
            network.GetParameters(read);
            double[] parameters = read.Select(static v => (double)v).ToArray();
            if (reference.DistanceFromKinks(parameters, inputs, targets) >= KinkMargin)
            {
                return parameters;
            }
        }

        throw new InvalidOperationException("No parameters away from the kinks in 1000 draws; the margin is too large for this network.");
    }
}
