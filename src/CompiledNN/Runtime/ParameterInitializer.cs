using System;
using System.ComponentModel;

namespace CompiledNN.Runtime;

/// <summary>
/// Draws initial weights with the Xavier (Glorot) and He (Kaiming) schemes. Generated constructors call it once per
/// layer, in canonical order, from one <see cref="NetworkRandom"/>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ParameterInitializer
{
    /// <summary>Fills <paramref name="weights"/> from <c>U(−a, a)</c>, <c>a = √(6 / (fanIn + fanOut))</c>.</summary>
    /// <param name="weights">The layer's weights.</param>
    /// <param name="fanIn">The layer's inputs.</param>
    /// <param name="fanOut">The layer's units.</param>
    /// <param name="random">The generator to draw from.</param>
    public static void XavierUniform(Span<float> weights, int fanIn, int fanOut, NetworkRandom random) =>
        Uniform(weights, Math.Sqrt(6.0 / (fanIn + fanOut)), random);

    /// <summary>Fills <paramref name="weights"/> from <c>N(0, 2 / (fanIn + fanOut))</c>.</summary>
    /// <param name="weights">The layer's weights.</param>
    /// <param name="fanIn">The layer's inputs.</param>
    /// <param name="fanOut">The layer's units.</param>
    /// <param name="random">The generator to draw from.</param>
    public static void XavierNormal(Span<float> weights, int fanIn, int fanOut, NetworkRandom random) =>
        Normal(weights, Math.Sqrt(2.0 / (fanIn + fanOut)), random);

    /// <summary>Fills <paramref name="weights"/> from <c>U(−b, b)</c>, <c>b = √(6 / fanIn)</c>.</summary>
    /// <param name="weights">The layer's weights.</param>
    /// <param name="fanIn">The layer's inputs.</param>
    /// <param name="random">The generator to draw from.</param>
    public static void HeUniform(Span<float> weights, int fanIn, NetworkRandom random) =>
        Uniform(weights, Math.Sqrt(6.0 / fanIn), random);

    /// <summary>Fills <paramref name="weights"/> from <c>N(0, 2 / fanIn)</c>.</summary>
    /// <param name="weights">The layer's weights.</param>
    /// <param name="fanIn">The layer's inputs.</param>
    /// <param name="random">The generator to draw from.</param>
    public static void HeNormal(Span<float> weights, int fanIn, NetworkRandom random) =>
        Normal(weights, Math.Sqrt(2.0 / fanIn), random);

    private static void Uniform(Span<float> weights, double bound, NetworkRandom random)
    {
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = (float)((2.0 * random.NextDouble() - 1.0) * bound);
        }
    }

    private static void Normal(Span<float> weights, double standardDeviation, NetworkRandom random)
    {
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = (float)(random.NextNormal() * standardDeviation);
        }
    }
}
