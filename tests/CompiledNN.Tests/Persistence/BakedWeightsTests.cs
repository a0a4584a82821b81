using System;
using System.IO;
using CompiledNN.Tests.Networks;
using Xunit;

namespace CompiledNN.Tests.Persistence;

public sealed class BakedWeightsTests
{
    [Fact]
    public void Baked_network_starts_with_the_file_parameters_bit_for_bit()
    {
        TorchNet loaded = TorchNet.Load(Fixtures.Path("torch-4-8-3.weights.json"));

        Assert.Equal(Fixtures.Bits(loaded), Fixtures.Bits(new BakedTorchNet()));
    }

    [Fact]
    public void Baked_loaded_and_inference_only_networks_predict_identically_and_like_PyTorch()
    {
        TorchNet loaded = TorchNet.Load(Fixtures.Path("torch-4-8-3.weights.json"));
        var baked = new BakedTorchNet();
        (float[][] inputs, float[][] expected) = Fixtures.Expected("torch-4-8-3");
        var fromLoaded = new float[3];
        var fromBaked = new float[3];
        var fromInference = new float[3];

        for (int row = 0; row < inputs.Length; row++)
        {
            loaded.Predict(inputs[row], fromLoaded);
            baked.Predict(inputs[row], fromBaked);
            InferenceTorchNet.Predict(inputs[row], fromInference);

            Assert.Equal(fromLoaded, fromBaked);
            Assert.Equal(fromLoaded, fromInference);
            Assert.Equal(loaded.PredictClass(inputs[row]), InferenceTorchNet.PredictClass(inputs[row]));
            for (int k = 0; k < 3; k++)
            {
                Assert.True(Math.Abs(fromInference[k] - expected[row][k]) <= 1e-6f);
            }
        }
    }

    [Fact]
    public void Inference_only_network_with_a_layer_too_large_to_unroll_predicts_like_the_loaded_one()
    {
        var loaded = WideTorchNet.Load(Fixtures.Path("torch-40-32-4.weights.json"));
        (float[][] inputs, _) = Fixtures.Expected("torch-40-32-4");
        var expected = new float[inputs.Length * 4];
        var actual = new float[inputs.Length * 4];
        float[] rows = new float[inputs.Length * 40];
        for (int row = 0; row < inputs.Length; row++)
        {
            inputs[row].CopyTo(rows, row * 40);
        }

        loaded.PredictBatch(rows, expected);
        InferenceWideTorchNet.PredictBatch(rows, actual);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Inference_only_network_without_its_zero_weights_predicts_like_the_loaded_one_and_PyTorch()
    {
        SparseNet loaded = SparseNet.Load(Fixtures.Path("torch-2-3-1.weights.json"));
        (float[][] inputs, float[][] expected) = Fixtures.Expected("torch-2-3-1");
        var fromLoaded = new float[1];
        var fromInference = new float[1];
        for (int row = 0; row < inputs.Length; row++)
        {
            loaded.Predict(inputs[row], fromLoaded);
            InferenceSparseNet.Predict(inputs[row], fromInference);

            Assert.Equal(fromLoaded, fromInference);
            Assert.True(Math.Abs(fromInference[0] - expected[row][0]) <= 1e-6f);
            Assert.Equal(loaded.PredictClass(inputs[row]), InferenceSparseNet.PredictClass(inputs[row]));
        }
    }

    [Fact]
    public void Baked_weights_are_constant_data_not_an_allocated_array()
    {
        // Construct each once first, so that the measured runs allocate only what a construction allocates.
        _ = new TorchNet();
        _ = new BakedTorchNet();

        long start = GC.GetAllocatedBytesForCurrentThread();
        _ = new TorchNet();
        long seeded = GC.GetAllocatedBytesForCurrentThread() - start;
        start = GC.GetAllocatedBytesForCurrentThread();
        _ = new BakedTorchNet();
        long baked = GC.GetAllocatedBytesForCurrentThread() - start;

        // An array of the baked parameters would cost more than their bytes. Optimised code (Release) allocates exactly
        // the same for both; unoptimised code (Debug) materialises the data's field handle as a small object instead.
        Assert.True(baked - seeded < sizeof(float) * BakedTorchNet.ParameterCount, $"The baked network allocates {baked} bytes, the seeded one {seeded}.");
    }

    [Fact]
    public void Inference_only_prediction_allocates_nothing()
    {
        float[] input = [0.5f, -1f, 2f, 0.25f];
        var output = new float[3];
        InferenceTorchNet.Predict(input, output);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            InferenceTorchNet.Predict(input, output);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Fact]
    public void Baked_network_can_still_be_saved_and_reloaded()
    {
        var baked = new BakedTorchNet();
        using var stream = new MemoryStream();
        baked.Save(stream);

        Assert.Equal(Fixtures.Bytes("torch-4-8-3.weights.json"), stream.ToArray());
    }

    [Fact]
    public void Baked_convolutional_networks_start_from_and_predict_with_the_file_parameters_bit_for_bit()
    {
        ConvNet loaded = ConvNet.Load(Fixtures.Path("conv-2x6x6.weights.json"));
        var baked = new BakedConvNet();
        Assert.Equal(Fixtures.Bits(loaded), Fixtures.Bits(baked));

        const int Rows = 5;
        var random = new Random(3);
        float[] inputs = new float[Rows * ConvNet.InputSize];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = (float)((random.NextDouble() * 2) - 1);
        }

        var fromLoaded = new float[Rows * ConvNet.OutputSize];
        var fromBaked = new float[Rows * ConvNet.OutputSize];
        var fromInference = new float[Rows * ConvNet.OutputSize];
        loaded.PredictBatch(inputs, fromLoaded);
        baked.PredictBatch(inputs, fromBaked);
        InferenceConvNet.PredictBatch(inputs, fromInference);
        Assert.Equal(fromLoaded, fromBaked);
        Assert.Equal(fromLoaded, fromInference);

        var row = new float[ConvNet.OutputSize];
        for (int r = 0; r < Rows; r++)
        {
            InferenceConvNet.Predict(inputs.AsSpan(r * ConvNet.InputSize, ConvNet.InputSize), row);
            Assert.Equal(fromLoaded.AsSpan(r * ConvNet.OutputSize, ConvNet.OutputSize).ToArray(), row);
        }
    }
}
