using CompiledNN;

// Networks in shapes the other test networks do not reach: a large first layer of few units (through the matrix kernel)
// followed by small straight-line layers in registers of 16, 8 and 4 lanes, and a whole row in registers
// (ForwardInRegisters) with units feeding narrower and wider registers and softmax outputs of several
// registers.
namespace CompiledNN.Tests.Networks;

/// <summary>The 64-32-10 peer benchmark's shape: a 2,048-weight first layer, 10 classes from 8 + 4 lanes.</summary>
[Network]
[Input(64)]
[Dense(32, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class LargeFirstLayerClassifierNet;

/// <summary>70 inputs into 40 units (a large layer that fills no whole panel), ELU and Sigmoid, 6 classes (4 + 4 lanes).</summary>
[Network]
[Input(70)]
[Dense(40, Activation.ELU)]
[Dense(12, Activation.Sigmoid)]
[Dense(6, Activation.Softmax)]
public partial class LargeFirstLayerTailNet;

/// <summary>LeakyReLU, Sigmoid and Tanh in registers of 8 + 4 + 1, 4 and 8 + 1 lanes, and 13 outputs (8 + 4 + 1 lanes) without a softmax.</summary>
[Network]
[Input(5)]
[Dense(13, Activation.LeakyReLU)]
[Dense(4, Activation.Sigmoid)]
[Dense(9, Activation.Tanh)]
[Dense(13, Activation.Identity)]
public partial class MixedRegistersNet;
