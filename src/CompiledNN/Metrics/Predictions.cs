using System;
using CompiledNN.Data;

namespace CompiledNN.Metrics;

/// <summary>Runs a network over a whole dataset.</summary>
public static class Predictions
{
    // Rows per PredictBatch call: large enough for the batched kernels, small enough for any network's scratch.
    private const int ChunkRows = 256;

    /// <summary>The network's outputs for every row of <paramref name="dataset"/>.</summary>
    /// <param name="network">The network; its input and output sizes must match the dataset's.</param>
    /// <param name="dataset">The rows.</param>
    /// <returns><see cref="Dataset.Count"/> rows of <see cref="INetwork.OutputSize"/> outputs.</returns>
    /// <exception cref="ArgumentException">The sizes do not match.</exception>
    public static float[] Of(INetwork network, Dataset dataset)
    {
        CheckSizes(network, dataset);
        var outputs = new float[dataset.Count * network.OutputSize];
        for (int start = 0; start < dataset.Count; start += ChunkRows)
        {
            int rows = Math.Min(ChunkRows, dataset.Count - start);
            network.PredictBatch(
                dataset.Features.Slice(start * dataset.FeatureCount, rows * dataset.FeatureCount),
                outputs.AsSpan(start * network.OutputSize, rows * network.OutputSize));
        }

        return outputs;
    }

    /// <summary>Throws unless the network reads the dataset's features and produces its targets.</summary>
    /// <param name="network">The network.</param>
    /// <param name="dataset">The dataset.</param>
    /// <exception cref="ArgumentException">The sizes differ; the message names both.</exception>
    internal static void CheckSizes(INetwork network, Dataset dataset)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(dataset);
        if (network.InputSize != dataset.FeatureCount || network.OutputSize != dataset.TargetCount)
        {
            throw new ArgumentException(
                $"The network maps {network.InputSize} inputs to {network.OutputSize} outputs, but the dataset has {dataset.FeatureCount} features and {dataset.TargetCount} targets per row.",
                nameof(dataset));
        }
    }
}
