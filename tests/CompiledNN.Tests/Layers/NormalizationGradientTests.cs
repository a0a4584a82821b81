using System;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace CompiledNN.Tests.Layers;

[Network(Optimizer = Optimizer.Sgd, LearningRate = 0.01f)]
[Input(4)]
[Dense(6)]
[BatchNorm(Activation.Tanh)]
[Dense(3)]
public partial class BatchNormGradientNet;

[Network(Optimizer = Optimizer.Sgd, LearningRate = 0.01f)]
[Input(2, 7)]
[Conv1D(3, 3)]
[BatchNorm(Activation.Tanh, Epsilon = 1e-3f)]
[Dense(2)]
public partial class ChannelBatchNormGradientNet;

[Network(Optimizer = Optimizer.Sgd, LearningRate = 0.01f)]
[Input(4)]
[Dense(6)]
[LayerNorm(Activation.Tanh)]
[Dense(3, Activation.Softmax)]
public partial class LayerNormGradientNet;

/// <summary>
/// The normalisations' backward passes against central differences of the training loss: the loss TrainBatch returns
/// (batch statistics, before its step) of a fresh network at parameters ± h, so the differences run through the batch
/// mean and variance as the analytic gradient must.
/// </summary>
public sealed class NormalizationGradientTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(typeof(BatchNormGradientNet), 5)]
    [InlineData(typeof(ChannelBatchNormGradientNet), 3)]
    [InlineData(typeof(LayerNormGradientNet), 4)]
    public void ComputeGradientMatchesCentralDifferencesOfTheTrainingLoss(Type type, int rows)
    {
        var random = new Random(7);
        ITrainableNetwork network = Create(type, 3);
        float[] parameters = new float[network.ParameterCount];
        network.GetParameters(parameters);
        for (int i = 0; i < parameters.Length; i++)
        {
            parameters[i] += (float)(random.NextDouble() - 0.5) * 0.4f; // γ and β away from 1 and 0
        }

        float[] inputs = Enumerable.Range(0, rows * network.InputSize).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        float[] targets = new float[rows * network.OutputSize];
        for (int row = 0; row < rows; row++)
        {
            targets[(row * network.OutputSize) + random.Next(network.OutputSize)] = 1f;
        }

        network.SetParameters(parameters);
        float[] gradient = new float[network.ParameterCount];
        network.ComputeGradient(inputs, targets, gradient);

        const float H = 1e-2f;
        double scale = gradient.Max(static g => Math.Abs(g));
        double worst = 0;
        for (int i = 0; i < parameters.Length; i++)
        {
            float[] plus = (float[])parameters.Clone();
            float[] minus = (float[])parameters.Clone();
            plus[i] += H;
            minus[i] -= H;
            double numeric = (TrainingLoss(type, plus, inputs, targets) - TrainingLoss(type, minus, inputs, targets)) / (plus[i] - minus[i]);
            worst = Math.Max(worst, Math.Abs(numeric - gradient[i]) / scale);
        }

        output.WriteLine($"{type.Name}: largest error {worst:E2} relative to the largest gradient {scale:E2}");
        Assert.True(scale > 1e-3, "The gradient is too small to check anything.");
        Assert.True(worst < 2e-3, $"{type.Name}: the gradient differs from central differences by {worst:E2} of its largest value.");
    }

    private static double TrainingLoss(Type type, float[] parameters, float[] inputs, float[] targets)
    {
        ITrainableNetwork network = Create(type, 0);
        network.SetParameters(parameters);
        return network.TrainBatch(inputs, targets);
    }

    private static ITrainableNetwork Create(Type type, int seed) => (ITrainableNetwork)Activator.CreateInstance(type, seed)!;
}
