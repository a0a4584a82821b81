using System;

namespace CompiledNN.Tests.Helpers;

/// <summary>Deterministic data and parameter snapshots for the training tests.</summary>
internal static class TestData
{
    /// <summary><paramref name="count"/> values uniform in [<paramref name="min"/>, 1) from <paramref name="seed"/>.</summary>
    public static float[] Uniform(int count, int seed, float min = 0f)
    {
        var random = new Random(seed);
        float[] values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = min + (float)((1 - min) * random.NextDouble());
        }

        return values;
    }

    /// <summary>A copy of the network's parameters in canonical order.</summary>
    public static float[] Parameters(INetwork network)
    {
        float[] parameters = new float[network.ParameterCount];
        network.GetParameters(parameters);
        return parameters;
    }
}
