using BenchmarkDotNet.Attributes;
using CompiledNN.Benchmarks.PeerComparison;

namespace CompiledNN.Benchmarks;

/// <summary>
/// One <c>TrainStep</c> (forward, cross-entropy, backward, Adam) on one row of each peer shape: the latency of
/// online training, where per-call overhead and the optimizer's pass over every parameter dominate.
/// </summary>
[MemoryDiagnoser]
public class TrainStepBenchmarks
{
    private ITrainableNetwork _network = null!;
    private float[] _input = [];
    private float[] _target = [];

    [ParamsSource(nameof(Shapes))]
    public string Shape { get; set; } = "";

    public static string[] Shapes => PeerShapes.All;

    [GlobalSetup]
    public void Setup()
    {
        _network = PeerShapes.Create(Shape);
        (_input, _target) = PeerShapes.Data(Shape, 1);
    }

    [Benchmark]
    public float TrainStep() => _network.TrainStep(_input, _target);
}
