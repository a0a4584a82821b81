using System;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace CompiledNN.Tests.Persistence;

/// <summary>The PyTorch fixtures written by Fixtures/make_torch_fixtures.py, and helpers to compare parameters.</summary>
internal static class Fixtures
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path(name));

    /// <summary>The inputs of a fixture and the outputs PyTorch computed for them, one row each.</summary>
    public static (float[][] Inputs, float[][] Outputs) Expected(string name)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(Path(name + ".expected.json")));
        return (Rows(document.RootElement.GetProperty("inputs")), Rows(document.RootElement.GetProperty("outputs")));

        static float[][] Rows(JsonElement rows) =>
            rows.EnumerateArray().Select(static row => row.EnumerateArray().Select(static v => v.GetSingle()).ToArray()).ToArray();
    }

    public static float[] Parameters(INetwork network)
    {
        var parameters = new float[network.ParameterCount];
        network.GetParameters(parameters);
        return parameters;
    }

    /// <summary>The parameters' bit patterns, so that equality means bit-identical (and -0 differs from 0).</summary>
    public static int[] Bits(INetwork network) => Parameters(network).Select(BitConverter.SingleToInt32Bits).ToArray();
}
