using System;
using System.Linq;
using System.Reflection;
using CompiledNN.Tests.Helpers;
using Xunit;

namespace CompiledNN.Tests.Training;

/// <summary>
/// Training allocates nothing per call once warmed up, whatever the batch size: every [Network] declared in this
/// test project (every optimizer, loss and code shape), measured with <see cref="GC.GetAllocatedBytesForCurrentThread"/>.
/// </summary>
public sealed class AllocationTests
{
    private static readonly int[] BatchSizes = [1, 2, 7, 32, 129];

    public static TheoryData<string> Networks() => new(typeof(AllocationTests).Assembly.GetTypes()
        .Where(static t => t.GetCustomAttribute<NetworkAttribute>() is not null)
        .Where(static t => typeof(ITrainableNetwork).IsAssignableFrom(t)) // inference-only [Weights] networks have no training
        .Select(static t => t.FullName!)
        .Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Networks))]
    public void TrainingAllocatesNothingPerCall(string name)
    {
        var network = (ITrainableNetwork)Activator.CreateInstance(typeof(AllocationTests).Assembly.GetType(name)!)!;
        var classifier = network as IClassIndexTraining;
        float[][] inputs = BatchSizes.Select(n => TestData.Uniform(n * network.InputSize, n, min: -1f)).ToArray();
        float[][] targets = BatchSizes.Select(n => TestData.Uniform(n * network.OutputSize, n + 1)).ToArray();
        int[][] classes = BatchSizes.Select(n => Enumerable.Range(0, n).Select(i => i % network.OutputSize).ToArray()).ToArray();
        float[] gradient = new float[network.ParameterCount];
        network.LearningRate = 1e-6f; // keep the parameters where they are over the many steps below

        // A BatchNorm after dense layers refuses to train on one row (as PyTorch): those networks train from two rows.
        bool trainsOneRow = TrainsOneRow(network, inputs[0], targets[0], gradient);

        void TrainEverySize()
        {
            for (int b = trainsOneRow ? 0 : 1; b < BatchSizes.Length; b++)
            {
                if (trainsOneRow)
                {
                    network.TrainStep(inputs[b].AsSpan(0, network.InputSize), targets[b].AsSpan(0, network.OutputSize));
                }

                network.TrainBatch(inputs[b], targets[b]);
                network.ComputeLoss(inputs[b], targets[b]);
                network.ComputeGradient(inputs[b], targets[b], gradient);
                network.Backward(inputs[b], targets[b], gradient);
                network.ApplyGradient(gradient);
                if (classifier is not null)
                {
                    if (trainsOneRow)
                    {
                        classifier.TrainStep(inputs[b].AsSpan(0, network.InputSize), classes[b][0]);
                    }

                    classifier.TrainBatch(inputs[b], classes[b]);
                    classifier.ComputeLoss(inputs[b], classes[b]);
                    classifier.ComputeGradient(inputs[b], classes[b], gradient);
                }
            }
        }

        // Warm up: JIT compilation and any scratch that grows once to the largest batch.
        for (int i = 0; i < 2; i++)
        {
            TrainEverySize();
        }

        (long least, long[] allocated) = Allocations.LeastOfThreeWindows(TrainEverySize, rounds: 2);
        Assert.True(least == 0, $"{name} allocated {string.Join(", ", allocated)} bytes in three windows of 2 rounds of training calls at batch sizes {string.Join(", ", BatchSizes)}.");
    }

    private static bool TrainsOneRow(ITrainableNetwork network, float[] input, float[] target, float[] gradient)
    {
        try
        {
            network.ComputeGradient(input, target, gradient);
            return true;
        }
        catch (ArgumentException e) when (e.Message.Contains("Batch normalisation", StringComparison.Ordinal))
        {
            return false;
        }
    }
}
