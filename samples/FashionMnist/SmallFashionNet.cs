using CompiledNN;

namespace CompiledNN.Samples.FashionMnist;

/// <summary>28×28 grey pixels → 64 ReLU units → 10 classes: the small network whose trained weights the int8 tests bake.</summary>
[Network(Optimizer = Optimizer.Adam, LearningRate = 0.001f)]
[Input(784)]
[Dense(64, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class SmallFashionNet;
