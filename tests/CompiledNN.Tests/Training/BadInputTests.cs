using System;
using CompiledNN.Tests.Helpers;
using Xunit;

namespace CompiledNN.Tests.Training;

/// <summary>
/// Bad arguments throw an <see cref="ArgumentException"/> that names the expected size, and change nothing: neither
/// the parameters nor the optimizer's state. The proof for the state: a twin network that never saw the bad call takes
/// the same next step, bit for bit. Both networks have taken Adam steps first, so moments and step count are non-zero.
/// </summary>
public sealed class BadInputTests
{
    private const int Inputs = ClassifierNet.InputSize; // 7
    private const int Classes = ClassifierNet.OutputSize; // 5

    private readonly float[] _inputs = TestData.Uniform(3 * Inputs, 1, min: -1f);
    private readonly float[] _targets = OneHot([0, 3, 4]);
    private readonly int[] _classes = [0, 3, 4];

    public static TheoryData<string> BadCalls() =>
    [
        "TrainStep input too short", "TrainStep input too long", "TrainStep target too short",
        "TrainBatch inputs not whole rows", "TrainBatch fewer target rows", "TrainBatch more target rows", "TrainBatch no rows",
        "ComputeLoss mismatched rows", "ComputeGradient gradient too short", "ComputeGradient gradient too long",
        "TrainBatch NaN input", "TrainBatch NaN target", "TrainStep infinite input", "TrainStep class index -1", "TrainStep class index = OutputSize",
        "TrainBatch last class index out of range", "TrainBatch fewer class indices", "ComputeLoss class index out of range",
        "ComputeGradient class index out of range",
        "Backward inputs not whole rows", "Backward fewer output gradient rows", "Backward no rows", "Backward gradient too short",
        "Backward gradient too long", "Backward NaN input", "Backward infinite output gradient",
        "ApplyGradient gradient too short", "ApplyGradient gradient too long", "ApplyGradient NaN gradient",
    ];

    [Theory]
    [MemberData(nameof(BadCalls))]
    public void BadCallThrowsAndChangesNothing(string call)
    {
        (ClassifierNet network, ClassifierNet twin) = TrainedTwins();
        float[] gradient = new float[ClassifierNet.ParameterCount + (call.EndsWith("too long", StringComparison.Ordinal) ? 1 : call.EndsWith("too short", StringComparison.Ordinal) ? -1 : 0)];
        float[] nan = (float[])_inputs.Clone();
        nan[Inputs + 2] = float.NaN;
        float[] nanTarget = (float[])_targets.Clone();
        nanTarget[(2 * Classes) + 1] = float.NaN;
        float[] infinite = (float[])_inputs.Clone();
        infinite[3] = float.PositiveInfinity;

        Exception exception = Record.Exception(() => _ = call switch
        {
            "TrainStep input too short" => network.TrainStep(_inputs.AsSpan(0, Inputs - 1), _targets.AsSpan(0, Classes)),
            "TrainStep input too long" => network.TrainStep(_inputs.AsSpan(0, Inputs + 1), _targets.AsSpan(0, Classes)),
            "TrainStep target too short" => network.TrainStep(_inputs.AsSpan(0, Inputs), _targets.AsSpan(0, Classes - 1)),
            "TrainBatch inputs not whole rows" => network.TrainBatch(_inputs.AsSpan(1), _targets),
            "TrainBatch fewer target rows" => network.TrainBatch(_inputs, _targets.AsSpan(Classes)),
            "TrainBatch more target rows" => network.TrainBatch(_inputs.AsSpan(Inputs), _targets),
            "TrainBatch no rows" => network.TrainBatch(ReadOnlySpan<float>.Empty, ReadOnlySpan<float>.Empty),
            "ComputeLoss mismatched rows" => network.ComputeLoss(_inputs, _targets.AsSpan(Classes)),
            "ComputeGradient gradient too short" or "ComputeGradient gradient too long" => Gradient(network, gradient),
            "TrainBatch NaN input" => network.TrainBatch(nan, _targets),
            "TrainBatch NaN target" => network.TrainBatch(_inputs, nanTarget),
            "TrainStep infinite input" => network.TrainStep(infinite.AsSpan(0, Inputs), _targets.AsSpan(0, Classes)),
            "TrainStep class index -1" => network.TrainStep(_inputs.AsSpan(0, Inputs), -1),
            "TrainStep class index = OutputSize" => network.TrainStep(_inputs.AsSpan(0, Inputs), Classes),
            "TrainBatch last class index out of range" => network.TrainBatch(_inputs, new int[] { 0, 3, Classes }),
            "TrainBatch fewer class indices" => network.TrainBatch(_inputs, new int[] { 0, 3 }),
            "ComputeLoss class index out of range" => network.ComputeLoss(_inputs, new int[] { 0, -2, 1 }),
            "ComputeGradient class index out of range" => ClassGradient(network, new int[] { 0, 1, 9 }),
            "Backward inputs not whole rows" => Backward(network, _inputs.AsSpan(1), _targets, gradient),
            "Backward fewer output gradient rows" => Backward(network, _inputs, _targets.AsSpan(Classes), gradient),
            "Backward no rows" => Backward(network, ReadOnlySpan<float>.Empty, ReadOnlySpan<float>.Empty, gradient),
            "Backward gradient too short" or "Backward gradient too long" => Backward(network, _inputs, _targets, gradient),
            "Backward NaN input" => Backward(network, nan, _targets, gradient),
            "Backward infinite output gradient" => Backward(network, _inputs, Infinite(_targets), gradient),
            "ApplyGradient gradient too short" or "ApplyGradient gradient too long" => ApplyGradient(network, gradient),
            "ApplyGradient NaN gradient" => ApplyGradient(network, NaNGradient()),
            _ => throw new ArgumentOutOfRangeException(nameof(call), call, "no such bad call"),
        });

        Assert.IsAssignableFrom<ArgumentException>(exception);
        if (call.Contains("class index", StringComparison.Ordinal))
        {
            Assert.IsType<ArgumentOutOfRangeException>(exception);
        }

        AssertUnchanged(network, twin, call);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(-0.01f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void LearningRateRejectsValuesThatAreNotFiniteAndPositive(float rate)
    {
        (ClassifierNet network, ClassifierNet twin) = TrainedTwins();
        Assert.Throws<ArgumentOutOfRangeException>(() => network.LearningRate = rate);
        Assert.Equal(0.01f, network.LearningRate);
        AssertUnchanged(network, twin, $"LearningRate = {rate}");
    }

    [Fact]
    public void MessagesNameTheExpectedSizes()
    {
        var network = new ClassifierNet();
        Assert.Contains("7", Assert.ThrowsAny<ArgumentException>(() => network.TrainStep(new float[6], new float[Classes])).Message);
        Assert.Contains("5", Assert.ThrowsAny<ArgumentException>(() => network.TrainStep(new float[Inputs], new float[4])).Message);
        Assert.Contains("5", Assert.Throws<ArgumentOutOfRangeException>(() => network.TrainStep(new float[Inputs], 5)).Message);
        string parameters = ClassifierNet.ParameterCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(parameters, Assert.ThrowsAny<ArgumentException>(() => network.ComputeGradient(_inputs, _targets, new float[3])).Message);
        Assert.Contains(parameters, Assert.ThrowsAny<ArgumentException>(() => network.Backward(_inputs, _targets, new float[3])).Message);
        Assert.Contains(parameters, Assert.ThrowsAny<ArgumentException>(() => network.ApplyGradient(new float[3])).Message);
        ArgumentException rows = Assert.ThrowsAny<ArgumentException>(() => network.Backward(_inputs, new float[14], new float[ClassifierNet.ParameterCount]));
        Assert.Equal("outputGradients", rows.ParamName);
        Assert.Contains("3 rows of 5 output gradients (15 elements)", rows.Message, StringComparison.Ordinal);
        Assert.Equal("gradient", Assert.ThrowsAny<ArgumentException>(() => network.ApplyGradient(NaNGradient())).ParamName);
    }

    /// <summary>Two networks from the same seed after the same three Adam steps.</summary>
    private (ClassifierNet Network, ClassifierNet Twin) TrainedTwins()
    {
        var network = new ClassifierNet(seed: 5);
        var twin = new ClassifierNet(seed: 5);
        for (int step = 0; step < 3; step++)
        {
            Assert.Equal(twin.TrainBatch(_inputs, _targets), network.TrainBatch(_inputs, _targets));
        }

        return (network, twin);
    }

    /// <summary>Same parameters, same learning rate, and the same next step (same loss and parameters, bit for bit).</summary>
    private void AssertUnchanged(ClassifierNet network, ClassifierNet twin, string call)
    {
        Assert.True(TestData.Parameters(twin).AsSpan().SequenceEqual(TestData.Parameters(network)), $"{call} changed the parameters.");
        Assert.Equal(twin.LearningRate, network.LearningRate);
        Assert.Equal(twin.TrainBatch(_inputs, _classes), network.TrainBatch(_inputs, _classes));
        Assert.True(TestData.Parameters(twin).AsSpan().SequenceEqual(TestData.Parameters(network)), $"after {call}, the next step differs from the twin's: the optimizer state changed.");
    }

    private float Gradient(ClassifierNet network, float[] gradient)
    {
        network.ComputeGradient(_inputs, _targets, gradient);
        return 0;
    }

    private static float Backward(ClassifierNet network, ReadOnlySpan<float> inputs, ReadOnlySpan<float> outputGradients, float[] gradient)
    {
        network.Backward(inputs, outputGradients, gradient);
        return 0;
    }

    private static float ApplyGradient(ClassifierNet network, float[] gradient)
    {
        network.ApplyGradient(gradient);
        return 0;
    }

    private static float[] Infinite(float[] values)
    {
        float[] copy = (float[])values.Clone();
        copy[4] = float.NegativeInfinity;
        return copy;
    }

    /// <summary>A gradient that is finite but for one NaN in its last layer's bias.</summary>
    private static float[] NaNGradient()
    {
        float[] gradient = new float[ClassifierNet.ParameterCount];
        gradient.AsSpan().Fill(0.01f);
        gradient[^1] = float.NaN;
        return gradient;
    }

    private float ClassGradient(ClassifierNet network, int[] classes)
    {
        network.ComputeGradient(_inputs, classes, new float[ClassifierNet.ParameterCount]);
        return 0;
    }

    private static float[] OneHot(int[] classes)
    {
        float[] rows = new float[classes.Length * Classes];
        for (int row = 0; row < classes.Length; row++)
        {
            rows[(row * Classes) + classes[row]] = 1f;
        }

        return rows;
    }
}
