using CompiledNN;

namespace CompiledNN.Tests.Batching;

// Large enough that blocks of rows run on several threads (about 1.5 M multiply-adds per block of 64 rows), with unit
// counts that exercise every vector width and the scalar tail: 100 = 6 × 16 + 4, 37 = 2 × 16 + 4 + 1, 10 = 8 + 2.
[Network(Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
[Input(200)]
[Dense(100, Activation.ReLU)]
[Dense(37, Activation.Tanh)]
[Dense(10, Activation.Softmax)]
public partial class WideClassifier;

// The same shape trained with mean squared error on a sigmoid output, so that the activation gradient of the output
// layer runs too.
[Network(Optimizer = Optimizer.Sgd, LearningRate = 0.05f, Loss = Loss.MeanSquaredError)]
[Input(200)]
[Dense(100, Activation.LeakyReLU)]
[Dense(37, Activation.ReLU)]
[Dense(3, Activation.Sigmoid)]
public partial class WideRegressor;

// Well past the size from which batches use every processor by default: 68 k weights, 4.4 M multiply-adds per block of 64 rows.
[Network(Optimizer = Optimizer.Adam)]
[Input(256)]
[Dense(256, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class ThreadedClassifier;

// A first layer of 313,600 weights (1.25 MB, more than one core's L2 cache), whose units are shared between threads.
[Network(Optimizer = Optimizer.Adam)]
[Input(784)]
[Dense(400, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class SplitLayerClassifier;

// A first layer of 230,400 weights: one row shares its units between threads (four panels of 64 units, two per thread,
// read from a packed copy of the weights); batches share their rows.
[Network(Optimizer = Optimizer.Adam)]
[Input(900)]
[Dense(256, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class RowSplitClassifier;

// 20,110 parameters, two ranges of the optimizer step: on two threads each optimizer steps them in parallel.
[Network(Optimizer = Optimizer.Momentum, WeightDecay = 0.01f)]
[Input(200)]
[Dense(100, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class MomentumClassifier;

[Network(Optimizer = Optimizer.Nesterov)]
[Input(200)]
[Dense(100, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class NesterovClassifier;

[Network(Optimizer = Optimizer.AdaGrad)]
[Input(200)]
[Dense(100, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class AdaGradClassifier;

[Network(Optimizer = Optimizer.RMSProp)]
[Input(200)]
[Dense(100, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class RMSPropClassifier;

[Network(Optimizer = Optimizer.AdamW)]
[Input(200)]
[Dense(100, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class AdamWClassifier;

// 784-512-512-10, 669,706 parameters: both hidden layers share their units between threads from packed weights, which
// predictions that overlap a training step may pack while the step changes the parameters.
[Network(Optimizer = Optimizer.Adam)]
[Input(784)]
[Dense(512, Activation.ReLU)]
[Dense(512, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class PackedDuringTrainingClassifier;
