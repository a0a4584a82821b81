using System;
using System.Linq;
using CompiledNN.Tests.Networks;
using Xunit;

namespace CompiledNN.Tests;

/// <summary>
/// The perceptron learns linearly separable data and reports that it cannot learn XOR. The rule is checked against
/// <c>w += η (t − y) x</c>, <c>b += η (t − y)</c> worked out by hand.
/// </summary>
public class PerceptronTests
{
    private static readonly float[] Inputs = [0, 0, 0, 1, 1, 0, 1, 1];
    private static readonly float[] And = [0, 0, 0, 1];
    private static readonly float[] Or = [0, 1, 1, 1];
    private static readonly float[] Xor = [0, 1, 1, 0];

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(42)]
    public void LearnsAnd(int seed) => AssertLearns(new TwoInputPerceptron(seed), Inputs, And);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(42)]
    public void LearnsOr(int seed) => AssertLearns(new TwoInputPerceptron(seed), Inputs, Or);

    [Fact]
    public void LearnsALinearlySeparableSetInTenDimensions()
    {
        // Labels from a random hyperplane; points closer to it than the margin are left out, so a separating
        // hyperplane with that margin exists and the convergence theorem bounds the number of updates.
        var random = new NetworkRandom(7);
        float[] normal = Enumerable.Range(0, 10).Select(_ => (float)random.NextNormal()).ToArray();
        float offset = 0.3f;
        float norm = MathF.Sqrt(normal.Sum(static w => w * w));
        var inputs = new System.Collections.Generic.List<float>();
        var targets = new System.Collections.Generic.List<float>();
        while (targets.Count < 300)
        {
            float[] x = Enumerable.Range(0, 10).Select(_ => (2f * random.NextSingle()) - 1f).ToArray();
            float distance = (x.Zip(normal, static (a, w) => a * w).Sum() + offset) / norm;
            if (MathF.Abs(distance) < 0.1f)
            {
                continue;
            }

            inputs.AddRange(x);
            targets.Add(distance > 0f ? 1f : 0f);
        }

        Assert.InRange(targets.Count(static t => t == 1f), 30, 270);
        AssertLearns(new TenInputPerceptron(3), inputs.ToArray(), targets.ToArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(42)]
    public void ReportsThatItCannotLearnXor(int seed)
    {
        var perceptron = new TwoInputPerceptron(seed);
        PerceptronFitResult result = perceptron.Fit(Inputs, Xor, maxEpochs: 200);

        Assert.False(result.Converged);
        Assert.Equal(200, result.Epochs);
        Assert.InRange(result.ErrorsInLastEpoch, 1, 4);

        // No line separates XOR; the best ones get 3 of the 4 rows right.
        Assert.InRange(result.BestAccuracy, 0.25f, 0.75f);
        Assert.True(CorrectRows(perceptron, Inputs, Xor) < 4);
    }

    [Fact]
    public void XorFindsTheBestALineCanDoAtSomeEpoch()
    {
        // Over enough shuffled epochs the weights pass through a line that gets 3 of 4 right.
        PerceptronFitResult result = new TwoInputPerceptron(0).Fit(Inputs, Xor, maxEpochs: 500);
        Assert.Equal(0.75f, result.BestAccuracy);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void AHiddenLayerLearnsWhatThePerceptronCannot(int seed)
    {
        var network = new XorNetwork(seed);
        for (int step = 0; step < 2000; step++)
        {
            network.TrainBatch(Inputs, Xor);
        }

        for (int row = 0; row < 4; row++)
        {
            Assert.Equal((int)Xor[row], network.PredictClass(Inputs.AsSpan(row * 2, 2)));
        }
    }

    [Fact]
    public void TrainAppliesThePerceptronRuleByHand()
    {
        var perceptron = new TwoInputPerceptron();
        perceptron.SetParameters([0.2f, -0.4f, 0.1f]);

        // w·x + b = 0.2·1 − 0.4·0.5 + 0.1 = 0.1 ≥ 0, so y = 1 against t = 0: w += 0.1·(0 − 1)·x, b += 0.1·(0 − 1).
        Assert.Equal(1, perceptron.Train([1f, 0.5f], [0f]));
        float[] expected = [0.2f + (0.1f * -1f * 1f), -0.4f + (0.1f * -1f * 0.5f), 0.1f + (0.1f * -1f)];
        Assert.Equal(expected, Parameters(perceptron));

        // A row it already gets right changes nothing.
        Assert.Equal(0, perceptron.Train([0f, 1f], [0f]));
        Assert.Equal(expected, Parameters(perceptron));
    }

    [Fact]
    public void TrainMovesOnlyTheUnitsThatWereWrong()
    {
        var perceptron = new TwoUnitPerceptron();

        // Canonical order: W[2, 3] row-major, then b[2].
        perceptron.SetParameters([1f, 0f, 0f, 0f, 1f, 0f, -0.5f, -0.5f]);
        float[] x = [1f, 2f, -1f];

        // Unit 0: 1 − 0.5 = 0.5 ≥ 0 → y = 1, target 1, right. Unit 1: 2 − 0.5 = 1.5 → y = 1, target 0, wrong.
        Assert.Equal(1, perceptron.Train(x, [1f, 0f]));
        float step = 0.25f * (0f - 1f);
        Assert.Equal([1f, 0f, 0f, step * 1f, 1f + (step * 2f), step * -1f, -0.5f, -0.5f + step], Parameters(perceptron));
    }

    [Fact]
    public void PredictUsesTheCanonicalOrder()
    {
        var perceptron = new TwoUnitPerceptron();
        perceptron.SetParameters([1f, -1f, 0f, 0f, 0f, 1f, 0f, -2f]);
        Span<float> output = stackalloc float[2];

        // Unit 0: x0 − x1 ≥ 0; unit 1: x2 − 2 ≥ 0.
        perceptron.Predict([3f, 1f, 1f], output);
        Assert.Equal([1f, 0f], output.ToArray());
        perceptron.Predict([0f, 1f, 2f], output);
        Assert.Equal([0f, 1f], output.ToArray());

        // One-vs-rest: the larger net input wins (2 − 0 vs 1 − 2).
        Assert.Equal(0, perceptron.PredictClass([2f, 0f, 1f]));
        Assert.Equal(1, perceptron.PredictClass([0f, 1f, 3f]));

        float[] rows = [3f, 1f, 1f, 0f, 1f, 2f];
        float[] batch = new float[4];
        perceptron.PredictBatch(rows, batch);
        Assert.Equal([1f, 0f, 0f, 1f], batch);
    }

    [Fact]
    public void TheSeedDrawsTheParametersAsDocumented()
    {
        var random = new NetworkRandom(5);
        float[] expected = Enumerable.Range(0, TwoInputPerceptron.ParameterCount).Select(_ => random.NextSingle() - 0.5f).ToArray();
        Assert.Equal(expected, Parameters(new TwoInputPerceptron(5)));
        Assert.Equal(Parameters(new TwoInputPerceptron(0)), Parameters(new TwoInputPerceptron()));
        Assert.NotEqual(Parameters(new TwoInputPerceptron(1)), Parameters(new TwoInputPerceptron(2)));
    }

    [Fact]
    public void FitIsDeterministicForASeed()
    {
        var first = new TwoInputPerceptron(9);
        var second = new TwoInputPerceptron(9);
        Assert.Equal(first.Fit(Inputs, Xor, 50), second.Fit(Inputs, Xor, 50));
        Assert.Equal(Parameters(first), Parameters(second));
    }

    [Fact]
    public void LearningRateCanBeChangedButNotToNonsense()
    {
        var perceptron = new TwoInputPerceptron();
        Assert.Equal(0.1f, perceptron.LearningRate);
        foreach (float bad in new[] { 0f, -0.1f, float.NaN, float.PositiveInfinity })
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => perceptron.LearningRate = bad);
        }

        perceptron.LearningRate = 0.5f;
        perceptron.SetParameters([0f, 0f, 0f]);
        perceptron.Train([1f, 2f], [0f]);
        Assert.Equal([-0.5f, -1f, -0.5f], Parameters(perceptron));
    }

    [Fact]
    public void BadInputsThrowAndChangeNothing()
    {
        var perceptron = new TwoInputPerceptron(3);
        float[] before = Parameters(perceptron);
        float[] output = new float[1];

        AssertMessage(() => perceptron.Predict([1f], output), "Expected 2 input features");
        AssertMessage(() => perceptron.Predict([1f, 1f], new float[2]), "Expected 1 outputs");
        AssertMessage(() => perceptron.Train([1f, 1f, 1f], [1f]), "Expected 2 input features");
        AssertMessage(() => perceptron.Train([1f, 1f], [1f, 0f]), "Expected 1 targets");
        AssertMessage(() => perceptron.Train([1f, float.NaN], [1f]), "finite");
        AssertMessage(() => perceptron.Train([1f, 1f], [0.5f]), "0 or 1");
        AssertMessage(() => perceptron.Fit([], [], 10), "at least one row");
        AssertMessage(() => perceptron.Fit([1f, 1f, 1f], [1f], 10), "multiple of 2");
        AssertMessage(() => perceptron.Fit(Inputs, [0f, 1f, 1f], 10), "Expected 4 rows of 1 targets");
        AssertMessage(() => perceptron.Fit(Inputs, [0f, 1f, 2f, 0f], 10), "0 or 1");
        Assert.Throws<ArgumentOutOfRangeException>(() => perceptron.Fit(Inputs, And, 0));
        AssertMessage(() => perceptron.SetParameters([1f, 2f]), "Expected 3 parameters");
        AssertMessage(() => perceptron.GetParameters(new float[4]), "Expected 3 parameters");

        Assert.Equal(before, Parameters(perceptron));
    }

    [Fact]
    public void IsANetwork()
    {
        INetwork network = new TwoUnitPerceptron();
        Assert.Equal((3, 2, 8), (network.InputSize, network.OutputSize, network.ParameterCount));
    }

    private static void AssertLearns<TPerceptron>(TPerceptron perceptron, float[] inputs, float[] targets)
        where TPerceptron : INetwork
    {
        PerceptronFitResult result = perceptron switch
        {
            TwoInputPerceptron p => p.Fit(inputs, targets, 1000),
            TenInputPerceptron p => p.Fit(inputs, targets, 1000),
            _ => throw new ArgumentException("Not a perceptron under test.", nameof(perceptron)),
        };

        Assert.True(result.Converged, $"Did not converge: {result}");
        Assert.InRange(result.Epochs, 1, 999);
        Assert.Equal(0, result.ErrorsInLastEpoch);
        Assert.Equal(1f, result.BestAccuracy);
        Assert.Equal(targets.Length, CorrectRows(perceptron, inputs, targets));
    }

    /// <summary>Rows the perceptron classifies right, counted through Predict, independently of Fit's own count.</summary>
    private static int CorrectRows(INetwork perceptron, float[] inputs, float[] targets)
    {
        float[] output = new float[1];
        int correct = 0;
        for (int row = 0; row < targets.Length; row++)
        {
            perceptron.Predict(inputs.AsSpan(row * perceptron.InputSize, perceptron.InputSize), output);
            correct += output[0] == targets[row] ? 1 : 0;
        }

        return correct;
    }

    private static float[] Parameters(INetwork network)
    {
        float[] parameters = new float[network.ParameterCount];
        network.GetParameters(parameters);
        return parameters;
    }

    private static void AssertMessage(Action action, string expected)
    {
        ArgumentException exception = Assert.ThrowsAny<ArgumentException>(action);
        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }
}
