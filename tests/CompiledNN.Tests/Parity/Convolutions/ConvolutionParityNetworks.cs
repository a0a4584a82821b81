using CompiledNN;

namespace CompiledNN.Tests.Parity.Convolutions;

// The networks of make_conv_fixtures.py's NETWORKS table, declared with exactly the same layers and options. Each class
// is named after its fixture with "Net" appended.

[Network(Optimizer = Optimizer.Sgd, LearningRate = 0.05f)]
[Input(2, 9, 9)]
[Conv2D(4, 3, Activation.ReLU, Stride = 2, Padding = 1)]
[MaxPool2D(2)]
[Flatten]
[Dense(3, Activation.Softmax)]
public partial class ImageSgdCrossEntropyNet;

[Network(Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
[Input(3, 20)]
[Conv1D(5, 3, Activation.Tanh, Dilation = 2, Padding = 2)]
[AvgPool1D(2)]
[Conv1D(4, 3, Activation.ELU, Stride = 2)]
[GlobalAvgPool]
[Dense(2)]
public partial class SignalAdamMseNet;

[Network(Optimizer = Optimizer.Momentum, LearningRate = 0.03f)]
[Input(1, 8, 8)]
[Conv2D(3, 3, Activation.LeakyReLU, Dilation = 2, Alpha = 0.1f)]
[AvgPool2D(2, Stride = 1)]
[Dense(4, Activation.Sigmoid)]
public partial class DilatedImageMomentumBceNet;

[Network(Optimizer = Optimizer.RMSProp, LearningRate = 0.005f)]
[Input(2, 16)]
[Conv1D(3, 4, Activation.ReLU)]
[MaxPool1D(3, Stride = 2)]
[Flatten]
[Dense(5, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class OverlappingMaxPoolRmsPropNet;

[Network(Optimizer = Optimizer.AdamW, LearningRate = 0.01f)]
[Input(3, 10, 10)]
[Conv2D(6, 3, Activation.ReLU, Padding = 1)]
[MaxPool2D(2)]
[Conv2D(8, 3, Activation.GELU)]
[GlobalAvgPool]
[Dense(4, Activation.Softmax)]
public partial class TwoConvAdamWCrossEntropyNet;
