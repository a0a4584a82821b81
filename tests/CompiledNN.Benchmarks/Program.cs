using System.Linq;
using BenchmarkDotNet.Running;
using CompiledNN.Benchmarks;

// Benchmarks:  dotnet run -c Release --project tests/CompiledNN.Benchmarks -- --filter '*UnrollThreshold*' --job short
// Int8:        dotnet run -c Release --project tests/CompiledNN.Benchmarks -- --int8   (after export_onnx.py and export_int8_onnx.py;
//              interleaved; or --filter '*QuantizedInference*' for the BenchmarkDotNet version)
// Threads:     dotnet run -c Release --project tests/CompiledNN.Benchmarks -- --threading [--quick] [--busy]   (1 thread vs the defaults, interleaved; --busy: another process spinning)
//              or --filter '*ThreadingBenchmarks*' for the BenchmarkDotNet version
// JIT costs:   dotnet run -c Release --project tests/CompiledNN.Benchmarks -- --jit-report
// Peers:       tests/CompiledNN.Benchmarks/run_comparison.sh (exports the models, times PyTorch, then runs --peers)
// Conv peers: tests/CompiledNN.Benchmarks/run_conv_comparison.sh (exports, times PyTorch, then runs --conv; --smoke for CI)
//             --conv-kernels: direct against lowered (im2col) convolution per layer shape, the planner's rule
// Generator:   dotnet run -c Release --project tests/CompiledNN.Benchmarks -- --generator-cost   (sizes, cache check, times)
//              or --filter '*GeneratorCost*' for the BenchmarkDotNet version
// Machine:     dotnet run -c Release --project tests/CompiledNN.Benchmarks -- --machine   (CPU, caches, FMA peak, round trip)
// Interleaved: dotnet run -c Release --project tests/CompiledNN.Benchmarks -- --interleaved [--quick]   (after export_onnx.py:
//              every peer shape, CompiledNN and ONNX Runtime on one thread and with their defaults, taking turns in one process)
if (args is ["--jit-report"])
{
    JitReport.Print();
    return;
}

if (args is ["--machine"])
{
    System.Console.WriteLine(MachineReport.Measure().Describe());
    return;
}

if (args is ["--interleaved"] or ["--interleaved", "--quick"])
{
    System.Console.WriteLine(MachineReport.Measure().Describe());
    System.Console.WriteLine(CompiledNN.Benchmarks.PeerComparison.InterleavedSweep.Table(quick: args.Length > 1));
    return;
}

if (args is ["--generator-cost"] or ["--generator-cost", "--smoke"])
{
    CompiledNN.Benchmarks.GeneratorCost.GeneratorCostReport.Print(args is [_, "--smoke"] ? 0 : 5);
    return;
}

if (args is ["--int8"])
{
    CompiledNN.Benchmarks.Quantized.QuantizedInferenceReport.Print();
    return;
}

if (args is ["--threading", ..] && args[1..].All(static a => a is "--quick" or "--busy"))
{
    ThreadingReport.Print(quick: args.Contains("--quick"), busy: args.Contains("--busy"));
    return;
}

if (args is ["--conv-kernels", ..])
{
    CompiledNN.Benchmarks.ConvComparison.ConvolutionKernelReport.Print(args.Length > 1 ? args[1] : "");
    return;
}

if (args is ["--conv"] or ["--conv", "--smoke"])
{
    CompiledNN.Benchmarks.ConvComparison.ConvComparisonReport.Run(smoke: args.Length > 1);
    return;
}

if (args.Length > 0 && args[0] == "--peers")
{
    CompiledNN.Benchmarks.PeerComparison.ComparisonReport.Run(args);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(UnrollThresholdBenchmarks).Assembly).Run(args);
