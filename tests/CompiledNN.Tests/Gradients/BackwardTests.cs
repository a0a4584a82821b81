using System;
using System.Linq;
using CompiledNN.Tests.Helpers;
using Xunit;
using Xunit.Abstractions;

namespace CompiledNN.Tests.Gradients;

/// <summary>
/// <c>Backward</c> against central differences of the independent double-precision reference's Σ⟨outputGradients,
/// outputs⟩, for every network of GradientNetworks.cs (every output activation, the fused Softmax and Sigmoid ones
/// included), and against <c>ComputeGradient</c> when the output gradients are ∂L/∂outputs of the network's own loss.
/// </summary>
/// <remarks>
/// Tolerances as in <see cref="GradientCheckTests"/>: the reference is exact to about 1e-11, the float gradient to a few
/// ε of its largest component (measured: at most 9e-7, where the Softmax Jacobian cancels most of a row). Against
/// <c>ComputeGradient</c>, the two float computations differ by where the loss's derivative is rounded (∂L/∂outputs
/// first, or ∂L/∂z in the fused loss): measured, at most 3e-7 of the largest component.
/// </remarks>
public sealed class BackwardTests(ITestOutputHelper output)
{
    private const double GradientTolerance = 2e-6;
    private const double LossGradientTolerance = 2e-6;

    public static TheoryData<string, int> NetworksAndRows()
    {
        var data = new TheoryData<string, int>();
        foreach (Type type in GradientCheckTests.NetworkTypes())
        {
            data.Add(type.Name, 1);
            data.Add(type.Name, 5);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(NetworksAndRows))]
    public void BackwardMatchesCentralDifferencesOfTheOutputProduct(string name, int rows)
    {
        (ITrainableNetwork network, ReferenceNetwork reference, float[] allInputs, _, double[] parameters) = GradientCheckTests.Setup(name);
        float[] inputs = allInputs[..(rows * network.InputSize)];
        float[] outputGradients = TestData.Uniform(rows * network.OutputSize, name.Length + rows, min: -1f);

        float[] gradient = new float[network.ParameterCount];
        network.Backward(inputs, outputGradients, gradient);

        float[] expected = GradientCheckTests.CentralDifferences(parameters, p => reference.OutputProduct(p, inputs, outputGradients));
        double error = Compare.AllClose(expected, gradient, GradientTolerance, $"{name} Backward of {rows} rows");
        output.WriteLine($"{name}, {rows} rows: largest error {error:E2} of the largest component");
    }

    [Theory]
    [InlineData(nameof(SigmoidTanhIdentityMse))]
    [InlineData(nameof(SoftplusELUTanhMse))]
    [InlineData(nameof(SoftplusIdentitySoftmaxMse))]
    [InlineData(nameof(TanhSigmoidSigmoidBinaryCrossEntropy))]
    [InlineData(nameof(SigmoidTanhSoftmaxCrossEntropy))]
    public void BackwardOfTheLossDerivativeIsComputeGradient(string name)
    {
        (ITrainableNetwork network, ReferenceNetwork reference, float[] inputs, float[] targets, _) = GradientCheckTests.Setup(name);
        int rows = inputs.Length / network.InputSize;
        float[] outputs = new float[rows * network.OutputSize];
        network.PredictBatch(inputs, outputs);

        float[] expected = new float[network.ParameterCount];
        network.ComputeGradient(inputs, targets, expected);
        float[] gradient = new float[network.ParameterCount];
        network.Backward(inputs, LossDerivative(reference.Loss, outputs, targets, rows), gradient);

        double error = Compare.AllClose(expected, gradient, LossGradientTolerance, $"{name} Backward of ∂L/∂outputs");
        output.WriteLine($"{name}: largest difference from ComputeGradient {error:E2} of the largest component");
    }

    [Fact]
    public void BackwardChangesNothing()
    {
        (ITrainableNetwork network, _, float[] inputs, float[] targets, _) = GradientCheckTests.Setup(nameof(SigmoidTanhSoftmaxCrossEntropy));
        float[] before = TestData.Parameters(network);
        float[] gradient = new float[network.ParameterCount];
        float[] again = new float[network.ParameterCount];
        float[] outputGradients = TestData.Uniform(targets.Length, 3, min: -1f);

        network.Backward(inputs, outputGradients, gradient);
        network.Backward(inputs, outputGradients, again);

        Assert.Equal(before, TestData.Parameters(network));
        Assert.Equal(gradient, again);
    }

    /// <summary>∂L/∂outputs of PyTorch's mean-reduced loss, in double from the float outputs.</summary>
    private static float[] LossDerivative(Loss loss, float[] outputs, float[] targets, int rows)
    {
        int elements = outputs.Length;
        return outputs.Select((y, i) => (float)(loss switch
        {
            // MSELoss: L = Σ (y − t)² / (N·K).
            Loss.MeanSquaredError => 2.0 * (y - targets[i]) / elements,
            // BCELoss: L = −Σ [t log y + (1 − t) log(1 − y)] / (N·K).
            Loss.BinaryCrossEntropy => (y - targets[i]) / ((double)y * (1.0 - y) * elements),
            // Cross-entropy of the probabilities: L = −Σ t log p / N.
            _ => -targets[i] / ((double)y * rows),
        })).ToArray();
    }
}
