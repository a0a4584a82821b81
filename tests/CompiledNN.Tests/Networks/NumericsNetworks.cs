using CompiledNN;

// Networks whose generated forward pass the numerics tests compare with an independent reference.
// Each activation appears in an Unrolled and a Vectorized network of the same shape. 37 inputs are not a multiple of
// any vector width, so the vectorized dot products run their SIMD body and their scalar tail.
namespace CompiledNN.Tests.Networks;

[Network(CodeShape = CodeShape.Unrolled)]
[Input(37)]
[Dense(19, Activation.Tanh)]
[Dense(5, Activation.Identity)]
public partial class IdentityUnrolledNet;

[Network(CodeShape = CodeShape.Vectorized)]
[Input(37)]
[Dense(19, Activation.Tanh)]
[Dense(5, Activation.Identity)]
public partial class IdentityVectorizedNet;

[Network(CodeShape = CodeShape.Unrolled)]
[Input(37)]
[Dense(19, Activation.Sigmoid)]
[Dense(5, Activation.Sigmoid)]
public partial class SigmoidUnrolledNet;

[Network(CodeShape = CodeShape.Vectorized)]
[Input(37)]
[Dense(19, Activation.Sigmoid)]
[Dense(5, Activation.Sigmoid)]
public partial class SigmoidVectorizedNet;

[Network(CodeShape = CodeShape.Unrolled)]
[Input(37)]
[Dense(19, Activation.Tanh)]
[Dense(5, Activation.Tanh)]
public partial class TanhUnrolledNet;

[Network(CodeShape = CodeShape.Vectorized)]
[Input(37)]
[Dense(19, Activation.Tanh)]
[Dense(5, Activation.Tanh)]
public partial class TanhVectorizedNet;

[Network(CodeShape = CodeShape.Unrolled)]
[Input(37)]
[Dense(19, Activation.ReLU)]
[Dense(5, Activation.ReLU)]
public partial class ReLUUnrolledNet;

[Network(CodeShape = CodeShape.Vectorized)]
[Input(37)]
[Dense(19, Activation.ReLU)]
[Dense(5, Activation.ReLU)]
public partial class ReLUVectorizedNet;

[Network(CodeShape = CodeShape.Unrolled)]
[Input(37)]
[Dense(19, Activation.LeakyReLU, Alpha = 0.2f)]
[Dense(5, Activation.LeakyReLU, Alpha = 0.2f)]
public partial class LeakyReLUUnrolledNet;

[Network(CodeShape = CodeShape.Vectorized)]
[Input(37)]
[Dense(19, Activation.LeakyReLU, Alpha = 0.2f)]
[Dense(5, Activation.LeakyReLU, Alpha = 0.2f)]
public partial class LeakyReLUVectorizedNet;

[Network(CodeShape = CodeShape.Unrolled)]
[Input(37)]
[Dense(19, Activation.Softplus)]
[Dense(5, Activation.Softplus)]
public partial class SoftplusUnrolledNet;

[Network(CodeShape = CodeShape.Vectorized)]
[Input(37)]
[Dense(19, Activation.Softplus)]
[Dense(5, Activation.Softplus)]
public partial class SoftplusVectorizedNet;

[Network(CodeShape = CodeShape.Unrolled)]
[Input(37)]
[Dense(19, Activation.ELU, Alpha = 0.7f)]
[Dense(5, Activation.ELU, Alpha = 0.7f)]
public partial class ELUUnrolledNet;

[Network(CodeShape = CodeShape.Vectorized)]
[Input(37)]
[Dense(19, Activation.ELU, Alpha = 0.7f)]
[Dense(5, Activation.ELU, Alpha = 0.7f)]
public partial class ELUVectorizedNet;

[Network(CodeShape = CodeShape.Unrolled)]
[Input(37)]
[Dense(19, Activation.ReLU)]
[Dense(5, Activation.Softmax)]
public partial class SoftmaxUnrolledNet;

[Network(CodeShape = CodeShape.Vectorized)]
[Input(37)]
[Dense(19, Activation.ReLU)]
[Dense(5, Activation.Softmax)]
public partial class SoftmaxVectorizedNet;

/// <summary>A binary classifier: PredictClass thresholds its single sigmoid output at 0.5.</summary>
[Network]
[Input(6)]
[Dense(8, Activation.Tanh)]
[Dense(1, Activation.Sigmoid)]
public partial class BinaryClassifierNet;

/// <summary>4,200 hidden units need 16,800 bytes of activations, over the 16 KiB stack budget: the pooled-scratch form.</summary>
[Network]
[Input(8)]
[Dense(4200, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class PooledScratchNet;
