using System;
using System.Collections.Generic;

namespace CompiledNN.Tests.Pinning;

/// <summary>
/// One fixed run of a pinned network, as the lines the pins file holds: predictions of the initial network (<c>Predict</c>
/// on 3 rows, <c>PredictBatch</c> on 37), then 8 <c>TrainBatch</c> steps on one batch of 131 rows (2 blocks of 64 and a
/// tail), each step's loss and the parameters after it, then the loss, gradient and predictions of the trained network.
/// </summary>
internal static class PinnedRun
{
    public const int PredictRows = 3;
    public const int BatchRows = 37;
    public const int TrainRows = 131;
    public const int Steps = 8;

    /// <summary>The run's lines, in order: a name and its value (an exact float or a hash of float bits).</summary>
    public static List<KeyValuePair<string, string>> Record(PinnedNetwork pinned, int? threads)
    {
        ITrainableNetwork network = pinned.Create(threads);
        int inputSize = network.InputSize, outputSize = network.OutputSize;
        var lines = new List<KeyValuePair<string, string>>();
        void Add(string name, string value) => lines.Add(new(name, value));

        float[] parameters = new float[network.ParameterCount];
        network.GetParameters(parameters);
        Add("initial parameters", BitHash.Of(parameters));

        float[] predictInputs = Inputs(BatchRows * inputSize, seed: 1);
        float[] output = new float[PredictRows * outputSize];
        for (int row = 0; row < PredictRows; row++)
        {
            network.Predict(predictInputs.AsSpan(row * inputSize, inputSize), output.AsSpan(row * outputSize, outputSize));
        }

        Add($"Predict {PredictRows} rows", BitHash.Of(output));
        float[] outputs = new float[BatchRows * outputSize];
        network.PredictBatch(predictInputs, outputs);
        Add($"PredictBatch {BatchRows} rows", BitHash.Of(outputs));

        float[] trainInputs = Inputs(TrainRows * inputSize, seed: 2);
        float[] targets = Targets(pinned.Targets, TrainRows, outputSize, seed: 3);
        for (int step = 1; step <= Steps; step++)
        {
            float loss = network.TrainBatch(trainInputs, targets);
            network.GetParameters(parameters);
            Add($"step {step} loss", BitHash.Exact(loss));
            Add($"step {step} parameters", BitHash.Of(parameters));
        }

        Add("trained ComputeLoss", BitHash.Exact(network.ComputeLoss(trainInputs, targets)));
        float[] gradient = new float[network.ParameterCount];
        network.ComputeGradient(trainInputs, targets, gradient);
        Add("trained ComputeGradient", BitHash.Of(gradient));
        network.PredictBatch(predictInputs, outputs);
        Add($"trained PredictBatch {BatchRows} rows", BitHash.Of(outputs));
        return lines;
    }

    /// <summary>Values uniform in [−1, 1) from <see cref="NetworkRandom"/>.</summary>
    private static float[] Inputs(int count, int seed)
    {
        var random = new NetworkRandom(seed);
        float[] values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = (2 * random.NextSingle()) - 1;
        }

        return values;
    }

    private static float[] Targets(PinnedTargets kind, int rows, int outputSize, int seed)
    {
        var random = new NetworkRandom(seed);
        float[] values = new float[rows * outputSize];
        for (int row = 0; row < rows; row++)
        {
            for (int k = 0; k < outputSize; k++)
            {
                values[(row * outputSize) + k] = kind switch
                {
                    PinnedTargets.OneHot => k == row % outputSize ? 1f : 0f,
                    PinnedTargets.Binary => random.NextSingle() < 0.5f ? 0f : 1f,
                    _ => random.NextSingle(),
                };
            }
        }

        return values;
    }
}
