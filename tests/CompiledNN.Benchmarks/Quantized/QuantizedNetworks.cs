using CompiledNN;

namespace CompiledNN.Benchmarks.Quantized;

/// <summary>The float32 network of the second int8 comparison shape (784-256-128-10 is the peer comparison's).</summary>
[Network]
[Input(3072)]
[Dense(512, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class Float3072x512x10;
