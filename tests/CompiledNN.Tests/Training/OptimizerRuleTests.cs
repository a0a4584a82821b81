using System;
using CompiledNN.Runtime;
using CompiledNN.Tests.Helpers;
using Xunit;

namespace CompiledNN.Tests.Training;

/// <summary>
/// The vectorised update rules against PyTorch's formulas written out one element at a time in double, over 37
/// elements so that every register width (16, 8, 4 lanes and the single-float tail) updates some of them.
/// </summary>
public sealed class OptimizerRuleTests
{
    private const int Count = 37;

    [Fact]
    public void AdamMatchesTheFormulaOverSeveralSteps()
    {
        float[] w = TestData.Uniform(Count, 1);
        double[] expected = Array.ConvertAll(w, static x => (double)x);
        double[] m = new double[Count], v = new double[Count];
        float[] m1 = new float[Count], m2 = new float[Count];
        const float Eta = 0.01f, Beta1 = 0.8f, Beta2 = 0.99f, Epsilon = 1e-8f, Decay = 0.05f;
        double p1 = 1, p2 = 1;
        for (int step = 1; step <= 5; step++)
        {
            float[] g = TestData.Uniform(Count, 10 + step);
            for (int i = 0; i < Count; i++)
            {
                double gi = g[i] + (Decay * expected[i]);
                m[i] = (Beta1 * m[i]) + ((1 - Beta1) * gi);
                v[i] = (Beta2 * v[i]) + ((1 - Beta2) * gi * gi);
                double mHat = m[i] / (1 - Math.Pow(Beta1, step));
                double vHat = v[i] / (1 - Math.Pow(Beta2, step));
                expected[i] -= Eta * mHat / (Math.Sqrt(vHat) + Epsilon);
            }

            p1 *= Beta1;
            p2 *= Beta2;
            Optimizers.Adam(w, g, m1, m2, Eta, Beta1, Beta2, Epsilon, Decay, decoupled: false, p1, p2);
        }

        Compare.AllClose(Array.ConvertAll(expected, static x => (float)x), w, 1e-6, "parameters after 5 Adam steps");
    }

    [Fact]
    public void RMSPropAndMomentumMatchTheFormula()
    {
        float[] g = TestData.Uniform(Count, 3);
        float[] w = TestData.Uniform(Count, 4);
        float[] s = TestData.Uniform(Count, 5);
        float[] expected = new float[Count];
        for (int i = 0; i < Count; i++)
        {
            double gi = g[i] + (0.01 * w[i]);
            double si = (0.9 * Math.Abs(s[i])) + (0.1 * gi * gi);
            expected[i] = (float)(w[i] - (0.02 * gi / (Math.Sqrt(si) + 1e-6)));
            s[i] = Math.Abs(s[i]);
        }

        Optimizers.RMSProp(w, g, s, 0.02f, 0.9f, 1e-6f, 0.01f);
        Compare.AllClose(expected, w, 1e-6, "parameters after an RMSProp step");

        float[] velocity = TestData.Uniform(Count, 6);
        float[] before = (float[])w.Clone();
        Optimizers.Momentum(w, g, (float[])velocity.Clone(), 0.1f, 0.9f, 0f, nesterov: true, firstStep: false);
        for (int i = 0; i < Count; i++)
        {
            double b = (0.9 * velocity[i]) + g[i];
            expected[i] = (float)(before[i] - (0.1 * (g[i] + (0.9 * b))));
        }

        Compare.AllClose(expected, w, 1e-6, "parameters after a Nesterov step");
    }

    [Fact]
    public void DecayingStateIsStoredAsZeroOnceItWouldBeSubnormal()
    {
        // A parameter whose gradient is 0 keeps decaying moments; below the smallest normal float (2⁻¹²⁶) they become 0
        // (arithmetic on subnormals is slow), and the parameters move as they would have, by less than float resolution.
        float[] w = new float[Count];
        Array.Fill(w, 0.5f);
        float[] zero = new float[Count];
        float[] m = new float[Count], v = new float[Count];
        Array.Fill(m, 1.4e-38f);
        Array.Fill(v, 1.177e-38f);
        Optimizers.Adam(w, zero, m, v, 0.001f, 0.9f, 0.999f, 1e-8f, 0f, decoupled: false, 0.9, 0.999);
        Assert.All(m, static x => Assert.Equal(0.9f * 1.4e-38f, x)); // 1.26e-38 is still normal
        Assert.All(v, static x => Assert.Equal(0.999f * 1.177e-38f, x)); // 1.1758e-38 too
        Optimizers.Adam(w, zero, m, v, 0.001f, 0.9f, 0.999f, 1e-8f, 0f, decoupled: false, 0.81, 0.998001);
        Assert.All(m, static x => Assert.Equal(0f, x)); // 1.134e-38 would be subnormal
        Assert.All(v, static x => Assert.Equal(0f, x)); // 1.1746e-38 too
        Assert.All(w, static x => Assert.Equal(0.5f, x));
    }

    [Fact]
    public void OutOfPlaceStepsGiveTheInPlaceBitsAndLeaveTheirInputs()
    {
        float[] g = TestData.Uniform(Count, 20, min: -1f);
        foreach (Func<float[], float[], float[], float[], float[], float[], float[], bool> step in OutOfPlaceSteps())
        {
            float[] w = TestData.Uniform(Count, 21, min: -1f), s1 = TestData.Uniform(Count, 22), s2 = TestData.Uniform(Count, 23);
            float[] w0 = (float[])w.Clone(), s10 = (float[])s1.Clone(), s20 = (float[])s2.Clone();
            float[] w2 = new float[Count], t1 = (float[])s1.Clone(), t2 = (float[])s2.Clone(); // a rule without s2 leaves it

            Assert.True(step(w, s1, s2, w2, t1, t2, g));
            Assert.Equal(w0, w);
            Assert.Equal(s10, s1);
            Assert.Equal(s20, s2);

            // In place: the same call with each output the input it replaces.
            Assert.True(step(w, s1, s2, w, s1, s2, g));
            Assert.Equal(w2, w);
            Assert.Equal(t1, s1);
            Assert.Equal(t2, s2);
        }
    }

    [Theory]
    [InlineData(0, 3e38f, 0.5f)] // w beyond ±2⁶⁴ or the state infinite, in a register of 16
    [InlineData(36, 3e38f, 0.5f)] // in the single-float tail
    [InlineData(20, 0.5f, float.NaN)] // a NaN parameter stays NaN (a NaN gradient would not: the state flushes it to 0)
    public void OutOfPlaceStepsReportAValueOutOfRangeInAnyLane(int index, float gradient, float parameter)
    {
        float[] g = TestData.Uniform(Count, 30, min: -1f);
        g[index] = gradient;
        foreach (Func<float[], float[], float[], float[], float[], float[], float[], bool> step in OutOfPlaceSteps())
        {
            float[] w = TestData.Uniform(Count, 31, min: -1f), s1 = TestData.Uniform(Count, 32), s2 = TestData.Uniform(Count, 33);
            w[index] = parameter;
            Assert.False(step(w, s1, s2, new float[Count], new float[Count], new float[Count], g));
        }
    }

    [Fact]
    public void OutOfPlaceStepsAcceptParametersUpToTheLimit()
    {
        float[] w = new float[Count];
        Array.Fill(w, StepRollback.ParameterLimit);
        float[] updated = new float[Count];
        Assert.True(Optimizers.Sgd(w, new float[Count], updated, 0.1f, 0f));
        w[5] = MathF.BitIncrement(StepRollback.ParameterLimit);
        Assert.False(Optimizers.Sgd(w, new float[Count], updated, 0.1f, 0f));
    }

    /// <summary>Every rule out of place (w, s1, s2 → w′, s1′, s2′, from a gradient), with a learning rate large enough that a gradient of 3e38 overflows.</summary>
    private static Func<float[], float[], float[], float[], float[], float[], float[], bool>[] OutOfPlaceSteps() =>
    [
        (w, s1, s2, w2, t1, t2, gradient) => Optimizers.Sgd(w, gradient, w2, 10f, 0.01f),
        (w, s1, s2, w2, t1, t2, gradient) => Optimizers.Momentum(w, gradient, s1, w2, t1, 10f, 0.9f, 0.01f, nesterov: false, firstStep: false),
        (w, s1, s2, w2, t1, t2, gradient) => Optimizers.Momentum(w, gradient, s1, w2, t1, 10f, 0.9f, 0f, nesterov: true, firstStep: false),
        (w, s1, s2, w2, t1, t2, gradient) => Optimizers.AdaGrad(w, gradient, s1, w2, t1, 10f, 1e-10f, 0.01f),
        (w, s1, s2, w2, t1, t2, gradient) => Optimizers.RMSProp(w, gradient, s1, w2, t1, 10f, 0.99f, 1e-8f, 0.01f),
        (w, s1, s2, w2, t1, t2, gradient) => Optimizers.Adam(w, gradient, s1, s2, w2, t1, t2, 10f, 0.9f, 0.999f, 1e-8f, 0.01f, decoupled: false, 0.81, 0.998001),
        (w, s1, s2, w2, t1, t2, gradient) => Optimizers.Adam(w, gradient, s1, s2, w2, t1, t2, 10f, 0.9f, 0.999f, 1e-8f, 0.01f, decoupled: true, 0.81, 0.998001),
    ];
}
