using System.IO;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;

namespace CompiledNN.Benchmarks.GeneratorCost;

/// <summary>
/// What the generator costs a build and an editor, on <see cref="GeneratorWorkload"/>'s 100 networks: a run of a fresh
/// driver, a run of a warm driver after an edit that touches no network, and the Release emit of the compilation with
/// the generated code. Each operation takes from milliseconds to seconds, so every iteration is one call (Monitoring),
/// and few of them: the compile alone takes minutes on a busy two-core machine.
/// Every call works on a <see cref="Compilation.Clone"/>, which has no bound symbols yet, as a new build's compilation.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class GeneratorCostBenchmarks
{
    private GeneratorWorkload _workload = null!;
    private GeneratorDriver _warm = null!;
    private Compilation _output = null!;

    [GlobalSetup]
    public void Setup()
    {
        _workload = GeneratorWorkload.Create();
        _warm = GeneratorWorkload.CreateDriver().RunGeneratorsAndUpdateCompilation(_workload.Compilation, out _output, out _);
    }

    /// <summary>A fresh driver on the 100 networks: the generator's share of a build without a compiler server.</summary>
    [Benchmark]
    public GeneratorDriver Generate() => GeneratorWorkload.CreateDriver().RunGenerators(_workload.Compilation.Clone());

    /// <summary>
    /// The driver of <see cref="Generate"/>'s run on the compilation after an unrelated edit: the cost of a keystroke
    /// elsewhere in the project. A driver is immutable, so every call starts from the same state.
    /// </summary>
    [Benchmark]
    public GeneratorDriver Rerun() => _warm.RunGenerators(_workload.Edited.Clone());

    /// <summary>Emits the compilation with the generated code, Release, to memory.</summary>
    [Benchmark]
    public EmitResult Compile()
    {
        using var stream = new MemoryStream();
        return _output.Clone().Emit(stream);
    }
}
