using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CompiledNN.Tests.Networks;
using CompiledNN.Tests.Reference;
using Xunit;

namespace CompiledNN.Tests;

/// <summary>
/// One network instance predicts from many threads at once with results bit-identical to a sequential run: the
/// forward pass keeps its activations on the stack or in pooled arrays of its own, never in shared fields.
/// </summary>
public sealed class ConcurrencyTests
{
    private const int Threads = 8;
    private const int Rows = 200;
    private const int Rounds = 2;

    // Strides coprime with Rows, so each thread visits every row, in its own order.
    private static readonly int[] Strides = [1, 3, 7, 9, 11, 13, 17, 19];

    [Theory]
    [InlineData(nameof(IrisNet))]
    [InlineData(nameof(SoftmaxVectorizedNet))]
    [InlineData(nameof(PooledScratchNet))]
    public void Concurrent_Predict_equals_sequential_Predict(string name)
    {
        NetworkCase network = NetworkCase.All[name];
        INetwork instance = network.Create();
        instance.SetParameters(network.RandomParameters(seed: 3));
        float[] inputs = network.RandomInputs(Rows, seed: 4);

        float[] sequential = PredictAll(instance, network, inputs);
        Assert.Contains(sequential, static v => v != 0f);

        // All threads start together and walk the rows in different orders, so calls overlap as much as possible.
        using var start = new Barrier(Threads);
        float[][] concurrent = new float[Threads][];
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, thread =>
        {
            start.SignalAndWait();
            float[] outputs = new float[Rows * network.OutputSize];
            for (int round = 0; round < Rounds; round++)
            {
                for (int k = 0; k < Rows; k++)
                {
                    int row = ((k * Strides[thread]) + thread) % Rows;
                    instance.Predict(
                        inputs.AsSpan(row * network.InputSize, network.InputSize),
                        outputs.AsSpan(row * network.OutputSize, network.OutputSize));
                }
            }

            concurrent[thread] = outputs;
        });

        Assert.All(concurrent, outputs => Assert.Equal(sequential, outputs));
    }

    private static float[] PredictAll(INetwork instance, NetworkCase network, float[] inputs)
    {
        float[] outputs = new float[Rows * network.OutputSize];
        foreach (int row in Enumerable.Range(0, Rows))
        {
            instance.Predict(inputs.AsSpan(row * network.InputSize, network.InputSize), outputs.AsSpan(row * network.OutputSize, network.OutputSize));
        }

        return outputs;
    }
}
