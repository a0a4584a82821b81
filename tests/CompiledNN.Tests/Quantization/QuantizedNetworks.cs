using CompiledNN;

namespace CompiledNN.Tests.Quantization;

/// <summary>784-64-10 trained on Fashion-MNIST by samples/FashionMnist (<c>--small --epochs 10 --save</c>), baked as int8.</summary>
[Network]
[Input(784)]
[Dense(64, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
[Weights("fashion-784-64-10.weights.json", InferenceOnly = true, Quantization = CompiledNN.Quantization.Int8)]
public partial class FashionInt8Net;

/// <summary>The same weights baked as float32.</summary>
[Network]
[Input(784)]
[Dense(64, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
[Weights("fashion-784-64-10.weights.json", InferenceOnly = true)]
public partial class FashionFloatNet;

/// <summary>The same network exported by PyTorch to ONNX (Fixtures/Onnx/make_fashion_onnx.py), imported as int8.</summary>
[OnnxModel("fashion-784-64-10.onnx", InferenceOnly = true, Quantization = CompiledNN.Quantization.Int8)]
public partial class FashionOnnxInt8Net;

/// <summary>The ONNX export imported as float32.</summary>
[OnnxModel("fashion-784-64-10.onnx", InferenceOnly = true)]
public partial class FashionOnnxFloatNet;
