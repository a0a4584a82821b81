using CompiledNN;

namespace AotSpeed;

/// <summary>Small layers: straight-line code.</summary>
[Network]
[Input(4)]
[Dense(16, Activation.ReLU)]
[Dense(16, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class Small;

/// <summary>The MNIST-sized peer network: the matrix kernels.</summary>
[Network]
[Input(784)]
[Dense(256, Activation.ReLU)]
[Dense(128, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class Large;
