using System;
using System.Globalization;
using AotSmoke;
using CompiledNN;

// Prints the predictions of seeded networks on fixed inputs, one value per line as "network row output value", so that
// check.sh can compare a NativeAOT run with a JIT run number by number.
Print("IrisNet", new IrisNet(seed: 7), rows: 5);
Print("WideNet", new WideNet(seed: 7), rows: 3);

static void Print(string name, INetwork network, int rows)
{
    float[] inputs = new float[rows * network.InputSize];
    for (int k = 0; k < inputs.Length; k++)
    {
        inputs[k] = MathF.Sin(k * 0.37f) * 2f;
    }

    float[] outputs = new float[rows * network.OutputSize];
    network.PredictBatch(inputs, outputs);
    for (int row = 0; row < rows; row++)
    {
        for (int k = 0; k < network.OutputSize; k++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} {row} {k} {outputs[(row * network.OutputSize) + k]:R}"));
        }
    }
}
