using BenchmarkDotNet.Running;
using CompiledNN.Benchmarks;

// Benchmarks:  dotnet run -c Release --project tests/CompiledNN.Benchmarks -- --filter '*UnrollThreshold*' --job short
// JIT costs:   dotnet run -c Release --project tests/CompiledNN.Benchmarks -- --jit-report
if (args is ["--jit-report"])
{
    JitReport.Print();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(UnrollThresholdBenchmarks).Assembly).Run(args);
