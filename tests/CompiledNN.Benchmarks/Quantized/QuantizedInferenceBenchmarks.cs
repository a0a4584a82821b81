using System;
using System.Linq;
using BenchmarkDotNet.Attributes;
using CompiledNN.Benchmarks.PeerComparison;

namespace CompiledNN.Benchmarks.Quantized;

/// <summary>
/// Int8 against float32 prediction on one thread, at 1 and 64 rows: the float network's <c>Predict</c> /
/// <c>PredictBatch</c> (which a baked float network runs unchanged) against the int8 forward pass of the same shape.
/// Run: <c>dotnet run -c Release --project tests/CompiledNN.Benchmarks -- --filter '*QuantizedInference*' --job short</c>.
/// </summary>
public class QuantizedInferenceBenchmarks
{
    private ITrainableNetwork _float = null!;
    private Int8Mlp _int8 = null!;
    private float[] _inputs = [];
    private float[] _outputs = [];

    [Params("784-256-128-10", "3072-512-10")]
    public string Shape { get; set; } = "";

    [Params(1, 64)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        int[] sizes = Shape.Split('-').Select(int.Parse).ToArray();
        _float = Shape == "3072-512-10"
            ? new Float3072x512x10(seed: 1) { MaxDegreeOfParallelism = 1 }
            : new Peer784x256x128x10(seed: 1) { MaxDegreeOfParallelism = 1 };
        _int8 = new Int8Mlp(sizes, seed: 1);
        var random = new Random(2);
        _inputs = Enumerable.Range(0, Rows * sizes[0]).Select(_ => (float)random.NextDouble()).ToArray();
        _outputs = new float[Rows * sizes[^1]];
    }

    [Benchmark(Baseline = true)]
    public void Float32()
    {
        if (Rows == 1)
        {
            _float.Predict(_inputs, _outputs);
        }
        else
        {
            _float.PredictBatch(_inputs, _outputs);
        }
    }

    [Benchmark]
    public void Int8() => _int8.PredictBatch(_inputs, _outputs, Rows);
}
