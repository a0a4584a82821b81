using CompiledNN;

namespace CompiledNN.Samples.FashionMnist;

/// <summary>28×28 grey pixels → 256 → 128 ReLU units → 10 clothing classes, trained with Adam (η = 0.001).</summary>
[Network(Optimizer = Optimizer.Adam, LearningRate = 0.001f)]
[Input(784)]
[Dense(256, Activation.ReLU)]
[Dense(128, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class FashionNet;
