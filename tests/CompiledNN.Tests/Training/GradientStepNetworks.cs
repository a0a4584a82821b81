using CompiledNN;

namespace CompiledNN.Tests.Training;

// One small network per optimizer, weight decay on where the optimizer adds it to the gradient: ApplyGradient must take
// TrainBatch's step for each.
[Network(Optimizer = Optimizer.Sgd, WeightDecay = 0.01f)]
[Input(4)]
[Dense(8, Activation.Tanh)]
[Dense(3, Activation.Identity)]
public partial class SgdDecayStepNet;

[Network(Optimizer = Optimizer.Momentum, WeightDecay = 0.01f)]
[Input(4)]
[Dense(8, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class MomentumDecayStepNet;

[Network(Optimizer = Optimizer.Nesterov)]
[Input(4)]
[Dense(8, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class NesterovStepNet;

[Network(Optimizer = Optimizer.AdaGrad)]
[Input(4)]
[Dense(8, Activation.ReLU)]
[Dense(2, Activation.Sigmoid)]
public partial class AdaGradStepNet;

[Network(Optimizer = Optimizer.RMSProp)]
[Input(4)]
[Dense(8, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class RMSPropStepNet;

[Network(Optimizer = Optimizer.Adam, WeightDecay = 0.01f)]
[Input(4)]
[Dense(8, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class AdamDecayStepNet;

[Network(Optimizer = Optimizer.AdamW)]
[Input(4)]
[Dense(8, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class AdamWStepNet;

// Clipped far below the gradients of the batches of ApplyGradientTests, so every step is clipped.
[Network(Optimizer = Optimizer.Sgd, Loss = Loss.Huber, WeightDecay = 0.01f, ClipGradientNorm = 0.01f)]
[Input(4)]
[Dense(6, Activation.GELU)]
[Dense(2, Activation.Sigmoid)]
public partial class SgdClippedStepNet;

[Network(Optimizer = Optimizer.Adam, Loss = Loss.L1, WeightDecay = 0.01f, ClipGradientNorm = 0.01f)]
[Input(4)]
[Dense(6, Activation.Mish)]
[Dense(2, Activation.SiLU)]
public partial class AdamClippedStepNet;
