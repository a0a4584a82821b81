using CompiledNN;
using CompiledNN.Tests.Helpers;

// Parity covers combinations that train badly on purpose (MSE on a Softmax output, a hidden layer narrower than the
// classes for the SIMD widths): the numbers must match PyTorch for everything the generator accepts.
#pragma warning disable CNN1001, CNN1010

namespace CompiledNN.Tests.Parity;

// The networks of make_fixtures.py's NETWORKS table, declared with exactly the same layers and options (only the
// options set there are set here). ParityTests checks by reflection that the two declarations agree, so a change
// on one side without the other fails instead of comparing different networks. Each class is named after its
// fixture with "Net" appended.

[Network(Optimizer = Optimizer.Sgd, LearningRate = 0.05f)]
[Input(5)]
[Dense(7, Activation.Tanh)]
[Dense(3, Activation.Sigmoid)]
[Dense(2, Activation.Identity)]
public partial class SgdMseNet;

[Network(Optimizer = Optimizer.Sgd, LearningRate = 0.1f, WeightDecay = 0.1f)]
[Input(4)]
[Dense(5, Activation.ELU, Alpha = 1.5f)]
[Dense(3, Activation.ReLU)]
[Dense(2, Activation.Identity)]
public partial class SgdWeightDecayMseNet;

[Network(Optimizer = Optimizer.Momentum, LearningRate = 0.03f, Momentum = 0.8f, WeightDecay = 0.02f)]
[Input(3)]
[Dense(9, Activation.LeakyReLU, Alpha = 0.2f)]
[Dense(5, Activation.Softplus)]
[Dense(3, Activation.Sigmoid)]
public partial class MomentumBceNet;

[Network(Optimizer = Optimizer.Nesterov, LearningRate = 0.02f, WeightDecay = 0.01f)]
[Input(6)]
[Dense(5, Activation.ELU, Alpha = 0.7f)]
[Dense(7, Activation.ReLU)]
[Dense(4, Activation.Softmax)]
public partial class NesterovCrossEntropyNet : IClassIndexTraining;

// MSE on a Softmax output trains worse than cross-entropy (CNN1001), but it is a supported combination whose
// gradient (through the softmax Jacobian) must still match PyTorch's.
#pragma warning disable CNN1001
[Network(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.AdaGrad, LearningRate = 0.05f)]
#pragma warning restore CNN1001
[Input(4)]
[Dense(7, Activation.Sigmoid)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
public partial class AdaGradSoftmaxMseNet : IClassIndexTraining;

[Network(Optimizer = Optimizer.AdaGrad, WeightDecay = 0.03f, Epsilon = 1e-6f)]
[Input(5)]
[Dense(6, Activation.Softplus)]
[Dense(4, Activation.ELU)]
[Dense(1, Activation.Sigmoid)]
public partial class AdaGradWeightDecayBceNet;

[Network(Optimizer = Optimizer.RMSProp, LearningRate = 0.01f, Rho = 0.9f, Epsilon = 1e-6f, WeightDecay = 0.01f)]
[Input(7)]
[Dense(3, Activation.Softplus)]
[Dense(5, Activation.LeakyReLU)]
[Dense(1, Activation.Tanh)]
public partial class RmsPropTanhMseNet;

[Network(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.RMSProp)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(6, Activation.ReLU)]
[Dense(3, Activation.Sigmoid)]
public partial class RmsPropSigmoidMseNet;

[Network(Optimizer = Optimizer.Adam, LearningRate = 0.01f, Beta1 = 0.8f, Beta2 = 0.99f, WeightDecay = 0.05f)]
[Input(5)]
[Dense(11, Activation.ReLU)]
[Dense(6, Activation.ELU)]
[Dense(3, Activation.Softmax)]
public partial class AdamWeightDecayCrossEntropyNet : IClassIndexTraining;

[Network]
[Input(2)]
[Dense(3, Activation.Tanh)]
[Dense(3, Activation.Sigmoid)]
[Dense(2, Activation.Softmax)]
public partial class AdamDefaultsNet : IClassIndexTraining;

[Network(Optimizer = Optimizer.AdamW, LearningRate = 0.01f, Beta2 = 0.95f)]
[Input(3)]
[Dense(8, Activation.Tanh)]
[Dense(5, Activation.Sigmoid)]
[Dense(2, Activation.Sigmoid)]
public partial class AdamWBceNet;

[Network(Optimizer = Optimizer.AdamW, LearningRate = 0.005f, WeightDecay = 0.1f, Epsilon = 1e-7f, CodeShape = CodeShape.Vectorized)]
[Input(9)]
[Dense(13, Activation.LeakyReLU, Alpha = 0.05f)]
[Dense(11, Activation.Softplus)]
[Dense(5, Activation.Identity)]
public partial class AdamWDecayVectorizedNet;

// The first layer of each Large network has more weights than the unroll threshold, so it is written as SIMD loops.
[Network(Optimizer = Optimizer.Momentum, LearningRate = 0.05f)]
[Input(33)]
[Dense(32, Activation.ReLU)]
[Dense(7, Activation.Tanh)]
[Dense(5, Activation.Softmax)]
public partial class LargeMomentumCrossEntropyNet : IClassIndexTraining;

[Network(Optimizer = Optimizer.Adam, LearningRate = 0.003f)]
[Input(35)]
[Dense(31, Activation.ELU)]
[Dense(9, Activation.Sigmoid)]
[Dense(3, Activation.Identity)]
public partial class LargeAdamMseNet;

// Three hidden layers on and just off SIMD widths (8, 16, 32), a batch of 33 rows, ten classes.
[Network(Optimizer = Optimizer.RMSProp, LearningRate = 0.005f, CodeShape = CodeShape.Vectorized)]
[Input(16)]
[Dense(8, Activation.ReLU)]
[Dense(17, Activation.Tanh)]
[Dense(32, Activation.Softplus)]
[Dense(10, Activation.Softmax)]
public partial class DeepRmsPropVectorizedNet : IClassIndexTraining;

[Network(Optimizer = Optimizer.Nesterov, LearningRate = 0.01f, Momentum = 0.95f)]
[Input(1)]
[Dense(16, Activation.ELU, Alpha = 0.3f)]
[Dense(8, Activation.LeakyReLU, Alpha = 0.02f)]
[Dense(1, Activation.Identity)]
public partial class SingleInputNesterovNet;

// The second hidden layer (1,600 weights) is above the unroll threshold, so Auto writes it as SIMD loops.
[Network(Optimizer = Optimizer.AdaGrad, LearningRate = 0.02f, WeightDecay = 0.001f)]
[Input(12)]
[Dense(40, Activation.Softplus)]
[Dense(40, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class WideAdaGradCrossEntropyNet : IClassIndexTraining;

// No hidden layer and one hidden layer, with every option of the optimizer left at its default.
[Network(Optimizer = Optimizer.Sgd)]
[Input(6)]
[Dense(4, Activation.Softmax)]
public partial class NoHiddenLayerSgdDefaultsNet : IClassIndexTraining;

[Network(Optimizer = Optimizer.AdamW)]
[Input(3)]
[Dense(5, Activation.Sigmoid)]
[Dense(2, Activation.Sigmoid)]
public partial class OneHiddenLayerAdamWDefaultsNet;

// Inputs scaled up (in the fixture): logits far from 0, where only a stable log-sum-exp / log-sigmoid stays finite,
// and Softplus pre-activations above 20, where PyTorch returns the input itself.
[Network(Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
[Input(4)]
[Dense(5, Activation.Softplus)]
[Dense(5, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class SaturatedSoftplusCrossEntropyNet : IClassIndexTraining;

[Network(Optimizer = Optimizer.Momentum, LearningRate = 0.001f)]
[Input(3)]
[Dense(7, Activation.LeakyReLU)]
[Dense(5, Activation.ELU)]
[Dense(2, Activation.Sigmoid)]
public partial class SaturatedLeakyReLUBceNet;

[Network(Loss = Loss.Huber, HuberDelta = 0.5f, Optimizer = Optimizer.Sgd, LearningRate = 0.1f, ClipGradientNorm = 0.05f)]
[Input(5)]
[Dense(9, Activation.GELU)]
[Dense(6, Activation.SiLU)]
[Dense(2, Activation.Identity)]
public partial class SgdClippedHuberGeluNet;

[Network(Loss = Loss.L1, Optimizer = Optimizer.Adam, LearningRate = 0.01f, WeightDecay = 0.01f, ClipGradientNorm = 0.1f)]
[Input(6)]
[Dense(12, Activation.Mish)]
[Dense(7, Activation.GELU)]
[Dense(3, Activation.Identity)]
public partial class AdamClippedL1MishNet;

[Network(Loss = Loss.Huber, Optimizer = Optimizer.Momentum, LearningRate = 0.02f, WeightDecay = 0.01f, ClipGradientNorm = 0.2f, CodeShape = CodeShape.Vectorized)]
[Input(20)]
[Dense(33, Activation.SiLU)]
[Dense(17, Activation.Mish)]
[Dense(4, Activation.Identity)]
public partial class MomentumHuberSiLUVectorizedNet;

[Network(Optimizer = Optimizer.Sgd, LearningRate = 0.1f, ClipGradientNorm = 0.3f)]
[Input(40)]
[Dense(48, Activation.GELU)]
[Dense(10, Activation.Softmax)]
public partial class LargeGeluSgdClippedCrossEntropyNet : IClassIndexTraining;

[Network(Loss = Loss.L1, Optimizer = Optimizer.Nesterov, LearningRate = 0.001f)]
[Input(3)]
[Dense(6, Activation.GELU)]
[Dense(6, Activation.Mish)]
[Dense(5, Activation.SiLU)]
[Dense(2, Activation.Identity)]
public partial class SaturatedSmoothActivationsL1Net;
// Dropout at rate 0 on the inputs and after the first hidden layer: in PyTorch's train() mode the identity, so every
// training number must match; the masks at other rates are checked by DropoutTests.
[Network(Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
[Input(5)]
[Dropout(0f)]
[Dense(8, Activation.ReLU)]
[Dropout(0f)]
[Dense(6, Activation.Tanh)]
[Dense(3, Activation.Identity)]
public partial class DropoutAdamMseNet;

// Two blocks of rows (70 > 64), so a block's first row is not row 0.
[Network(Optimizer = Optimizer.Momentum, LearningRate = 0.05f, CodeShape = CodeShape.Vectorized)]
[Input(12)]
[Dense(24, Activation.ReLU)]
[Dropout(0f)]
[Dense(9, Activation.Sigmoid)]
[Dropout(0f)]
[Dense(4, Activation.Softmax)]
public partial class DropoutMomentumCrossEntropyVectorizedNet : IClassIndexTraining;
