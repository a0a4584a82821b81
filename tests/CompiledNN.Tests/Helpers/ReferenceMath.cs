using System;

namespace CompiledNN.Tests.Helpers;

/// <summary>Double-precision references for the functions .NET's <see cref="Math"/> lacks.</summary>
internal static class ReferenceMath
{
    /// <summary>
    /// The complementary error function, to about 12 significant digits: below 2.5 from the series
    /// erf(x) = 2/√π e^(−x²) Σ 2ⁿ x^(2n+1) / (1·3·…·(2n+1)), whose terms are all positive; from 2.5 the continued fraction
    /// erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))) (Abramowitz and Stegun 7.1.14), evaluated from its tail.
    /// </summary>
    public static double Erfc(double x)
    {
        if (x < 0)
        {
            return 2 - Erfc(-x);
        }

        double square = x * x;
        if (x < 2.5)
        {
            double term = x, sum = x;
            for (int n = 1; n < 200 && term > 1e-18 * sum; n++)
            {
                term *= 2 * square / ((2 * n) + 1);
                sum += term;
            }

            return 1 - (2 / Math.Sqrt(Math.PI) * Math.Exp(-square) * sum);
        }

        double fraction = x;
        for (int k = 300; k >= 1; k--)
        {
            fraction = x + (k / 2.0 / fraction);
        }

        return Math.Exp(-square) / Math.Sqrt(Math.PI) / fraction;
    }

    /// <summary>GELU's exact form, <c>x Φ(x)</c>.</summary>
    public static double Gelu(double x) => x * 0.5 * Erfc(-x / Math.Sqrt(2));

    /// <summary><c>log(1 + e^x)</c>, with the series where <c>1 + e^x</c> would round to 1.</summary>
    public static double Softplus(double x)
    {
        double e = Math.Exp(x);
        return x > 30 ? x : e < 1e-5 ? e - (e * e / 2) + (e * e * e / 3) : Math.Log(1 + e);
    }

    public static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
}
