using CompiledNN;
using CompiledNN.Tests.Helpers;

namespace CompiledNN.Tests.Training;

// XOR, the classic problem a single layer cannot solve: 2 inputs, one hidden layer, one sigmoid output trained on
// binary cross-entropy.
[Network(Optimizer = Optimizer.Adam, LearningRate = 0.05f)]
[Input(2)]
[Dense(4, Activation.Tanh)]
[Dense(1, Activation.Sigmoid)]
public partial class XorTanhNet;

[Network(Optimizer = Optimizer.Adam, LearningRate = 0.02f)]
[Input(2)]
[Dense(8, Activation.ReLU)]
[Dense(1, Activation.Sigmoid)]
public partial class XorReLUNet;

// Softmax regression: one layer is a linear classifier, enough for linearly separable classes.
[Network(Optimizer = Optimizer.Momentum, LearningRate = 0.1f)]
[Input(2)]
[Dense(3, Activation.Softmax)]
public partial class LinearClassifierNet;

// Sizes chosen so that messages naming them are unambiguous: 7 input features, 5 classes.
[Network(Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
[Input(7)]
[Dense(9, Activation.ReLU)]
[Dense(6, Activation.Tanh)]
[Dense(5, Activation.Softmax)]
public partial class ClassifierNet : IClassIndexTraining;

[Network(Optimizer = Optimizer.Sgd, LearningRate = 0.05f)]
[Input(7)]
[Dense(9, Activation.Tanh)]
[Dense(6, Activation.ELU)]
[Dense(5, Activation.Identity)]
public partial class RegressionNet;

// One input, no hidden layer: the weights are the logits of input 1, so tests can set them to extremes.
[Network(Optimizer = Optimizer.Sgd)]
[Input(1)]
[Dense(3, Activation.Softmax)]
public partial class LogitsSoftmaxNet : IClassIndexTraining;

[Network(Optimizer = Optimizer.Sgd)]
[Input(1)]
[Dense(2, Activation.Sigmoid)]
public partial class LogitsSigmoidNet;
