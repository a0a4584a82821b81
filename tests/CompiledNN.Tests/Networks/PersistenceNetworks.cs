using CompiledNN;

namespace CompiledNN.Tests.Networks;

/// <summary>The architecture of the PyTorch fixture <c>nn.Sequential(Linear(4, 8), Tanh(), Linear(8, 3), Softmax(dim=1))</c>.</summary>
[Network]
[Input(4)]
[Dense(8, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
public partial class TorchNet;

/// <summary>The same network with the fixture's weights baked in; still trainable and savable.</summary>
[Network]
[Input(4)]
[Dense(8, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Weights("Fixtures/torch-4-8-3.weights.json")]
public partial class BakedTorchNet;

/// <summary>The same network, inference only: static prediction over the baked weights.</summary>
[Network]
[Input(4)]
[Dense(8, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Weights("torch-4-8-3.weights.json", InferenceOnly = true)]
public partial class InferenceTorchNet;

/// <summary>The architecture of the fixture <c>Linear(40, 32), ReLU(), Linear(32, 4), Softmax(dim=1)</c>, whose first layer is too large to unroll.</summary>
[Network]
[Input(40)]
[Dense(32, Activation.ReLU)]
[Dense(4, Activation.Softmax)]
public partial class WideTorchNet;

/// <summary>The wide network inference only: its first layer is too large to unroll.</summary>
[Network]
[Input(40)]
[Dense(32, Activation.ReLU)]
[Dense(4, Activation.Softmax)]
[Weights("Fixtures/torch-40-32-4.weights.json", InferenceOnly = true)]
public partial class InferenceWideTorchNet;

/// <summary>A network with a LeakyReLU slope, so that files record alpha.</summary>
[Network]
[Input(3)]
[Dense(5, Activation.LeakyReLU, Alpha = 0.2f)]
[Dense(2, Activation.Sigmoid)]
public partial class LeakyNet;

/// <summary>The architecture of the fixture with zero weights, <c>Linear(2, 3), ReLU(), Linear(3, 1), Sigmoid()</c>.</summary>
[Network]
[Input(2)]
[Dense(3, Activation.ReLU)]
[Dense(1, Activation.Sigmoid)]
public partial class SparseNet;

/// <summary>The sparse network inference only, with zero weights.</summary>
[Network]
[Input(2)]
[Dense(3, Activation.ReLU)]
[Dense(1, Activation.Sigmoid)]
[Weights("Fixtures/torch-2-3-1.weights.json", InferenceOnly = true)]
public partial class InferenceSparseNet;

/// <summary>A network large enough that its forward pass packs its first layer's weights and shares them between threads.</summary>
[Network]
[Input(256)]
[Dense(256, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class LargeNet;

/// <summary>The large network inference only, with the weights of Fixtures/make_baked_fixture.py.</summary>
[Network]
[Input(256)]
[Dense(256, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
[Weights("Fixtures/baked-256-256-10.weights.json", InferenceOnly = true)]
public partial class InferenceLargeNet;

/// <summary>A convolutional network, trainable: the architecture of <c>Fixtures/conv-2x6x6.weights.json</c>.</summary>
[Network]
[Input(2, 6, 6)]
[Conv2D(3, 3, Activation.ReLU, Padding = 1)]
[MaxPool2D(2)]
[Conv2D(4, 2, Activation.Tanh)]
[Flatten]
[Dense(3, Activation.Softmax)]
public partial class ConvNet;

/// <summary>The convolutional network with the file's weights baked in, trainable.</summary>
[Network]
[Input(2, 6, 6)]
[Conv2D(3, 3, Activation.ReLU, Padding = 1)]
[MaxPool2D(2)]
[Conv2D(4, 2, Activation.Tanh)]
[Flatten]
[Dense(3, Activation.Softmax)]
[Weights("Fixtures/conv-2x6x6.weights.json")]
public partial class BakedConvNet;

/// <summary>The convolutional network with the file's weights baked in, inference only.</summary>
[Network]
[Input(2, 6, 6)]
[Conv2D(3, 3, Activation.ReLU, Padding = 1)]
[MaxPool2D(2)]
[Conv2D(4, 2, Activation.Tanh)]
[Flatten]
[Dense(3, Activation.Softmax)]
[Weights("Fixtures/conv-2x6x6.weights.json", InferenceOnly = true)]
public partial class InferenceConvNet;
