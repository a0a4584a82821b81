using System;
using Xunit.Sdk;

namespace CompiledNN.Tests.Helpers;

/// <summary>Element-wise comparison of float vectors with an error measured relative to the largest expected value.</summary>
internal static class Compare
{
    /// <summary>
    /// Fails unless every <c>|actual[i] − expected[i]| ≤ tolerance · max(|expected|)</c>, naming the worst element.
    /// Relative to the largest value, as an error in a sum of float products is relative to its largest terms, not
    /// to an element that happens to be near 0. Returns the measured relative error.
    /// </summary>
    public static double AllClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, double tolerance, string what)
    {
        if (expected.Length != actual.Length)
        {
            throw new XunitException($"{what}: expected {expected.Length} values, got {actual.Length}.");
        }

        double scale = 0;
        foreach (float e in expected)
        {
            scale = Math.Max(scale, Math.Abs(e));
        }

        scale = Math.Max(scale, double.Epsilon);
        int worst = -1;
        double worstError = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs((double)actual[i] - expected[i]) / scale;
            if (!(error <= worstError))
            {
                worst = i;
                worstError = error; // NaN lands here and stays the worst
            }
        }

        if (!(worstError <= tolerance))
        {
            throw new XunitException(
                $"{what}: element {worst} is {actual[worst]:R}, expected {expected[worst]:R}; error {worstError:E2} of the largest value {scale:R} exceeds {tolerance:E0}.");
        }

        return worstError;
    }

    /// <summary>Fails unless <c>|actual − expected| ≤ tolerance · max(|expected|, floor)</c>.</summary>
    public static double Close(double expected, double actual, double tolerance, string what, double floor = double.Epsilon)
    {
        double error = Math.Abs(actual - expected) / Math.Max(Math.Abs(expected), floor);
        if (!(error <= tolerance))
        {
            throw new XunitException($"{what}: got {actual:R}, expected {expected:R}; relative error {error:E2} exceeds {tolerance:E0}.");
        }

        return error;
    }
}
