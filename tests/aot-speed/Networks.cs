using CompiledNN;

namespace AotSpeed;

/// <summary>The MNIST-sized peer network: the matrix kernels. The small network is aot-smoke's <c>IrisNet</c>.</summary>
[Network]
[Input(784)]
[Dense(256, Activation.ReLU)]
[Dense(128, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class Large;

/// <summary>784-64-10 trained on Fashion-MNIST, trainable and starting from the baked file.</summary>
[Network]
[Input(784)]
[Dense(64, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
[Weights("fashion-784-64-10.weights.json")]
public partial class Fashion;

/// <summary>The same file baked for inference only: static members, the trainable network's forward pass and bits.</summary>
[Network]
[Input(784)]
[Dense(64, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
[Weights("fashion-784-64-10.weights.json", InferenceOnly = true)]
public partial class BakedFashion;
