using System;
using CompiledNN.Tests.Helpers;
using CompiledNN.Tests.Networks;
using CompiledNN.Tests.Persistence;
using Xunit;

namespace CompiledNN.Tests.OnnxModels;

/// <summary>ONNX files compiled in by <c>[OnnxModel]</c> predict what PyTorch (or numpy, for the hand-built graph) computed.</summary>
public sealed class OnnxImportTests
{
    private const double Tolerance = 1e-5;

    private static void AgreesWithReference(string fixture, Action<float[], float[]> predict)
    {
        (float[][] inputs, float[][] expected) = Fixtures.Expected("Onnx/" + fixture);
        Assert.NotEmpty(inputs);
        for (int row = 0; row < inputs.Length; row++)
        {
            var output = new float[expected[row].Length];
            predict(inputs[row], output);
            Compare.AllClose(expected[row], output, Tolerance, $"{fixture}, row {row}");
        }
    }

    [Fact]
    public void Gemm_ReLU_Tanh_stack_at_opset_13_agrees_with_PyTorch()
    {
        var network = new OnnxMlp();
        AgreesWithReference("mlp-4-16-16-3", (input, output) => network.Predict(input, output));
        AgreesWithReference("mlp-4-16-16-3", (input, output) => InferenceOnnxMlp.Predict(input, output));
    }

    [Fact]
    public void Batch_norms_before_and_after_activations_and_dropout_at_opset_11_agree_with_PyTorch_eval()
    {
        var network = new OnnxBatchNormNet();
        AgreesWithReference("bn-dropout-6-12-8-2", (input, output) => network.Predict(input, output));
    }

    [Fact]
    public void Flatten_Softplus_ELU_Softmax_at_opset_17_agree_with_PyTorch()
    {
        AgreesWithReference("flatten-softmax-2x3-10-10-4", (input, output) => OnnxSoftmaxNet.Predict(input, output));
    }

    [Fact]
    public void MatMul_and_Add_at_opset_9_agree_with_PyTorch()
    {
        var network = new OnnxMatMulNet();
        AgreesWithReference("matmul-add-5-7-3", (input, output) => network.Predict(input, output));
    }

    [Fact]
    public void Reshape_Gemm_alpha_beta_Dropout_and_Identity_agree_with_numpy()
    {
        AgreesWithReference("ops-reshape-dropout-3x2-5-4", (input, output) => OnnxOpsNet.Predict(input, output));
    }

    [Fact]
    public void GELU_SiLU_and_Mish_written_out_at_opset_13_agree_with_PyTorch()
    {
        var network = new OnnxSmoothNet();
        AgreesWithReference("gelu-silu-mish-6-12-10-8-3", (input, output) => network.Predict(input, output));
        Assert.Equal("6-12-10-8-3", OnnxSmoothNet.Architecture.Shape);
        Assert.Equal([Activation.GELU, Activation.SiLU, Activation.Mish, Activation.Identity], System.Linq.Enumerable.Select(OnnxSmoothNet.Architecture.Layers, static l => l.Activation));
    }

    [Fact]
    public void Transposed_weights_at_opset_18_agree_with_numpy()
    {
        var network = new OnnxTransposeNet();
        AgreesWithReference("transpose-matmul-4-5-2", (input, output) => network.Predict(input, output));
    }

    [Fact]
    public void Imported_network_has_the_file_architecture_and_the_declared_training_options()
    {
        Assert.Equal(6, OnnxBatchNormNet.InputSize);
        Assert.Equal(2, OnnxBatchNormNet.OutputSize);
        Assert.Equal("6-12-8-2", OnnxBatchNormNet.Architecture.Shape);
        Assert.Equal((6 * 12) + 12 + (12 * 8) + 8 + (8 * 2) + 2, OnnxBatchNormNet.ParameterCount);
        Assert.Equal(6, OnnxSoftmaxNet.InputSize);
        Assert.Equal(4, OnnxSoftmaxNet.OutputSize);
    }

    [Fact]
    public void Trainable_import_fine_tunes_from_the_file_weights()
    {
        var network = new OnnxMlp();
        var before = Fixtures.Parameters(network);
        float[] input = [0.5f, -1f, 0.25f, 2f];
        float[] target = [1f, 0f, -1f];
        float first = network.ComputeLoss(input, target);
        for (int step = 0; step < 50; step++)
        {
            network.TrainStep(input, target);
        }

        Assert.True(network.ComputeLoss(input, target) < first);
        Assert.Equal(before, Fixtures.Parameters(new OnnxMlp()));
    }
}
