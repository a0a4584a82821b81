using CompiledNN;

namespace CompiledNN.Samples.FashionMnistCnn;

/// <summary>
/// 1×28×28 grey pixels → two 3×3 convolutions (same padding, ReLU), each followed by 2×2 max pooling → 128 ReLU units →
/// dropout → 10 clothing classes, trained with Adam (η = 0.001).
/// </summary>
[Network(Optimizer = Optimizer.Adam, LearningRate = 0.001f)]
[Input(1, 28, 28)]
[Conv2D(16, 3, Activation.ReLU, Padding = 1)]
[MaxPool2D(2)]
[Conv2D(32, 3, Activation.ReLU, Padding = 1)]
[MaxPool2D(2)]
[Dense(128, Activation.ReLU)]
[Dropout(0.25f)]
[Dense(10, Activation.Softmax)]
public partial class FashionCnn;
