using System;
using CompiledNN.Persistence;

namespace CompiledNN.Samples.TheoryTour;

/// <summary>Weights set by hand, for the initialisations that no <c>Init</c> option gives (on purpose: they are the bad ones).</summary>
internal static class Weights
{
    /// <summary>Every weight drawn from N(0, std²), every bias 0, in canonical order.</summary>
    public static void SetNormal(INetwork network, NetworkArchitecture architecture, double std, long seed)
    {
        var random = new NetworkRandom(seed);
        float[] parameters = new float[network.ParameterCount];
        int offset = 0;
        for (int layer = 0; layer < architecture.Layers.Count; layer++)
        {
            int weights = architecture.Layers[layer].Units * architecture.InputsOf(layer);
            for (int i = 0; i < weights; i++)
            {
                parameters[offset + i] = (float)(std * random.NextNormal());
            }

            offset += weights + architecture.Layers[layer].Units;
        }

        network.SetParameters(parameters);
    }
}
