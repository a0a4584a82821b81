using System;
using CompiledNN.Tests.Networks;
using Xunit;

namespace CompiledNN.Tests.Persistence;

/// <summary>
/// The inference-only form runs the trainable network's forward pass over the baked weights, so it must give the bits of
/// a trainable network given the same weights with <c>SetParameters</c>: row by row, in batches of every size around
/// the kernels' blocks of 64 rows (and the 32-row blocks handed to other threads), and after the packed copy of the
/// weights that single predictions switch to.
/// </summary>
public sealed class InferenceOnlyBitIdentityTests
{
    private delegate void Prediction(ReadOnlySpan<float> input, Span<float> output);

    private delegate int Classification(ReadOnlySpan<float> input);

    [Fact]
    public void Small_network_gives_the_trainable_networks_bits()
    {
        var trainable = new TorchNet(seed: 7);
        trainable.SetParameters(Canonical(TorchNet.Load(Fixtures.Path("torch-4-8-3.weights.json"))));

        AssertSameBits(TorchNet.InputSize, TorchNet.OutputSize, trainable.Predict, trainable.PredictBatch, InferenceTorchNet.Predict, InferenceTorchNet.PredictBatch);
        AssertSameClasses(TorchNet.InputSize, trainable.PredictClass, InferenceTorchNet.PredictClass);
    }

    [Fact]
    public void Large_network_gives_the_trainable_networks_bits()
    {
        var trainable = new LargeNet(seed: 7);
        trainable.SetParameters(Canonical(LargeNet.Load(Fixtures.Path("baked-256-256-10.weights.json"))));

        AssertSameBits(LargeNet.InputSize, LargeNet.OutputSize, trainable.Predict, trainable.PredictBatch, InferenceLargeNet.Predict, InferenceLargeNet.PredictBatch);
        AssertSameClasses(LargeNet.InputSize, trainable.PredictClass, InferenceLargeNet.PredictClass);
    }

    private static float[] Canonical(ITrainableNetwork network)
    {
        var parameters = new float[network.ParameterCount];
        network.GetParameters(parameters);
        return parameters;
    }

    private static float[] Inputs(int rows, int inputSize)
    {
        var random = new Random(26);
        var inputs = new float[rows * inputSize];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = (float)((random.NextDouble() * 4) - 2);
        }

        return inputs;
    }

    private static void AssertSameBits(int inputSize, int outputSize, Prediction trainable, Prediction trainableBatch, Prediction baked, Prediction bakedBatch)
    {
        // More single rows than the trainable network predicts before it packs its weights for them.
        const int Rows = 40;
        float[] inputs = Inputs(Rows, inputSize);
        var expected = new float[outputSize];
        var actual = new float[outputSize];
        for (int row = 0; row < Rows; row++)
        {
            ReadOnlySpan<float> input = inputs.AsSpan(row * inputSize, inputSize);
            trainable(input, expected);
            baked(input, actual);
            Assert.Equal(Bits(expected), Bits(actual));
        }

        foreach (int rows in new[] { 1, 3, 31, 33, 64, 67, 130 })
        {
            float[] batch = Inputs(rows, inputSize);
            var expectedBatch = new float[rows * outputSize];
            var actualBatch = new float[rows * outputSize];
            trainableBatch(batch, expectedBatch);
            bakedBatch(batch, actualBatch);
            Assert.Equal(Bits(expectedBatch), Bits(actualBatch));
        }
    }

    private static void AssertSameClasses(int inputSize, Classification trainable, Classification baked)
    {
        float[] inputs = Inputs(20, inputSize);
        for (int row = 0; row < 20; row++)
        {
            ReadOnlySpan<float> input = inputs.AsSpan(row * inputSize, inputSize);
            Assert.Equal(trainable(input), baked(input));
        }
    }

    private static int[] Bits(float[] values) => Array.ConvertAll(values, BitConverter.SingleToInt32Bits);
}
