using CompiledNN;

// Some of these train badly on purpose (MSE on a Softmax output, an Identity hidden layer, stacks of sigmoid/tanh):
// the gradient must be right for every combination the generator accepts, not only the recommended ones.
#pragma warning disable CNN1001, CNN1002, CNN1003

namespace CompiledNN.Tests.Gradients;

// Every hidden activation (all but Softmax and Step) with every loss, and every output activation with every loss it
// accepts, on two hidden layers of odd sizes. Named <hidden 1><hidden 2><output><loss>. A few use the SIMD code
// shape, so both the unrolled and the loop backward passes are checked.

// Mean squared error: every output activation.
[Network(Optimizer = Optimizer.Sgd)]
[Input(3)]
[Dense(5, Activation.Sigmoid)]
[Dense(7, Activation.Tanh)]
[Dense(3, Activation.Identity)]
public partial class SigmoidTanhIdentityMse;

[Network(Loss = Loss.MeanSquaredError)]
[Input(5)]
[Dense(7, Activation.ReLU)]
[Dense(3, Activation.LeakyReLU, Alpha = 0.3f)]
[Dense(3, Activation.Sigmoid)]
public partial class ReLULeakyReLUSigmoidMse;

[Network]
[Input(4)]
[Dense(5, Activation.Softplus)]
[Dense(3, Activation.ELU, Alpha = 0.6f)]
[Dense(3, Activation.Tanh)]
public partial class SoftplusELUTanhMse;

[Network]
[Input(3)]
[Dense(7, Activation.Identity)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.ReLU)]
public partial class IdentityTanhReLUMse;

[Network(CodeShape = CodeShape.Vectorized)]
[Input(5)]
[Dense(9, Activation.ELU)]
[Dense(7, Activation.Sigmoid)]
[Dense(3, Activation.LeakyReLU, Alpha = 0.2f)]
public partial class ELUSigmoidLeakyReLUMse;

[Network]
[Input(3)]
[Dense(5, Activation.LeakyReLU)]
[Dense(5, Activation.Softplus)]
[Dense(3, Activation.Softplus)]
public partial class LeakyReLUSoftplusSoftplusMse;

[Network]
[Input(5)]
[Dense(3, Activation.Tanh)]
[Dense(7, Activation.ReLU)]
[Dense(3, Activation.ELU, Alpha = 1.3f)]
public partial class TanhReLUELUMse;

[Network(Loss = Loss.MeanSquaredError)]
[Input(3)]
[Dense(5, Activation.Softplus)]
[Dense(7, Activation.Identity)]
[Dense(3, Activation.Softmax)]
public partial class SoftplusIdentitySoftmaxMse;

// Cross-entropy (Softmax output): every hidden activation.
[Network]
[Input(5)]
[Dense(7, Activation.Sigmoid)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
public partial class SigmoidTanhSoftmaxCrossEntropy;

[Network]
[Input(3)]
[Dense(5, Activation.ReLU)]
[Dense(7, Activation.LeakyReLU, Alpha = 0.1f)]
[Dense(5, Activation.Softmax)]
public partial class ReLULeakyReLUSoftmaxCrossEntropy;

[Network(CodeShape = CodeShape.Vectorized)]
[Input(7)]
[Dense(9, Activation.Softplus)]
[Dense(5, Activation.ELU)]
[Dense(3, Activation.Softmax)]
public partial class SoftplusELUSoftmaxCrossEntropy;

[Network]
[Input(3)]
[Dense(5, Activation.Identity)]
[Dense(3, Activation.Sigmoid)]
[Dense(3, Activation.Softmax)]
public partial class IdentitySigmoidSoftmaxCrossEntropy;

// Binary cross-entropy (Sigmoid output): every hidden activation.
[Network]
[Input(3)]
[Dense(7, Activation.Tanh)]
[Dense(5, Activation.Sigmoid)]
[Dense(3, Activation.Sigmoid)]
public partial class TanhSigmoidSigmoidBinaryCrossEntropy;

[Network]
[Input(5)]
[Dense(5, Activation.LeakyReLU, Alpha = 0.1f)]
[Dense(3, Activation.ReLU)]
[Dense(1, Activation.Sigmoid)]
public partial class LeakyReLUReLUSigmoidBinaryCrossEntropy;

[Network(CodeShape = CodeShape.Vectorized)]
[Input(5)]
[Dense(7, Activation.ELU, Alpha = 0.8f)]
[Dense(9, Activation.Softplus)]
[Dense(3, Activation.Sigmoid)]
public partial class ELUSoftplusSigmoidBinaryCrossEntropy;

[Network]
[Input(3)]
[Dense(5, Activation.Identity)]
[Dense(3, Activation.Tanh)]
[Dense(3, Activation.Sigmoid)]
public partial class IdentityTanhSigmoidBinaryCrossEntropy;

// The smooth activations (GELU, SiLU, Mish) with every loss, and the robust losses (Huber, L1).
[Network]
[Input(4)]
[Dense(5, Activation.GELU)]
[Dense(7, Activation.SiLU)]
[Dense(3, Activation.Mish)]
public partial class GELUSiLUMishMse;

[Network]
[Input(3)]
[Dense(7, Activation.Mish)]
[Dense(5, Activation.GELU)]
[Dense(3, Activation.SiLU)]
public partial class MishGELUSiLUMse;

[Network(CodeShape = CodeShape.Vectorized)]
[Input(5)]
[Dense(9, Activation.SiLU)]
[Dense(7, Activation.Mish)]
[Dense(3, Activation.GELU)]
public partial class SiLUMishGELUMse;

[Network]
[Input(4)]
[Dense(5, Activation.GELU)]
[Dense(7, Activation.Mish)]
[Dense(3, Activation.Softmax)]
public partial class GELUMishSoftmaxCrossEntropy;

[Network]
[Input(3)]
[Dense(7, Activation.SiLU)]
[Dense(5, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class SiLUReLUSoftmaxCrossEntropy;

[Network]
[Input(5)]
[Dense(3, Activation.Mish)]
[Dense(7, Activation.SiLU)]
[Dense(2, Activation.Sigmoid)]
public partial class MishSiLUSigmoidBce;

[Network]
[Input(4)]
[Dense(7, Activation.GELU)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Sigmoid)]
public partial class GELUTanhSigmoidBce;

[Network(Loss = Loss.Huber, HuberDelta = 0.3f)]
[Input(4)]
[Dense(5, Activation.GELU)]
[Dense(7, Activation.SiLU)]
[Dense(3, Activation.Identity)]
public partial class GELUSiLUIdentityHuber;

[Network(Loss = Loss.Huber, CodeShape = CodeShape.Vectorized)]
[Input(3)]
[Dense(9, Activation.Mish)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Tanh)]
public partial class MishTanhTanhHuber;

[Network(Loss = Loss.L1)]
[Input(5)]
[Dense(7, Activation.SiLU)]
[Dense(5, Activation.GELU)]
[Dense(3, Activation.Identity)]
public partial class SiLUGELUIdentityL1;

[Network(Loss = Loss.L1)]
[Input(3)]
[Dense(5, Activation.Mish)]
[Dense(7, Activation.ELU)]
[Dense(2, Activation.Sigmoid)]
public partial class MishELUSigmoidL1;
