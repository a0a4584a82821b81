using CompiledNN.Tests.Helpers;
using Xunit;

namespace CompiledNN.Tests.Training;

/// <summary>
/// The fused losses at logits of ±200, where e^200 overflows float: a naive softmax or log(sigmoid) gives ∞ or NaN, the
/// stable forms give the closed-form values below. With input 1 and zero biases, the weights are the logits.
/// </summary>
public sealed class StabilityTests
{
    private static readonly float[] One = [1f];

    [Fact]
    public void CrossEntropyOfExtremeLogitsIsTheirDifference()
    {
        // Logits (200, 0, −200): log Σ e^z = 200 + log(1 + e^−200 + e^−400) = 200 in float, so the loss of class 2 is
        // 200 − (−200) = 400; p = (1, e^−200, e^−400) ≈ (1, 0, 0) and the gradient p − t is (1, 0, −1) for the
        // weights (times input 1) and for the biases.
        var network = new LogitsSoftmaxNet();
        network.SetParameters([200f, 0f, -200f, 0f, 0f, 0f]);
        float[] expectedGradient = [1f, 0f, -1f, 1f, 0f, -1f];
        float[] gradient = new float[LogitsSoftmaxNet.ParameterCount];

        Compare.Close(400, network.ComputeLoss(One, [0f, 0f, 1f]), 1e-6, "loss of one-hot class 2");
        network.ComputeGradient(One, [0f, 0f, 1f], gradient);
        Compare.AllClose(expectedGradient, gradient, 1e-6, "gradient of one-hot class 2");
        Compare.Close(400, network.ComputeLoss(One, new int[] { 2 }), 1e-6, "loss of class index 2");
        network.ComputeGradient(One, new int[] { 2 }, gradient);
        Compare.AllClose(expectedGradient, gradient, 1e-6, "gradient of class index 2");

        float[] probabilities = new float[3];
        network.Predict(One, probabilities);
        Compare.AllClose([1f, 0f, 0f], probabilities, 1e-6, "probabilities");
    }

    [Fact]
    public void BinaryCrossEntropyOfExtremeLogitsIsTheirSize()
    {
        // Logits (200, −200) with targets (0, 1), both wrong: −log(1 − σ(200)) = −log σ(−200) = softplus(200) = 200
        // each, mean 200; the gradient (σ(z) − t) / (N·K) is (1, −1) / 2 for the weights and the biases.
        var network = new LogitsSigmoidNet();
        network.SetParameters([200f, -200f, 0f, 0f]);
        float[] gradient = new float[LogitsSigmoidNet.ParameterCount];

        Compare.Close(200, network.ComputeLoss(One, [0f, 1f]), 1e-6, "loss");
        network.ComputeGradient(One, [0f, 1f], gradient);
        Compare.AllClose([0.5f, -0.5f, 0.5f, -0.5f], gradient, 1e-6, "gradient");

        float[] outputs = new float[2];
        network.Predict(One, outputs);
        Compare.AllClose([1f, 0f], outputs, 1e-6, "sigmoid outputs");
    }
}
