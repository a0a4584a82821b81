using BenchmarkDotNet.Attributes;
using CompiledNN.Benchmarks.PeerComparison;

namespace CompiledNN.Benchmarks;

/// <summary>
/// How batched training and prediction of the largest peer network (784-256-128-10, Adam) scale with
/// <c>MaxDegreeOfParallelism</c>: 1 and 2 threads side by side in one run, on the peer comparison's weights and rows.
/// Run: <c>dotnet run -c Release --project tests/CompiledNN.Benchmarks -- --filter '*ThreadingBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
public class ThreadingBenchmarks
{
    private const string Shape = "784-256-128-10";

    private Peer784x256x128x10 _network = null!;
    private float[] _inputs = [];
    private float[] _targets = [];
    private float[] _outputs = [];

    /// <summary>The degree of parallelism.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>The rows of one call.</summary>
    [Params(64, 128, 256)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _network = new Peer784x256x128x10 { MaxDegreeOfParallelism = Threads };
        _network.SetParameters(PeerShapes.Parameters(Shape));
        (_inputs, _targets) = PeerShapes.Data(Shape, Rows);
        _outputs = new float[Rows * Peer784x256x128x10.OutputSize];
    }

    [Benchmark]
    public float TrainBatch() => _network.TrainBatch(_inputs, _targets);

    [Benchmark]
    public void PredictBatch() => _network.PredictBatch(_inputs, _outputs);
}
