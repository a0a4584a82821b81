using CompiledNN;

// One-layer networks for UnrollThresholdBenchmarks: each shape (inputs × units) in both code shapes. The Identity
// activation leaves the layer's product W x + b as the only work.
namespace CompiledNN.Benchmarks.Networks;

[Network(CodeShape = CodeShape.Unrolled)]
[Input(4)]
[Dense(4)]
public partial class Unrolled4x4;

[Network(CodeShape = CodeShape.Vectorized)]
[Input(4)]
[Dense(4)]
public partial class Vectorized4x4;

[Network(CodeShape = CodeShape.Unrolled)]
[Input(16)]
[Dense(16)]
public partial class Unrolled16x16;

[Network(CodeShape = CodeShape.Vectorized)]
[Input(16)]
[Dense(16)]
public partial class Vectorized16x16;

[Network(CodeShape = CodeShape.Unrolled)]
[Input(16)]
[Dense(64)]
public partial class Unrolled16x64;

[Network(CodeShape = CodeShape.Vectorized)]
[Input(16)]
[Dense(64)]
public partial class Vectorized16x64;

[Network(CodeShape = CodeShape.Unrolled)]
[Input(32)]
[Dense(32)]
public partial class Unrolled32x32;

[Network(CodeShape = CodeShape.Vectorized)]
[Input(32)]
[Dense(32)]
public partial class Vectorized32x32;

[Network(CodeShape = CodeShape.Unrolled)]
[Input(64)]
[Dense(16)]
public partial class Unrolled64x16;

[Network(CodeShape = CodeShape.Vectorized)]
[Input(64)]
[Dense(16)]
public partial class Vectorized64x16;

[Network(CodeShape = CodeShape.Unrolled)]
[Input(32)]
[Dense(64)]
public partial class Unrolled32x64;

[Network(CodeShape = CodeShape.Vectorized)]
[Input(32)]
[Dense(64)]
public partial class Vectorized32x64;

[Network(CodeShape = CodeShape.Unrolled)]
[Input(128)]
[Dense(16)]
public partial class Unrolled128x16;

[Network(CodeShape = CodeShape.Vectorized)]
[Input(128)]
[Dense(16)]
public partial class Vectorized128x16;

[Network(CodeShape = CodeShape.Unrolled)]
[Input(64)]
[Dense(64)]
public partial class Unrolled64x64;

[Network(CodeShape = CodeShape.Vectorized)]
[Input(64)]
[Dense(64)]
public partial class Vectorized64x64;

[Network(CodeShape = CodeShape.Unrolled)]
[Input(128)]
[Dense(32)]
public partial class Unrolled128x32;

[Network(CodeShape = CodeShape.Vectorized)]
[Input(128)]
[Dense(32)]
public partial class Vectorized128x32;
