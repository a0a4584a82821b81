using CompiledNN;

// Networks whose whole row runs in registers (ForwardInRegisters) in shapes the other test networks do not reach: a
// large first layer computed by a loop over the inputs (with a straight-line tail when the inputs are not a multiple of
// four), units in registers of 16, 8 and 4 lanes feeding narrower and wider ones, and softmax outputs of several
// registers packed into one.
namespace CompiledNN.Tests.Networks;

/// <summary>The 64-32-10 peer benchmark's shape: a 2,048-weight first layer in a loop, 10 classes packed from 8 + 4 lanes.</summary>
[Network]
[Input(64)]
[Dense(32, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class InputLoopClassifierNet;

/// <summary>70 inputs (a loop of 68 and a tail of 2) into 40 units (16 + 16 + 8 lanes), ELU and Sigmoid, 6 classes (4 + 4 lanes).</summary>
[Network]
[Input(70)]
[Dense(40, Activation.ELU)]
[Dense(12, Activation.Sigmoid)]
[Dense(6, Activation.Softmax)]
public partial class InputLoopTailNet;

/// <summary>LeakyReLU, Sigmoid and Tanh in registers of 8 + 4 + 1, 4 and 8 + 1 lanes, and 13 outputs (8 + 4 + 1 lanes) without a softmax.</summary>
[Network]
[Input(5)]
[Dense(13, Activation.LeakyReLU)]
[Dense(4, Activation.Sigmoid)]
[Dense(9, Activation.Tanh)]
[Dense(13, Activation.Identity)]
public partial class MixedRegistersNet;
