using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using CompiledNN.Benchmarks.Networks;

namespace CompiledNN.Benchmarks;

/// <summary>
/// Predict latency of one dense layer written as straight-line code versus SIMD dot products, for shapes around
/// the unroll threshold (<c>NetworkValidator.UnrollThreshold</c>, in weights). Both calls go through
/// <see cref="INetwork"/>, so the dispatch cost is the same on both sides.
/// </summary>
public class UnrollThresholdBenchmarks
{
    private INetwork _unrolled = null!;
    private INetwork _vectorized = null!;
    private float[] _input = [];
    private float[] _output = [];

    /// <summary>Inputs × units.</summary>
    [ParamsSource(nameof(Shapes))]
    public string Shape { get; set; } = "";

    public static IEnumerable<string> Shapes => Layers.Keys;

    private static readonly Dictionary<string, (Func<INetwork> Unrolled, Func<INetwork> Vectorized)> Layers = new()
    {
        ["4x4"] = (static () => new Unrolled4x4(), static () => new Vectorized4x4()),
        ["16x16"] = (static () => new Unrolled16x16(), static () => new Vectorized16x16()),
        ["16x64"] = (static () => new Unrolled16x64(), static () => new Vectorized16x64()),
        ["32x32"] = (static () => new Unrolled32x32(), static () => new Vectorized32x32()),
        ["64x16"] = (static () => new Unrolled64x16(), static () => new Vectorized64x16()),
        ["32x64"] = (static () => new Unrolled32x64(), static () => new Vectorized32x64()),
        ["128x16"] = (static () => new Unrolled128x16(), static () => new Vectorized128x16()),
        ["64x64"] = (static () => new Unrolled64x64(), static () => new Vectorized64x64()),
        ["128x32"] = (static () => new Unrolled128x32(), static () => new Vectorized128x32()),
    };

    [GlobalSetup]
    public void Setup()
    {
        (Func<INetwork> unrolled, Func<INetwork> vectorized) = Layers[Shape];
        _unrolled = unrolled();
        _vectorized = vectorized();
        _input = new float[_unrolled.InputSize];
        _output = new float[_unrolled.OutputSize];
        for (int i = 0; i < _input.Length; i++)
        {
            _input[i] = MathF.Sin(i);
        }
    }

    [Benchmark(Baseline = true)]
    public void Unrolled() => _unrolled.Predict(_input, _output);

    [Benchmark]
    public void Vectorized() => _vectorized.Predict(_input, _output);
}
