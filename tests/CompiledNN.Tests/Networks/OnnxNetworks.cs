using CompiledNN;

namespace CompiledNN.Tests.Networks;

/// <summary>PyTorch's <c>Linear(4, 16), ReLU, Linear(16, 16), Tanh, Linear(16, 3)</c>, exported at opset 13; trainable.</summary>
[OnnxModel("Fixtures/Onnx/mlp-4-16-16-3.onnx")]
public partial class OnnxMlp;

/// <summary>The same file, inference only.</summary>
[OnnxModel("mlp-4-16-16-3.onnx", InferenceOnly = true)]
public partial class InferenceOnnxMlp;

/// <summary>Linear, BatchNorm1d, ReLU, Dropout, Linear, LeakyReLU(0.2), BatchNorm1d, Linear, Sigmoid at opset 11, with SGD options.</summary>
[Network(Optimizer = Optimizer.Sgd, LearningRate = 0.05f)]
[OnnxModel("bn-dropout-6-12-8-2.onnx")]
public partial class OnnxBatchNormNet;

/// <summary>Flatten of a [N, 2, 3] input, Linear, Softplus, Linear, ELU, Linear, Softmax at opset 17, inference only.</summary>
[OnnxModel("flatten-softmax-2x3-10-10-4.onnx", InferenceOnly = true)]
public partial class OnnxSoftmaxNet;

/// <summary><c>tanh(x @ W1 + b1) @ W2 + b2</c> at opset 9: MatMul and Add.</summary>
[OnnxModel("matmul-add-5-7-3.onnx")]
public partial class OnnxMatMulNet;

/// <summary>A Constant shape, Reshape, Gemm with alpha and beta, Dropout, Identity, Gemm, Softmax at opset 14.</summary>
[OnnxModel("ops-reshape-dropout-3x2-5-4.onnx", InferenceOnly = true)]
public partial class OnnxOpsNet;

/// <summary>Every activation the ONNX export writes, for the export tests.</summary>
[Network]
[Input(5)]
[Dense(9, Activation.LeakyReLU, Alpha = 0.1f)]
[Dense(8, Activation.ELU, Alpha = 0.7f)]
[Dense(7, Activation.Softplus)]
[Dense(6, Activation.Tanh)]
[Dense(5, Activation.Sigmoid)]
[Dense(6, Activation.ReLU)]
[Dense(4, Activation.Softmax)]
public partial class ExportNet;

/// <summary>A network whose output is linear, so that the exported graph ends at a Gemm.</summary>
[Network]
[Input(3)]
[Dense(4, Activation.ReLU)]
[Dense(2)]
public partial class LinearOutputExportNet;

/// <summary>MatMul over the Transpose of a weight, Add, Tanh, then again with Sigmoid, at opset 18.</summary>
[OnnxModel("transpose-matmul-4-5-2.onnx")]
public partial class OnnxTransposeNet;

/// <summary>Linear, GELU, Linear, SiLU, Linear, Mish, Linear as torch 1.13 exports them at opset 13 (out of Erf, Sigmoid, Tanh, Softplus and Mul).</summary>
[OnnxModel("gelu-silu-mish-6-12-10-8-3.onnx")]
public partial class OnnxSmoothNet;

/// <summary>GELU, SiLU and Mish, each also as the output activation, for the export tests.</summary>
[Network]
[Input(5)]
[Dense(9, Activation.GELU)]
[Dense(8, Activation.SiLU)]
[Dense(7, Activation.Mish)]
[Dense(6, Activation.GELU)]
[Dense(4, Activation.SiLU)]
public partial class SmoothExportNet;

/// <summary>A network ending in a Mish, for the export tests.</summary>
[Network]
[Input(4)]
[Dense(6, Activation.Tanh)]
[Dense(3, Activation.Mish)]
public partial class MishOutputExportNet;
