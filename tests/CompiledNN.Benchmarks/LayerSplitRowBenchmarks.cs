using System;
using System.Linq;
using BenchmarkDotNet.Attributes;
using CompiledNN.Runtime;

namespace CompiledNN.Benchmarks;

/// <summary>
/// One row of a layer on one thread against its units shared between two (<see cref="LayerSplit"/>), each thread reading
/// its contiguous share of the packed weights, or its columns of the transposed ones: where the hand-over pays with the
/// helper always at hand. The generator's threshold (180 k weights) is higher: inside a network, in a process with other
/// work, smaller layers did not gain (docs/performance.md, One row on several threads). Run:
/// <c>dotnet run -c Release -- --filter '*LayerSplitRowBenchmarks*' --job short</c>.
/// </summary>
public class LayerSplitRowBenchmarks
{
    private float[] _x = [];
    private AlignedBuffer _parameters = new(0);
    private float[] _packed = [];
    private float[] _z = [];

    /// <summary>One row × inputs × units.</summary>
    [Params("1x256x128", "1x256x256", "1x512x128", "1x784x128", "1x784x256", "1x3072x256")]
    public string Shape { get; set; } = "";

    private int Inputs => LayerShape.Size(Shape, 1);

    private int Units => LayerShape.Size(Shape, 2);

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _x = Enumerable.Range(0, Inputs).Select(_ => (float)random.NextDouble()).ToArray();
        _parameters = new AlignedBuffer(Enumerable.Range(0, (Inputs * Units) + Units).Select(_ => (float)random.NextDouble() - 0.5f).ToArray());
        _packed = new float[Inputs * Units];
        MatrixKernels.Pack(_parameters.Slice(0, Inputs * Units), _packed, Inputs, Units);
        _z = new float[Units];
    }

    [Benchmark(Baseline = true)]
    public void OneThread() => LayerSplit.Linear(_x, _parameters, 0, Inputs * Units, _z, 1, Inputs, Units, 1);

    [Benchmark]
    public void TwoThreadsPacked() => LayerSplit.LinearPacked(_x, _packed, 0, _parameters, Inputs * Units, _z, 1, Inputs, Units, 2);

    [Benchmark]
    public void TwoThreadsTransposed() => LayerSplit.Linear(_x, _parameters, 0, Inputs * Units, _z, 1, Inputs, Units, 2);
}
