using System;
using System.Linq;
using CompiledNN.Tests.Helpers;
using CompiledNN.Tests.Networks;
using CompiledNN.Tests.Reference;
using Xunit;

namespace CompiledNN.Tests;

/// <summary>
/// The generated forward pass against the double-precision <see cref="Gradients.ReferenceNetwork"/> (textbook
/// formulas, parameters read in canonical order), for every activation in both code shapes, on random parameters.
/// </summary>
/// <remarks>
/// Tolerance: |actual − reference| ≤ 1e-5 · max(1, |reference|). The network computes in float32 (24-bit mantissa,
/// ε ≈ 6e-8): each dot product of n terms carries a rounding error of about √n · ε times the size of its terms (n · ε
/// at worst), a few 1e-7 for these layers, and the activations add a few ulps. 1e-5 relative is the bar the issue
/// sets for parity with PyTorch. Measured: every error here is below 2e-6 of max(1, |reference|), the largest (1.5e-6)
/// in the unrolled LeakyReLU and ELU networks, whose units are one serial float sum each; the bound leaves a factor
/// of about 6. Below 1 the bound is absolute, because a pre-activation that nearly cancels to 0 keeps the
/// absolute error of its terms, not a relative one.
/// </remarks>
public sealed class PredictTests
{
    private const double RelativeTolerance = 1e-5;
    private const int Rows = 64;

    public static TheoryData<string> Networks => NetworkCase.Names;

    [Theory]
    [MemberData(nameof(Networks))]
    public void Sizes_match_the_declaration(string name)
    {
        NetworkCase network = NetworkCase.All[name];
        INetwork instance = network.Create();

        Assert.Equal(network.InputSize, instance.InputSize);
        Assert.Equal(network.OutputSize, instance.OutputSize);
        Assert.Equal(network.ParameterCount, instance.ParameterCount);
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Predict_matches_the_double_precision_reference(string name)
    {
        NetworkCase network = NetworkCase.All[name];
        for (int seed = 1; seed <= 3; seed++)
        {
            INetwork instance = network.Create();
            float[] parameters = network.RandomParameters(seed);
            instance.SetParameters(parameters);
            AssertMatchesReference(network, instance, parameters, network.RandomInputs(Rows, seed + 100));
        }
    }

    [Theory]
    [InlineData(nameof(SoftplusUnrolledNet))]
    [InlineData(nameof(SoftplusVectorizedNet))]
    public void Softplus_matches_the_reference_above_the_threshold_of_20(string name)
    {
        NetworkCase network = NetworkCase.All[name];
        INetwork instance = network.Create();
        float[] parameters = network.RandomParameters(seed: 7);

        // Biases of 25 and 40 on the first hidden units push their pre-activations past 20, where Softplus switches to
        // returning its input; the output layer then sums values in the tens and crosses 20 as well.
        int hiddenBias = network.Units[0] * network.InputSize;
        for (int j = 0; j < 6; j++)
        {
            parameters[hiddenBias + j] = j % 2 == 0 ? 25f : 40f;
        }

        instance.SetParameters(parameters);
        float[] inputs = network.RandomInputs(Rows, seed: 8);
        AssertMatchesReference(network, instance, parameters, inputs);

        // The first row really has hidden pre-activations on both sides of the threshold.
        double[] z = Enumerable.Range(0, network.Units[0]).Select(j => HiddenPreActivation(network, parameters, inputs, j)).ToArray();
        Assert.Contains(z, static v => v > 20);
        Assert.Contains(z, static v => v < 0);
    }

    [Theory]
    [InlineData(nameof(SoftmaxUnrolledNet))]
    [InlineData(nameof(SoftmaxVectorizedNet))]
    public void Softmax_is_stable_for_logits_of_plus_and_minus_1000(string name)
    {
        NetworkCase network = NetworkCase.All[name];
        INetwork instance = network.Create();
        float[] parameters = network.RandomParameters(seed: 11);

        // The output weights are zeroed so that the logits are exactly these biases. e^1000 overflows float (and
        // double), so a softmax without the max subtraction returns NaN here.
        int hidden = network.Units[0];
        int outputWeights = hidden * (network.InputSize + 1);
        int outputBias = outputWeights + (network.OutputSize * hidden);
        Array.Clear(parameters, outputWeights, network.OutputSize * hidden);
        float[] logits = [1000f, 999f, -1000f, 998.5f, 1000f];
        logits.CopyTo(parameters, outputBias);
        instance.SetParameters(parameters);

        float[] output = new float[network.OutputSize];
        instance.Predict(network.RandomInputs(1, seed: 12), output);

        double[] expected = network.ReferenceOutput(parameters, network.RandomInputs(1, seed: 12));
        for (int k = 0; k < output.Length; k++)
        {
            AssertClose(expected[k], output[k], $"probability {k}");
        }

        Assert.Equal(1.0, output.Sum(static p => (double)p), 5);
        Assert.Equal(0f, output[2]);
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void PredictBatch_equals_Predict_row_by_row(string name)
    {
        NetworkCase network = NetworkCase.All[name];
        INetwork instance = network.Create();
        instance.SetParameters(network.RandomParameters(seed: 5));
        float[] inputs = network.RandomInputs(Rows, seed: 6);

        float[] batch = new float[Rows * network.OutputSize];
        instance.PredictBatch(inputs, batch);

        float[] single = new float[network.OutputSize];
        for (int row = 0; row < Rows; row++)
        {
            instance.Predict(inputs.AsSpan(row * network.InputSize, network.InputSize), single);
            Assert.Equal(single, batch.AsSpan(row * network.OutputSize, network.OutputSize).ToArray());
        }
    }

    [Fact]
    public void PredictBatch_of_no_rows_writes_nothing()
    {
        var network = new IrisNet();
        network.PredictBatch([], []);
    }

    [Theory]
    [InlineData(nameof(SoftmaxUnrolledNet))]
    [InlineData(nameof(SoftmaxVectorizedNet))]
    [InlineData(nameof(IrisNet))]
    [InlineData(nameof(PooledScratchNet))]
    public void PredictClass_is_the_index_of_the_most_probable_class(string name)
    {
        NetworkCase network = NetworkCase.All[name];
        INetwork instance = network.Create();
        float[] parameters = network.RandomParameters(seed: 21);
        instance.SetParameters(parameters);
        float[] inputs = network.RandomInputs(Rows, seed: 22);

        var classes = new System.Collections.Generic.HashSet<int>();
        for (int row = 0; row < Rows; row++)
        {
            ReadOnlySpan<float> input = inputs.AsSpan(row * network.InputSize, network.InputSize);
            double[] p = network.ReferenceOutput(parameters, input);
            int expected = Array.IndexOf(p, p.Max());
            double runnerUp = p.Where((_, k) => k != expected).Max();
            if (p[expected] - runnerUp < 1e-4)
            {
                continue; // A near tie could go either way within the float tolerance.
            }

            int actual = PredictClass(instance, input);
            Assert.Equal(expected, actual);
            classes.Add(actual);
        }

        Assert.True(classes.Count > 1, "The random rows should not all fall in one class; the test would not tell arg-max from a constant.");
    }

    [Fact]
    public void PredictClass_of_a_single_sigmoid_thresholds_at_one_half()
    {
        NetworkCase network = NetworkCase.All[nameof(BinaryClassifierNet)];
        var instance = new BinaryClassifierNet();
        float[] parameters = network.RandomParameters(seed: 31);
        instance.SetParameters(parameters);
        float[] inputs = network.RandomInputs(Rows, seed: 32);

        int ones = 0;
        int zeros = 0;
        for (int row = 0; row < Rows; row++)
        {
            ReadOnlySpan<float> input = inputs.AsSpan(row * network.InputSize, network.InputSize);
            double p = network.ReferenceOutput(parameters, input)[0];
            if (Math.Abs(p - 0.5) < 1e-4)
            {
                continue;
            }

            int actual = instance.PredictClass(input);
            Assert.Equal(p >= 0.5 ? 1 : 0, actual);
            ones += actual;
            zeros += 1 - actual;
        }

        Assert.True(ones > 0 && zeros > 0, $"Expected both classes among the rows, got {ones} ones and {zeros} zeros.");
    }

    private static int PredictClass(INetwork network, ReadOnlySpan<float> input) => network switch
    {
        SoftmaxUnrolledNet n => n.PredictClass(input),
        SoftmaxVectorizedNet n => n.PredictClass(input),
        IrisNet n => n.PredictClass(input),
        PooledScratchNet n => n.PredictClass(input),
        _ => throw new ArgumentException($"{network.GetType().Name} is not a classifier of this test.", nameof(network)),
    };

    private static void AssertMatchesReference(NetworkCase network, INetwork instance, float[] parameters, float[] inputs)
    {
        float[] output = new float[network.OutputSize];
        int rows = inputs.Length / network.InputSize;
        for (int row = 0; row < rows; row++)
        {
            ReadOnlySpan<float> input = inputs.AsSpan(row * network.InputSize, network.InputSize);
            instance.Predict(input, output);
            double[] expected = network.ReferenceOutput(parameters, input);
            for (int k = 0; k < output.Length; k++)
            {
                AssertClose(expected[k], output[k], $"{network.Name} row {row} output {k}");
            }
        }
    }

    private static void AssertClose(double expected, float actual, string what) =>
        Compare.Close(expected, actual, RelativeTolerance, what, floor: 1.0);

    /// <summary>b[j] + Σ W[j, i] x[i] of the first hidden layer for the first row.</summary>
    private static double HiddenPreActivation(NetworkCase network, float[] parameters, float[] inputs, int j)
    {
        int inputSize = network.InputSize;
        double z = parameters[(network.Units[0] * inputSize) + j];
        for (int i = 0; i < inputSize; i++)
        {
            z += parameters[(j * inputSize) + i] * (double)inputs[i];
        }

        return z;
    }
}
