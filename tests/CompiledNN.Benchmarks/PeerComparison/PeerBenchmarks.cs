using System;
using BenchmarkDotNet.Attributes;

namespace CompiledNN.Benchmarks.PeerComparison;

/// <summary>Prediction (softmax probabilities) of one row and of 64, by CompiledNN and its peers on the same weights.</summary>
[MemoryDiagnoser]
public class PeerPredictBenchmarks
{
    private ITrainableNetwork _network = null!;
    private NaiveMlp _naive = null!;
    private OnnxPeer _onnx = null!;
    private float[] _inputs = [];
    private float[] _outputs = [];

    [ParamsSource(nameof(Shapes))]
    public string Shape { get; set; } = "";

    [Params(1, 64)]
    public int Batch { get; set; }

    public static string[] Shapes => PeerShapes.All;

    [GlobalSetup]
    public void Setup()
    {
        _network = PeerShapes.Create(Shape);
        _naive = new NaiveMlp(PeerShapes.Sizes(Shape), PeerShapes.Parameters(Shape));
        _inputs = PeerShapes.Data(Shape, Batch).Inputs;
        _outputs = new float[Batch * _network.OutputSize];
        _onnx = new OnnxPeer(Shape, _inputs, _outputs, Batch);
    }

    [GlobalCleanup]
    public void Cleanup() => _onnx.Dispose();

    [Benchmark(Baseline = true)]
    public void CompiledNN() => PeerShapes.Predict(_network, _inputs, _outputs, Batch);

    [Benchmark]
    public void NaiveCSharp() => _naive.PredictBatch(_inputs, _outputs, Batch);

    [Benchmark]
    public void OnnxRuntime() => _onnx.Run();
}

/// <summary>One Adam step on the mean cross-entropy of 1, 32 or 128 rows (ONNX Runtime's inference package cannot train).</summary>
[MemoryDiagnoser]
public class PeerTrainBenchmarks
{
    private ITrainableNetwork _network = null!;
    private NaiveMlp _naive = null!;
    private float[] _inputs = [];
    private float[] _targets = [];

    [ParamsSource(nameof(Shapes))]
    public string Shape { get; set; } = "";

    [Params(1, 32, 128)]
    public int Batch { get; set; }

    public static string[] Shapes => PeerShapes.All;

    [GlobalSetup]
    public void Setup()
    {
        _network = PeerShapes.Create(Shape);
        _naive = new NaiveMlp(PeerShapes.Sizes(Shape), PeerShapes.Parameters(Shape));
        (_inputs, _targets) = PeerShapes.Data(Shape, Batch);
    }

    [Benchmark(Baseline = true)]
    public float CompiledNN() => Batch == 1 ? _network.TrainStep(_inputs, _targets) : _network.TrainBatch(_inputs, _targets);

    [Benchmark]
    public void NaiveCSharp() => _naive.TrainBatch(_inputs, _targets, Batch);
}

/// <summary>
/// Prediction of one row and of 64 by the networks large enough for CompiledNN to use every processor by default, on two
/// threads each: CompiledNN (one row: the first layer's units shared; 64 rows: blocks of 32) and ONNX Runtime (two
/// intra-op threads).
/// </summary>
[MemoryDiagnoser]
public class PeerTwoThreadBenchmarks
{
    private ITrainableNetwork _network = null!;
    private OnnxPeer _onnx = null!;
    private float[] _inputs = [];
    private float[] _outputs = [];

    [Params("784-128-10", "784-256-128-10")]
    public string Shape { get; set; } = "";

    [Params(1, 64)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _network = PeerShapes.Create(Shape, threads: 2);
        _inputs = PeerShapes.Data(Shape, Batch).Inputs;
        _outputs = new float[Batch * _network.OutputSize];
        _onnx = new OnnxPeer(Shape, _inputs, _outputs, Batch, threads: 2);
    }

    [GlobalCleanup]
    public void Cleanup() => _onnx.Dispose();

    [Benchmark(Baseline = true)]
    public void CompiledNN() => PeerShapes.Predict(_network, _inputs, _outputs, Batch);

    [Benchmark]
    public void OnnxRuntime() => _onnx.Run();
}
