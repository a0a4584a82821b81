using CompiledNN;

namespace CompiledNN.Tests.NativeExport;

/// <summary>A trainable network exported as C functions, to call them in-process.</summary>
[Network(Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
[Input(3)]
[Dense(5, Activation.Tanh)]
[Dense(2, Activation.Softmax)]
[NativeExport("native_test")]
public sealed partial class NativeTestNet;

/// <summary>A second network type, whose handles the first must not accept.</summary>
[Network]
[Input(2)]
[Dense(1, Activation.Sigmoid)]
[NativeExport("other_test")]
public sealed partial class OtherNativeTestNet;
