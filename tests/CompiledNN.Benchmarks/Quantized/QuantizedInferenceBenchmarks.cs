using System;
using BenchmarkDotNet.Attributes;
using CompiledNN.Benchmarks.PeerComparison;

namespace CompiledNN.Benchmarks.Quantized;

/// <summary>
/// Int8 against float32 prediction on one thread, at 1 and 64 rows, all over the weights export_onnx.py writes: the float
/// network's <c>Predict</c> / <c>PredictBatch</c> (which a baked float network runs unchanged), the int8 forward pass of
/// the same weights, and ONNX Runtime running the float export and its dynamic quantisation (export_int8_onnx.py).
/// Run <c>/usr/bin/python3 export_onnx.py &amp;&amp; /usr/bin/python3 export_int8_onnx.py</c> first, then
/// <c>dotnet run -c Release --project tests/CompiledNN.Benchmarks -- --filter '*QuantizedInference*' --job short</c>,
/// or <c>-- --int8</c> for the interleaved report (<see cref="QuantizedInferenceReport"/>).
/// </summary>
public class QuantizedInferenceBenchmarks
{
    private QuantizedPeers _peers = null!;

    [Params("784-256-128-10", "3072-512-10")]
    public string Shape { get; set; } = "";

    [Params(1, 64)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup() => _peers = new QuantizedPeers(Shape, Rows);

    [GlobalCleanup]
    public void Cleanup() => _peers.Dispose();

    [Benchmark(Baseline = true)]
    public void Float32() => _peers.Float32();

    [Benchmark]
    public void Int8() => _peers.Int8();

    [Benchmark]
    public void OnnxRuntimeFloat32() => _peers.OnnxRuntimeFloat32();

    [Benchmark]
    public void OnnxRuntimeInt8() => _peers.OnnxRuntimeInt8();
}
