using System;
using System.Linq;
using BenchmarkDotNet.Attributes;
using CompiledNN.Runtime;

namespace CompiledNN.Benchmarks;

/// <summary>
/// Two ways to share one layer's product for 64 rows between two threads: blocks of rows (each thread reads every
/// weight) against shares of units (each thread reads its share of the weights, <see cref="LayerSplit"/>), with one
/// thread as the baseline; the reason large layers split by units. Run:
/// <c>dotnet run -c Release -- --filter '*LayerSplitBenchmarks*' --job short</c>.
/// </summary>
public class LayerSplitBenchmarks : IChunkWork
{
    private float[] _x = [];
    private AlignedBuffer _parameters = new(0);
    private float[] _z = [];

    [Params("64x784x256", "64x784x512", "64x1024x1024", "64x3072x256")]
    public string Shape { get; set; } = "";

    private int Rows => LayerShape.Size(Shape, 0);

    private int Inputs => LayerShape.Size(Shape, 1);

    private int Units => LayerShape.Size(Shape, 2);

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _x = Enumerable.Range(0, Rows * Inputs).Select(_ => (float)random.NextDouble()).ToArray();
        _parameters = new AlignedBuffer(Enumerable.Range(0, (Inputs * Units) + Units).Select(_ => (float)random.NextDouble() - 0.5f).ToArray());
        _z = new float[Rows * Units];
    }

    [Benchmark(Baseline = true)]
    public void OneThread() => MatrixKernels.Linear(_x, _parameters.Slice(0, Inputs * Units), _parameters.Slice(Inputs * Units, Units), _z, Rows, Inputs, Units);

    [Benchmark]
    public void RowBlocks() => BatchParallelism.Run(this, 2, 2, _x, default, default, _z);

    [Benchmark]
    public void UnitShares() => LayerSplit.Linear(_x, _parameters, 0, Inputs * Units, _z, Rows, Inputs, Units, 2);

    /// <summary>Half of the rows: the first or the second.</summary>
    public void RunChunk(int chunk, int worker, in BatchSpans spans)
    {
        int half = Rows / 2;
        MatrixKernels.Linear(spans.Inputs.Slice(chunk * half * Inputs, half * Inputs), _parameters.Slice(0, Inputs * Units), _parameters.Slice(Inputs * Units, Units), spans.Outputs.Slice(chunk * half * Units, half * Units), half, Inputs, Units);
    }
}
