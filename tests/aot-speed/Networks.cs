using CompiledNN;

namespace AotSpeed;

/// <summary>The MNIST-sized peer network: the matrix kernels. The small network is aot-smoke's <c>IrisNet</c>.</summary>
[Network]
[Input(784)]
[Dense(256, Activation.ReLU)]
[Dense(128, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class Large;
