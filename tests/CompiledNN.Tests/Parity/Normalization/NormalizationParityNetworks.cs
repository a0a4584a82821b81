using CompiledNN;

namespace CompiledNN.Tests.Parity.Normalization;

// The networks of make_norm_fixtures.py's NETWORKS table, declared with exactly the same layers and options. Each class
// is named after its fixture with "Net" appended.

[Network(Optimizer = Optimizer.Sgd, LearningRate = 0.05f)]
[Input(5)]
[Dense(8)]
[BatchNorm(Activation.ReLU)]
[Dense(3)]
public partial class DenseBatchNormSgdMseNet;

[Network(Optimizer = Optimizer.Adam, LearningRate = 0.01f, Epsilon = 1e-3f)]
[Input(5)]
[Dense(8)]
[BatchNorm(Activation.ReLU, Momentum = 0.25f, Epsilon = 1e-3f)]
[Dense(3)]
public partial class DenseBatchNormAdamMseNet;

[Network(Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
[Input(6)]
[Dense(10)]
[LayerNorm(Activation.GELU)]
[Dense(4, Activation.Softmax)]
public partial class DenseLayerNormGeluAdamCrossEntropyNet;

[Network(Optimizer = Optimizer.Momentum, LearningRate = 0.03f)]
[Input(2, 8, 8)]
[Conv2D(4, 3)]
[BatchNorm(Activation.ReLU)]
[MaxPool2D(2)]
[Dense(3, Activation.Softmax)]
public partial class ImageBatchNormMaxPoolMomentumCrossEntropyNet;

[Network(Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
[Input(3, 12)]
[Conv1D(4, 3, Activation.Tanh)]
[BatchNorm]
[Dense(2)]
public partial class SignalBatchNormAdamMseNet;
