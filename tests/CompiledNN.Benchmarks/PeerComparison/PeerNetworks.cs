using CompiledNN;

namespace CompiledNN.Benchmarks.PeerComparison;

// The four shapes of the peer comparison, ReLU hidden layers and a softmax output trained with Adam (learning rate
// 0.001, as torch.optim.Adam's default), exactly the networks export_onnx.py builds in PyTorch.
[Network(Optimizer = Optimizer.Adam)]
[Input(4)]
[Dense(16, Activation.ReLU)]
[Dense(16, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class Peer4x16x16x3;

[Network(Optimizer = Optimizer.Adam)]
[Input(64)]
[Dense(32, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class Peer64x32x10;

[Network(Optimizer = Optimizer.Adam)]
[Input(784)]
[Dense(128, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class Peer784x128x10;

[Network(Optimizer = Optimizer.Adam)]
[Input(784)]
[Dense(256, Activation.ReLU)]
[Dense(128, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class Peer784x256x128x10;
