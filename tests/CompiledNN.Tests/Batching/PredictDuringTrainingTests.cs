using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CompiledNN.Tests.Helpers;
using Xunit;

namespace CompiledNN.Tests.Batching;

/// <summary>
/// Predictions that overlap training steps may see a mix of the weights from before and after a step, but never once
/// training has stopped: afterwards the network predicts, bit for bit, what a fresh network given the same parameters
/// predicts. The overlap repacks the weights while a step changes them, which must never be taken for current.
/// </summary>
public sealed class PredictDuringTrainingTests
{
    private const int PredictingThreads = 8;
    private const int Steps = 4;
    private const int BatchRows = 64;
    private const int ProbeRows = 16;

    private static readonly float[] Inputs = TestData.Uniform(BatchRows * PackedDuringTrainingClassifier.InputSize, 21);
    private static readonly int[] Classes = Enumerable.Range(0, BatchRows).Select(static r => r % PackedDuringTrainingClassifier.OutputSize).ToArray();
    private static readonly float[] Probe = TestData.Uniform(ProbeRows * PackedDuringTrainingClassifier.InputSize, 22);

    [Fact]
    public void AfterTrainingStopsPredictionsUseTheTrainedParameters()
    {
        var watch = Stopwatch.StartNew();
        for (int trial = 0; trial < 6 && watch.Elapsed < TimeSpan.FromSeconds(40); trial++)
        {
            var network = new PackedDuringTrainingClassifier(trial);
            TrainWhilePredicting(network);

            var fresh = new PackedDuringTrainingClassifier();
            fresh.SetParameters(TestData.Parameters(network));
            Assert.Equal(PredictBatch(fresh), PredictBatch(network));

            // More single rows than predict before a row packs the weights, so both of its paths are compared.
            for (int round = 0; round < 3; round++)
            {
                for (int row = 0; row < ProbeRows; row++)
                {
                    Assert.Equal(Predict(fresh, row), Predict(network, row));
                }
            }
        }
    }

    private static void TrainWhilePredicting(PackedDuringTrainingClassifier network)
    {
        using var stop = new CancellationTokenSource();
        using var started = new CountdownEvent(PredictingThreads);
        Task[] predicting = Enumerable.Range(0, PredictingThreads).Select(thread => Task.Factory.StartNew(
            () =>
            {
                float[] output = new float[ProbeRows * PackedDuringTrainingClassifier.OutputSize];
                started.Signal();
                for (int call = 0; !stop.IsCancellationRequested; call++)
                {
                    if ((call + thread) % 2 == 0)
                    {
                        network.PredictBatch(Probe, output);
                    }
                    else
                    {
                        int row = call % ProbeRows;
                        network.Predict(Probe.AsSpan(row * PackedDuringTrainingClassifier.InputSize, PackedDuringTrainingClassifier.InputSize), output.AsSpan(0, PackedDuringTrainingClassifier.OutputSize));
                    }
                }
            },
            TaskCreationOptions.LongRunning)).ToArray();
        try
        {
            started.Wait();
            for (int step = 0; step < Steps; step++)
            {
                network.TrainBatch(Inputs, Classes);
            }
        }
        finally
        {
            stop.Cancel();
            Task.WaitAll(predicting);
        }
    }

    private static float[] PredictBatch(PackedDuringTrainingClassifier network)
    {
        float[] outputs = new float[ProbeRows * PackedDuringTrainingClassifier.OutputSize];
        network.PredictBatch(Probe, outputs);
        return outputs;
    }

    private static float[] Predict(PackedDuringTrainingClassifier network, int row)
    {
        float[] output = new float[PackedDuringTrainingClassifier.OutputSize];
        network.Predict(Probe.AsSpan(row * PackedDuringTrainingClassifier.InputSize, PackedDuringTrainingClassifier.InputSize), output);
        return output;
    }
}
