using CompiledNN;

namespace CompiledNN.Benchmarks.PeerComparison;

// The sweep's networks (ShapeSweepBenchmarks): shapes outside the main table, built like the peer networks (ReLU hidden
// layers, a softmax output, or a sigmoid for a single output, whose softmax is always 1), exactly as export_onnx.py
// builds SWEEP_SHAPES in PyTorch.
[Network]
[Input(2)]
[Dense(8, Activation.ReLU)]
[Dense(2, Activation.Softmax)]
public partial class Sweep2x8x2;

[Network]
[Input(10)]
[Dense(32, Activation.ReLU)]
[Dense(32, Activation.ReLU)]
[Dense(2, Activation.Softmax)]
public partial class Sweep10x32x32x2;

[Network]
[Input(128)]
[Dense(64, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class Sweep128x64x10;

[Network]
[Input(256)]
[Dense(128, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class Sweep256x128x10;

[Network]
[Input(784)]
[Dense(64, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class Sweep784x64x10;

[Network]
[Input(784)]
[Dense(512, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class Sweep784x512x10;

[Network]
[Input(32)]
[Dense(128, Activation.ReLU)]
[Dense(128, Activation.ReLU)]
[Dense(128, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class Sweep32x128x128x128x10;

[Network]
[Input(3072)]
[Dense(256, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class Sweep3072x256x10;

[Network]
[Input(1024)]
[Dense(1024, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class Sweep1024x1024x10;

[Network]
[Input(784)]
[Dense(300, Activation.ReLU)]
[Dense(100, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class Sweep784x300x100x10;

[Network]
[Input(256)]
[Dense(512, Activation.ReLU)]
[Dense(256, Activation.ReLU)]
[Dense(16, Activation.Softmax)]
public partial class Sweep256x512x256x16;

[Network]
[Input(3072)]
[Dense(512, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class Sweep3072x512x10;

[Network]
[Input(100)]
[Dense(200, Activation.ReLU)]
[Dense(200, Activation.ReLU)]
[Dense(200, Activation.ReLU)]
[Dense(5, Activation.Softmax)]
public partial class Sweep100x200x200x200x5;

[Network]
[Input(20)]
[Dense(48, Activation.ReLU)]
[Dense(1, Activation.Sigmoid)]
public partial class Sweep20x48x1;
