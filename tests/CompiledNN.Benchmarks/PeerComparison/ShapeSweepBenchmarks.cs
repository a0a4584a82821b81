using System;
using BenchmarkDotNet.Attributes;

namespace CompiledNN.Benchmarks.PeerComparison;

/// <summary>
/// Prediction by CompiledNN and ONNX Runtime on shapes outside the main table, at batch 1 and 64, both with one
/// thread and with each library's defaults (CompiledNN's MaxDegreeOfParallelism default; ONNX Runtime's default
/// session options, whose intra-op pool has a thread per core), so that the comparison is not only of the shapes
/// the kernels were tuned on. Run: <c>dotnet run -c Release -- --filter '*ShapeSweep*'</c> after export_onnx.py.
/// </summary>
[MemoryDiagnoser]
public class ShapeSweepBenchmarks
{
    private ITrainableNetwork _network = null!;
    private OnnxPeer _onnx = null!;
    private float[] _inputs = [];
    private float[] _outputs = [];

    [ParamsSource(nameof(Shapes))]
    public string Shape { get; set; } = "";

    [Params(1, 64)]
    public int Batch { get; set; }

    /// <summary>"1" for one thread each (or another count), "default" for each library's defaults.</summary>
    [ParamsSource(nameof(ThreadSettings))]
    public string Threads { get; set; } = "";

    /// <summary>The sweep's shapes, or those listed (comma-separated) in SWEEP_SHAPES, e.g. <c>SWEEP_SHAPES=784-64-10,64-32-10</c>.</summary>
    public static string[] Shapes => Environment.GetEnvironmentVariable("SWEEP_SHAPES")?.Split(',') ?? PeerShapes.Sweep;

    /// <summary>One thread and the defaults, or the settings listed in SWEEP_THREADS (e.g. <c>1,2,default</c>).</summary>
    public static string[] ThreadSettings => Environment.GetEnvironmentVariable("SWEEP_THREADS")?.Split(',') ?? ["1", "default"];

    [GlobalSetup]
    public void Setup()
    {
        int? threads = Threads == "default" ? null : int.Parse(Threads, System.Globalization.CultureInfo.InvariantCulture);
        _network = PeerShapes.Create(Shape, threads);
        _inputs = PeerShapes.Data(Shape, Batch).Inputs;
        _outputs = new float[Batch * _network.OutputSize];
        _onnx = new OnnxPeer(Shape, _inputs, _outputs, Batch, threads);
    }

    [GlobalCleanup]
    public void Cleanup() => _onnx.Dispose();

    [Benchmark(Baseline = true)]
    public void CompiledNN() => PeerShapes.Predict(_network, _inputs, _outputs, Batch);

    [Benchmark]
    public void OnnxRuntime() => _onnx.Run();
}
