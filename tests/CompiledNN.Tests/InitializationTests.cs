using System;
using System.Linq;
using CompiledNN.Tests.Networks;
using Xunit;
using static CompiledNN.Tests.Helpers.TestData;

namespace CompiledNN.Tests;

/// <summary>
/// The constructors draw weights by the Xavier and He formulas of DESIGN.md §3 and leave biases at 0. The networks
/// are 200 → 300 → 10, so the first layer has 60,000 weights and the second 3,000.
/// </summary>
/// <remarks>
/// Every statistical bound is 5 standard errors of the estimate for the sample at hand (a false failure has a
/// probability below 1e-6): the mean of n weights has standard error σ/√n; the mean of w², which estimates the
/// variance, has standard error √(Var(w²)/n), with Var(w²) = 4a⁴/45 for U(−a, a) and 2σ⁴ for N(0, σ²).
/// </remarks>
public sealed class InitializationTests
{
    private const int Inputs = 200;
    private const int Hidden = 300;
    private const int Outputs = 10;
    private const double StandardErrors = 5;

    [Fact]
    public void XavierUniform_draws_from_U_of_plus_minus_sqrt_6_over_fan_in_plus_fan_out()
    {
        float[] parameters = Parameters(new XavierUniformNet(seed: 3));

        AssertUniform(Layer1Weights(parameters), Math.Sqrt(6.0 / (Inputs + Hidden)));
        AssertUniform(Layer2Weights(parameters), Math.Sqrt(6.0 / (Hidden + Outputs)));
        AssertBiasesZero(parameters);
    }

    [Fact]
    public void XavierNormal_draws_from_N_of_0_and_2_over_fan_in_plus_fan_out()
    {
        float[] parameters = Parameters(new XavierNormalNet(seed: 3));

        AssertNormal(Layer1Weights(parameters), Math.Sqrt(2.0 / (Inputs + Hidden)));
        AssertNormal(Layer2Weights(parameters), Math.Sqrt(2.0 / (Hidden + Outputs)));
        AssertBiasesZero(parameters);
    }

    [Fact]
    public void HeUniform_draws_from_U_of_plus_minus_sqrt_6_over_fan_in()
    {
        float[] parameters = Parameters(new HeUniformNet(seed: 3));

        AssertUniform(Layer1Weights(parameters), Math.Sqrt(6.0 / Inputs));
        AssertUniform(Layer2Weights(parameters), Math.Sqrt(6.0 / Hidden));
        AssertBiasesZero(parameters);
    }

    [Fact]
    public void HeNormal_draws_from_N_of_0_and_2_over_fan_in()
    {
        float[] parameters = Parameters(new HeNormalNet(seed: 3));

        AssertNormal(Layer1Weights(parameters), Math.Sqrt(2.0 / Inputs));
        AssertNormal(Layer2Weights(parameters), Math.Sqrt(2.0 / Hidden));
        AssertBiasesZero(parameters);
    }

    [Fact]
    public void Auto_picks_He_for_ReLU_layers_and_Xavier_for_the_others()
    {
        float[] auto = Parameters(new AutoReLUNet(seed: 9));
        Assert.Equal(Layer1Weights(Parameters(new HeUniformNet(seed: 9))), Layer1Weights(auto));
        AssertUniform(Layer2Weights(auto), Math.Sqrt(6.0 / (Hidden + Outputs)));

        Assert.Equal(Parameters(new XavierUniformNet(seed: 9)), Parameters(new AutoTanhNet(seed: 9)));
    }

    [Fact]
    public void Weights_are_exactly_those_of_the_documented_algorithm()
    {
        // Computed by Reference/splitmix64_reference.c from the published SplitMix64, independently of NetworkRandom:
        // the same seed gives these float32 values on every machine. Layer 2 continues the stream after layer 1.
        float[] xavier = Parameters(new XavierUniformNet(seed: 42));
        Assert.Equal([0.0529242121f, -0.0745098963f, -0.0485060625f, -0.0341361053f], xavier[..4]);
        Assert.Equal(-0.010093024f, Layer2Weights(xavier)[0]);

        float[] he = Parameters(new HeNormalNet(seed: 42));
        Assert.Equal([0.0882248878f, -0.0450849868f, 0.0188352633f, 0.021958638f], he[..4]);
        Assert.Equal(-0.00474571018f, Layer2Weights(he)[0]);
    }

    [Fact]
    public void The_same_seed_gives_the_same_parameters_and_other_seeds_differ()
    {
        Assert.Equal(Parameters(new HeNormalNet(seed: 123)), Parameters(new HeNormalNet(seed: 123)));
        Assert.Equal(Parameters(new IrisNet(seed: 0)), Parameters(new IrisNet()));

        float[] first = Parameters(new HeNormalNet(seed: 123));
        float[] second = Parameters(new HeNormalNet(seed: 124));
        int equal = Layer1Weights(first).Zip(Layer1Weights(second)).Count(static pair => pair.First == pair.Second);
        Assert.True(equal < 10, $"Seeds 123 and 124 share {equal} of {Inputs * Hidden} weights.");
    }

    private static float[] Layer1Weights(float[] parameters) => parameters[..(Inputs * Hidden)];

    private static float[] Layer2Weights(float[] parameters)
    {
        int start = (Inputs * Hidden) + Hidden;
        return parameters[start..(start + (Hidden * Outputs))];
    }

    private static void AssertBiasesZero(float[] parameters)
    {
        int bias1 = Inputs * Hidden;
        int bias2 = bias1 + Hidden + (Hidden * Outputs);
        Assert.All(parameters[bias1..(bias1 + Hidden)], static b => Assert.Equal(0f, b));
        Assert.All(parameters[bias2..], static b => Assert.Equal(0f, b));
        Assert.Equal(bias2 + Outputs, parameters.Length);
    }

    private static void AssertUniform(float[] weights, double bound)
    {
        double variance = bound * bound / 3;
        AssertMoments(weights, variance, varianceOfSquare: 4 * Math.Pow(bound, 4) / 45);

        // Every weight lies in (−a, a) (up to float rounding of the bound), and the extremes come close to it.
        double largest = weights.Max(static w => Math.Abs((double)w));
        Assert.True(largest <= (float)bound, $"A weight of magnitude {largest} exceeds the bound {bound}.");
        Assert.True(largest >= bound * (1 - (20.0 / weights.Length)), $"The largest weight {largest} stays far below the bound {bound}.");
    }

    private static void AssertNormal(float[] weights, double standardDeviation)
    {
        double variance = standardDeviation * standardDeviation;
        AssertMoments(weights, variance, varianceOfSquare: 2 * variance * variance);

        // The share within one standard deviation is 68.27% for a normal distribution (57.7% for a uniform one of the
        // same variance), so this tells the shapes apart.
        const double withinOneSigma = 0.682689492;
        double share = weights.Count(w => Math.Abs(w) <= standardDeviation) / (double)weights.Length;
        double error = Math.Sqrt(withinOneSigma * (1 - withinOneSigma) / weights.Length);
        Assert.True(
            Math.Abs(share - withinOneSigma) <= StandardErrors * error,
            $"{share:P2} of the weights lie within one standard deviation; a normal distribution has {withinOneSigma:P2} (± {StandardErrors * error:P2}).");
    }

    private static void AssertMoments(float[] weights, double variance, double varianceOfSquare)
    {
        int n = weights.Length;
        double mean = weights.Average(static w => (double)w);
        double meanSquare = weights.Average(static w => (double)w * w);

        double meanBound = StandardErrors * Math.Sqrt(variance / n);
        Assert.True(Math.Abs(mean) <= meanBound, $"The mean of {n} weights is {mean:E3}; expected 0 ± {meanBound:E3}.");

        double varianceBound = StandardErrors * Math.Sqrt(varianceOfSquare / n);
        Assert.True(
            Math.Abs(meanSquare - variance) <= varianceBound,
            $"The variance of {n} weights is {meanSquare:E4}; expected {variance:E4} ± {varianceBound:E3}.");
    }
}
