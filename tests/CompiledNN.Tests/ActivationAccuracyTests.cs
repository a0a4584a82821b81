using System;
using System.Linq;
using System.Runtime.Intrinsics;
using CompiledNN.Runtime;
using CompiledNN.Tests.Helpers;
using Xunit;

namespace CompiledNN.Tests;

/// <summary>
/// The vectorised <see cref="Exponential"/> and the activations built on it, against double-precision
/// <see cref="Math"/> over a sample of the whole float range (every 4099th bit pattern: about a million floats, all
/// signs and exponents), plus the special values; and the same bits at every register width and in the scalar tail.
/// </summary>
/// <remarks>
/// The bounds are the ones the XML docs state (in units in the last place of the correctly rounded result; for
/// subnormal results, in units of the subnormal spacing). An exhaustive run over all 2³² floats measured 1.04 for
/// <see cref="Exponential.Exp(float)"/>; the others were measured on every 97th float (the docs give the numbers).
/// </remarks>
public sealed class ActivationAccuracyTests
{
    private const int Stride = 4099;

    [Fact]
    public void Exp_is_within_1_04_ulp_over_the_float_range()
    {
        AssertUlps(Exponential.Exp, Math.Exp, 1.04);
    }

    [Fact]
    public void ExpM1_is_within_1_ulp_near_zero_and_4_elsewhere()
    {
        AssertUlps(x => MathF.Abs(x) <= 0.3465f ? Exponential.ExpM1(x) : float.NaN, ExpM1, 1.0, skipNaN: true);
        AssertUlps(Exponential.ExpM1, ExpM1, 4.0);
    }

    [Fact]
    public void Sigmoid_is_within_3_ulp()
    {
        AssertUlps(Activations.Sigmoid, static x => 1.0 / (1.0 + Math.Exp(-x)), 3.0);
    }

    [Fact]
    public void Tanh_is_within_2_ulp()
    {
        AssertUlps(static x => Activations.Tanh(Vector128.CreateScalar(x)).ToScalar(), Math.Tanh, 2.0);
    }

    [Fact]
    public void ELU_is_within_2_ulp()
    {
        AssertUlps(static x => Activations.ELU(Vector128.CreateScalar(x), 1f).ToScalar(), static x => x > 0 ? x : ExpM1(x), 2.0);
    }

    [Fact]
    public void GELU_is_within_8_ulp()
    {
        AssertUlps(static x => Activations.GELU(Vector128.CreateScalar(x)).ToScalar(), ReferenceMath.Gelu, 8.0);
    }

    [Fact]
    public void SiLU_is_within_3_ulp_where_the_exponential_is_normal()
    {
        AssertUlps(static x => Activations.SiLU(Vector128.CreateScalar(x)).ToScalar(), static x => x * ReferenceMath.Sigmoid(x), 3.0, lowest: -87f);
    }

    [Fact]
    public void Mish_is_within_5_ulp_where_the_exponential_is_normal()
    {
        AssertUlps(static x => Activations.Mish(Vector128.CreateScalar(x)).ToScalar(), static x => x * Math.Tanh(ReferenceMath.Softplus(x)), 5.0, lowest: -87f);
    }

    [Theory]
    [InlineData(0.5, 0.4795001221869535)]
    [InlineData(1.0, 0.15729920705028513)]
    [InlineData(3.0, 2.209049699858544e-05)]
    [InlineData(10.0, 2.088487583762545e-45)]
    public void The_erfc_reference_agrees_with_tabulated_values(double x, double expected)
    {
        // Values of Python's math.erfc (the C library's erfc).
        Assert.True(Math.Abs(ReferenceMath.Erfc(x) - expected) <= 1e-12 * expected, $"erfc({x}) = {ReferenceMath.Erfc(x):R}, expected {expected:R}");
    }

    /// <summary>
    /// The derivatives against the double formulas over [−30, 30]: each has a root or a cancelling sum somewhere
    /// (GELU′ at −0.75, SiLU′ at −1.28), so the bound is absolute, a few float roundings of the terms (which reach ~1).
    /// </summary>
    [Theory]
    [InlineData(Activation.GELU)]
    [InlineData(Activation.SiLU)]
    [InlineData(Activation.Mish)]
    public void Derivatives_are_within_2e_6(Activation activation)
    {
        float[] z = Enumerable.Range(0, 600_001).Select(static i => (float)((i - 300_000) / 10_000.0)).ToArray();
        float[] delta = Enumerable.Repeat(1f, z.Length).ToArray();
        Func<double, double> exact;
        switch (activation)
        {
            case Activation.GELU:
                ActivationGradients.GELU(z, delta);
                exact = static x => (0.5 * ReferenceMath.Erfc(-x / Math.Sqrt(2))) + (x * Math.Exp(-x * x / 2) / Math.Sqrt(2 * Math.PI));
                break;
            case Activation.SiLU:
                ActivationGradients.SiLU(z, delta);
                exact = static x => ReferenceMath.Sigmoid(x) * (1 + (x * (1 - ReferenceMath.Sigmoid(x))));
                break;
            default:
                ActivationGradients.Mish(z, delta);
                exact = static x =>
                {
                    double t = Math.Tanh(ReferenceMath.Softplus(x));
                    return t + (x * ReferenceMath.Sigmoid(x) * (1 - (t * t)));
                };
                break;
        }

        double worst = z.Select((x, i) => Math.Abs(delta[i] - exact(x))).Max();
        Assert.True(worst <= 2e-6, $"{activation}′: worst absolute error {worst:E2}");
    }

    [Theory]
    [InlineData(float.PositiveInfinity, float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity, 0f)]
    [InlineData(88.7229f, float.PositiveInfinity)]
    [InlineData(-104f, 0f)]
    [InlineData(0f, 1f)]
    public void Exp_of_special_values(float x, float expected)
    {
        Assert.Equal(expected, Exponential.Exp(x));
        Assert.Equal(expected, Exponential.Exp(Vector512.Create(x)).GetElement(7));
    }

    [Fact]
    public void NaN_stays_NaN()
    {
        Assert.True(float.IsNaN(Exponential.Exp(float.NaN)));
        Assert.True(float.IsNaN(Exponential.ExpM1(float.NaN)));
        Assert.True(float.IsNaN(Activations.Sigmoid(float.NaN)));
        Assert.True(float.IsNaN(Activations.Tanh(Vector256.Create(float.NaN)).GetElement(3)));
        float[] probabilities = new float[3];
        Activations.Softmax([1f, float.NaN, 2f], probabilities);
        Assert.All(probabilities, static p => Assert.True(float.IsNaN(p)));
    }

    [Fact]
    public void Tanh_keeps_the_sign_of_zero_and_saturates()
    {
        Assert.True(float.IsNegative(Activations.Tanh(Vector128.Create(-0f)).ToScalar()));
        Assert.Equal(1f, Activations.Tanh(Vector128.Create(50f)).ToScalar());
        Assert.Equal(-1f, Activations.Tanh(Vector128.Create(float.NegativeInfinity)).ToScalar());
    }

    [Fact]
    public void Every_width_and_the_scalar_tail_give_the_same_bits()
    {
        var random = new Random(17);
        float[] z = Enumerable.Range(0, 16 * 64).Select(_ => (float)((random.NextDouble() - 0.5) * 60)).ToArray();
        for (int i = 0; i < z.Length; i += 16)
        {
            Vector512<float> wide = Vector512.LoadUnsafe(ref z[i]);
            Vector256<float> middle = Vector256.LoadUnsafe(ref z[i]);
            Vector128<float> narrow = Vector128.LoadUnsafe(ref z[i]);
            for (int k = 0; k < 4; k++)
            {
                float expected = Exponential.Exp(z[i + k]);
                Assert.Equal(expected, Exponential.Exp(wide).GetElement(k));
                Assert.Equal(expected, Exponential.Exp(middle).GetElement(k));
                Assert.Equal(expected, Exponential.Exp(narrow).GetElement(k));
                Assert.Equal(Activations.Sigmoid(z[i + k]), Activations.Sigmoid(wide).GetElement(k));
                Assert.Equal(Activations.Tanh(narrow).GetElement(k), Activations.Tanh(wide).GetElement(k));
                Assert.Equal(Activations.ELU(narrow, 0.5f).GetElement(k), Activations.ELU(middle, 0.5f).GetElement(k));
                Assert.Equal(Activations.GELU(narrow).GetElement(k), Activations.GELU(wide).GetElement(k));
                Assert.Equal(Activations.GELU(narrow).GetElement(k), Activations.GELU(middle).GetElement(k));
                Assert.Equal(Activations.SiLU(narrow).GetElement(k), Activations.SiLU(wide).GetElement(k));
                Assert.Equal(Activations.Mish(narrow).GetElement(k), Activations.Mish(middle).GetElement(k));
                Assert.Equal(Activations.Mish(narrow).GetElement(k), Activations.Mish(wide).GetElement(k));
            }
        }

        // 19 elements: a 16-lane block (or two of 8, or four of 4) and a scalar tail of 3.
        float[] whole = new float[19];
        Activations.Tanh(z.AsSpan(0, 19), whole);
        for (int i = 0; i < 19; i++)
        {
            Assert.Equal(Activations.Tanh(Vector128.CreateScalar(z[i])).ToScalar(), whole[i]);
        }

        Activations.GELU(z.AsSpan(0, 19), whole);
        for (int i = 0; i < 19; i++)
        {
            Assert.Equal(Activations.GELU(Vector128.CreateScalar(z[i])).ToScalar(), whole[i]);
        }

        // The derivative: one delta of 1 per element, a register at a time and the tail one lane at a time.
        float[] ones = Enumerable.Repeat(1f, 19).ToArray();
        float[] single = [1f];
        ActivationGradients.Mish(z.AsSpan(0, 19), ones);
        for (int i = 0; i < 19; i++)
        {
            single[0] = 1f;
            ActivationGradients.Mish(z.AsSpan(i, 1), single);
            Assert.Equal(single[0], ones[i]);
        }
    }

    [Theory]
    [InlineData(3, 20.0)]
    [InlineData(10, 20.0)]
    [InlineData(16, 200.0)]
    public void Softmax_matches_the_double_formula(int units, double range)
    {
        var random = new Random(units);
        float[] z = new float[units];
        float[] span = new float[units];
        for (int trial = 0; trial < 2000; trial++)
        {
            for (int i = 0; i < units; i++)
            {
                z[i] = (float)((random.NextDouble() - 0.5) * 2 * range);
            }

            double max = z.Max();
            double sum = z.Sum(v => Math.Exp(v - max));
            Activations.Softmax(z, span);
            for (int i = 0; i < units; i++)
            {
                double exact = Math.Exp(z[i] - max) / sum;

                // 6 ulps of the result, plus the rounding of z − max, which any float softmax (PyTorch's too) makes.
                double bound = (6 * Ulp(exact)) + (exact * Math.Abs(z[i] - max) * 6e-8);
                Assert.True(Math.Abs(span[i] - exact) <= bound, $"element {i}: {span[i]} vs {exact}");
            }
        }
    }

    private static double ExpM1(double x) => Math.Abs(x) < 1e-5 ? x + (x * x / 2) + (x * x * x / 6) : Math.Exp(x) - 1;

    /// <summary>The spacing of floats at <paramref name="exact"/>, rounded to float: one unit in the last place.</summary>
    private static double Ulp(double exact)
    {
        float magnitude = MathF.Abs((float)exact);
        return magnitude < 1.17549435e-38f ? float.Epsilon : MathF.BitIncrement(magnitude) - magnitude;
    }

    private static void AssertUlps(Func<float, float> actual, Func<double, double> exact, double bound, bool skipNaN = false, float lowest = float.NegativeInfinity)
    {
        double worst = 0;
        float worstAt = 0;
        int checkedCount = 0;
        for (long bits = 0; bits <= uint.MaxValue; bits += Stride)
        {
            float x = BitConverter.Int32BitsToSingle((int)bits);
            if (float.IsNaN(x) || x < lowest)
            {
                continue;
            }

            float y = actual(x);
            if (skipNaN && float.IsNaN(y))
            {
                continue;
            }

            double expected = exact(x);
            float rounded = (float)expected;
            if (float.IsInfinity(rounded) || float.IsInfinity(y))
            {
                Assert.True(rounded == y, $"f({x:R}) = {y:R}, expected {rounded:R}");
                continue;
            }

            double ulps = Math.Abs(y - expected) / Ulp(expected);
            checkedCount++;
            if (ulps > worst)
            {
                worst = ulps;
                worstAt = x;
            }
        }

        Assert.True(checkedCount > 10_000, $"only {checkedCount} values checked");
        Assert.True(worst <= bound, $"worst error {worst:F3} ulp at x = {worstAt:R}, bound {bound}");
    }
}
