using System;
using CompiledNN.Tests.Networks;
using Xunit;

namespace CompiledNN.Tests;

/// <summary>
/// McCulloch-Pitts neurons reproduce their truth tables on every overload. The expected values come from the logic
/// functions themselves or from <c>Σ wᵢ xᵢ ≥ θ</c> written out in the test, never from the generated code.
/// </summary>
public class NeuronTests
{
    private static readonly (bool A, bool B)[] Pairs = [(false, false), (false, true), (true, false), (true, true)];

    [Fact]
    public void AndFiresOnlyWhenBothInputsAreOn() => AssertTwoInputGate(new AndNeuron(), static (a, b) => a && b);

    [Fact]
    public void OrFiresWhenEitherInputIsOn() => AssertTwoInputGate(new OrNeuron(), static (a, b) => a || b);

    [Fact]
    public void NandFiresUnlessBothInputsAreOn() => AssertTwoInputGate(new NandNeuron(), static (a, b) => !(a && b));

    [Fact]
    public void NotInvertsItsInput()
    {
        var not = new NotNeuron();
        foreach (bool a in new[] { false, true })
        {
            Assert.Equal(!a, not.Fire(a));
            Assert.Equal(!a, not.Fire([a]));
            Assert.Equal(!a ? 1 : 0, not.Fire([a ? 1f : 0f]));
        }
    }

    [Fact]
    public void ConstantsDescribeTheDeclaration()
    {
        Assert.Equal(2, AndNeuron.InputSize);
        Assert.Equal(2f, AndNeuron.Threshold);
        Assert.Equal(new[] { 1f, 1f }, AndNeuron.Weights.ToArray());
        Assert.Equal(3, WeightedNeuron.InputSize);
        Assert.Equal(new[] { 2f, 0f, -0.5f }, WeightedNeuron.Weights.ToArray());
        Assert.Equal(1.5f, WeightedNeuron.Threshold);
    }

    [Fact]
    public void FoldedWeightsGiveTheWeightedSumRuleOnAnyInputs()
    {
        // Non-binary inputs too: the folding (zero weight dropped, −0.5 subtracted) must not change the rule.
        float[] values = [-2f, -1f, 0f, 0.25f, 0.5f, 1f, 3f];
        var neuron = new WeightedNeuron();
        foreach (float x0 in values)
        {
            foreach (float x1 in values)
            {
                foreach (float x2 in values)
                {
                    float sum = (2f * x0) + (0f * x1) + (-0.5f * x2);
                    Assert.Equal(sum >= 1.5f ? 1 : 0, neuron.Fire([x0, x1, x2]));
                }
            }
        }

        foreach (bool a in new[] { false, true })
        {
            foreach (bool b in new[] { false, true })
            {
                foreach (bool c in new[] { false, true })
                {
                    bool expected = (a ? 2f : 0f) + (c ? -0.5f : 0f) >= 1.5f;
                    Assert.Equal(expected, neuron.Fire(a, b, c));
                    Assert.Equal(expected, neuron.Fire([a, b, c]));
                }
            }
        }
    }

    [Fact]
    public void MajorityOfNineFiresWhenAtLeastFiveInputsAreOn()
    {
        var neuron = new MajorityOfNine();
        Span<bool> inputs = stackalloc bool[9];
        Span<float> numbers = stackalloc float[9];
        for (int pattern = 0; pattern < 1 << 9; pattern++)
        {
            int on = 0;
            for (int i = 0; i < 9; i++)
            {
                inputs[i] = (pattern >> i & 1) == 1;
                numbers[i] = inputs[i] ? 1f : 0f;
                on += inputs[i] ? 1 : 0;
            }

            Assert.Equal(on >= 5, neuron.Fire(inputs));
            Assert.Equal(on >= 5 ? 1 : 0, neuron.Fire(numbers));
        }
    }

    [Fact]
    public void WrongNumberOfInputsThrowsNamingTheExpectedCount()
    {
        var and = new AndNeuron();
        ArgumentException numeric = Assert.Throws<ArgumentException>(() => and.Fire([1f, 1f, 1f]));
        Assert.Contains("Expected 2 inputs", numeric.Message, StringComparison.Ordinal);
        Assert.Equal("inputs", numeric.ParamName);
        ArgumentException truth = Assert.Throws<ArgumentException>(() => and.Fire([true]));
        Assert.Contains("Expected 2 inputs", truth.Message, StringComparison.Ordinal);
        Assert.Equal("inputs", truth.ParamName);
    }

    private static void AssertTwoInputGate<TNeuron>(TNeuron gate, Func<bool, bool, bool> truth)
        where TNeuron : class
    {
        foreach ((bool a, bool b) in Pairs)
        {
            bool expected = truth(a, b);
            (bool ViaParameters, bool ViaSpan, int ViaNumbers) actual = gate switch
            {
                AndNeuron n => (n.Fire(a, b), n.Fire([a, b]), n.Fire([a ? 1f : 0f, b ? 1f : 0f])),
                OrNeuron n => (n.Fire(a, b), n.Fire([a, b]), n.Fire([a ? 1f : 0f, b ? 1f : 0f])),
                NandNeuron n => (n.Fire(a, b), n.Fire([a, b]), n.Fire([a ? 1f : 0f, b ? 1f : 0f])),
                _ => throw new ArgumentException("Not a two-input gate under test.", nameof(gate)),
            };
            Assert.Equal(expected, actual.ViaParameters);
            Assert.Equal(expected, actual.ViaSpan);
            Assert.Equal(expected ? 1 : 0, actual.ViaNumbers);
        }
    }
}
