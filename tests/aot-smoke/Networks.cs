using CompiledNN;

namespace AotSmoke;

/// <summary>Small layers: straight-line code, scratch on the stack.</summary>
[Network]
[Input(4)]
[Dense(16, Activation.ReLU)]
[Dense(16, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class IrisNet;

/// <summary>Large layers: SIMD loops (64 × 48 weights exceed the unroll threshold), scratch from the pool (4,100 hidden units).</summary>
[Network]
[Input(64)]
[Dense(4100, Activation.Tanh)]
[Dense(2, Activation.Sigmoid)]
public partial class WideNet;
