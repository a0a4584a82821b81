using CompiledNN;

// Networks large enough (60,000 weights in the first layer) for the initialisation statistics to be sharp.
// Xavier goes with Tanh and He with ReLU, the pairings the schemes were derived for.
namespace CompiledNN.Tests.Networks;

[Network(Init = Initialization.XavierUniform)]
[Input(200)]
[Dense(300, Activation.Tanh)]
[Dense(10, Activation.Identity)]
public partial class XavierUniformNet;

[Network(Init = Initialization.XavierNormal)]
[Input(200)]
[Dense(300, Activation.Tanh)]
[Dense(10, Activation.Identity)]
public partial class XavierNormalNet;

[Network(Init = Initialization.HeUniform)]
[Input(200)]
[Dense(300, Activation.ReLU)]
[Dense(10, Activation.Identity)]
public partial class HeUniformNet;

[Network(Init = Initialization.HeNormal)]
[Input(200)]
[Dense(300, Activation.ReLU)]
[Dense(10, Activation.Identity)]
public partial class HeNormalNet;

/// <summary>Init = Auto: He uniform for the ReLU layer (the same first-layer weights as <see cref="HeUniformNet"/>), Xavier uniform for the Identity output.</summary>
[Network]
[Input(200)]
[Dense(300, Activation.ReLU)]
[Dense(10, Activation.Identity)]
public partial class AutoReLUNet;

/// <summary>Init = Auto: Xavier uniform for both layers, so the same seed gives <see cref="XavierUniformNet"/>'s parameters.</summary>
[Network]
[Input(200)]
[Dense(300, Activation.Tanh)]
[Dense(10, Activation.Identity)]
public partial class AutoTanhNet;
