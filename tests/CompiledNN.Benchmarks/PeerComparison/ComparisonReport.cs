using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace CompiledNN.Benchmarks.PeerComparison;

/// <summary>
/// <c>--peers</c>: measures the JIT cost of the largest network and describes the machine (<see cref="MachineReport"/>),
/// runs the peer benchmarks in this process (one thread, medians; then two threads; then the sweep of other shapes;
/// then every shape again with the libraries' calls interleaved, <see cref="InterleavedSweep"/>),
/// reads PyTorch's results from models/pytorch.json, and writes results/peer-comparison.&lt;machine type&gt;.md.
/// </summary>
internal static class ComparisonReport
{
    public static void Run(string[] args)
    {
        string jit = JitCost();
        MachineReport machine = MachineReport.Measure();
        Console.WriteLine(machine.Describe());
        IConfig config = ManualConfig.CreateMinimumViable()
            .AddJob(Job.Default
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithWarmupCount(4)
                .WithIterationCount(args.Contains("--quick") ? 5 : 12)
                .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(200)))
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithOptions(ConfigOptions.DisableOptimizationsValidator);
        Summary predict = BenchmarkRunner.Run<PeerPredictBenchmarks>(config);
        Summary train = BenchmarkRunner.Run<PeerTrainBenchmarks>(config);
        Summary twoThreads = BenchmarkRunner.Run<PeerTwoThreadBenchmarks>(config);
        Summary sweep = BenchmarkRunner.Run<ShapeSweepBenchmarks>(config);
        string interleaved = InterleavedSweep.Table(quick: args.Contains("--quick"));
        string roundTrips = string.Create(CultureInfo.InvariantCulture, $"{machine.RoundTripNanoseconds:F0} ns before the benchmarks, {CoreToCore.RoundTripNanoseconds():F0} ns after");
        string table = machine.Describe() + Environment.NewLine + Table(machine, predict, train, twoThreads, jit, roundTrips) + SweepTable(machine, sweep) + interleaved;
        string directory = Path.Combine(PeerShapes.ProjectDirectory, "results");
        Directory.CreateDirectory(directory);

        // One file per machine type: the kernels' speed and the ratios to ONNX Runtime differ between CPU families.
        ResultsFile.Write(Path.Combine(directory, $"peer-comparison.{machine.MachineType}.md"), table);
        Console.WriteLine(table);
    }

    private static string Table(MachineReport machine, Summary predict, Summary train, Summary twoThreads, string jit, string roundTrips)
    {
        Dictionary<string, double> torch = PyTorch(out string torchVersion);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on the machine above, one thread for every library (CompiledNN MaxDegreeOfParallelism = 1, ONNX Runtime intra-op threads 1, torch.set_num_threads(1)); load average at the end {File.ReadAllText("/proc/loadavg").Trim()}; a cache line's round trip between two cores {roundTrips}.");
        text.AppendLine(CultureInfo.InvariantCulture, $".NET {Environment.Version}, ONNX Runtime {typeof(Microsoft.ML.OnnxRuntime.InferenceSession).Assembly.GetName().Version}, PyTorch {torchVersion} (OpenBLAS). Medians; time per call, rows per second, and the fraction of one core's FMA peak (above) that the call's floating-point operations reach: 2 × Σ inputs × units per row for a prediction, three times that less the first layer's input gradient for a training step (activations, loss and optimizer not counted). TorchSharp 0.107 is not included: its native library needs GLIBCXX_3.4.32, which Debian 12's libstdc++ lacks.");
        text.AppendLine();
        text.AppendLine("| work | CompiledNN | naive C# | ONNX Runtime | PyTorch | CompiledNN allocates |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (string shape in PeerShapes.All)
        {
            foreach (int batch in new[] { 1, 64 })
            {
                Row(text, machine, predict, $"{shape} predict, batch {batch}", shape, batch, PeerShapes.PredictFlops(shape, batch), torch.GetValueOrDefault($"predict {shape} {batch}"), hasOnnx: true);
            }

            foreach (int batch in new[] { 1, 32, 128 })
            {
                Row(text, machine, train, $"{shape} train (Adam), batch {batch}", shape, batch, PeerShapes.TrainFlops(shape, batch), torch.GetValueOrDefault($"train {shape} {batch}"), hasOnnx: false);
            }
        }

        text.AppendLine();
        text.AppendLine("On two threads (CompiledNN MaxDegreeOfParallelism = 2, its default for these networks; ONNX Runtime intra-op threads 2), same protocol:");
        text.AppendLine();
        text.AppendLine("| work | CompiledNN | naive C# | ONNX Runtime | PyTorch | CompiledNN allocates |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (string shape in new[] { "784-128-10", "784-256-128-10" })
        {
            foreach (int batch in new[] { 1, 64 })
            {
                Row(text, machine, twoThreads, $"{shape} predict, batch {batch}, 2 threads", shape, batch, PeerShapes.PredictFlops(shape, batch), 0, hasOnnx: true);
            }
        }

        text.AppendLine();
        text.AppendLine(jit);
        return text.ToString();
    }

    /// <summary>
    /// The shapes outside the main table against ONNX Runtime, one thread each and with each library's defaults; the
    /// ratio is ONNX Runtime's time over CompiledNN's (above 1: CompiledNN is faster).
    /// </summary>
    private static string SweepTable(MachineReport machine, Summary sweep)
    {
        double? Median(string method, string shape, int batch, string threads) => sweep.Reports.FirstOrDefault(r =>
            r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method
            && (string)r.BenchmarkCase.Parameters["Shape"] == shape
            && (int)r.BenchmarkCase.Parameters["Batch"] == batch
            && (string)r.BenchmarkCase.Parameters["Threads"] == threads)?.ResultStatistics?.Median * 1e-9;

        string Cells(string shape, int batch, string threads)
        {
            double? compiled = Median("CompiledNN", shape, batch, threads);
            double? onnx = Median("OnnxRuntime", shape, batch, threads);
            double flops = PeerShapes.PredictFlops(shape, batch);
            return compiled is { } c && onnx is { } o
                ? string.Create(CultureInfo.InvariantCulture, $"{Format(machine, c, batch, flops)} | {Format(machine, o, batch, flops)} | {o / c:F2}")
                : "– | – | –";
        }

        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine("Shapes outside the table above (ReLU hidden layers, softmax output), prediction against ONNX Runtime, one thread each and with each library's defaults (CompiledNN's MaxDegreeOfParallelism default; ONNX Runtime's default session options). Ratio: ONNX Runtime's time over CompiledNN's, above 1 where CompiledNN is faster.");
        text.AppendLine();
        text.AppendLine("| shape | batch | CompiledNN, 1 thread | ONNX Runtime, 1 thread | ratio | CompiledNN, defaults | ONNX Runtime, defaults | ratio |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (string shape in ShapeSweepBenchmarks.Shapes)
        {
            foreach (int batch in new[] { 1, 64 })
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| {shape} | {batch} | {Cells(shape, batch, "1")} | {Cells(shape, batch, "default")} |");
            }
        }

        return text.ToString();
    }

    private static void Row(StringBuilder text, MachineReport machine, Summary summary, string work, string shape, int batch, double flops, double torchSeconds, bool hasOnnx)
    {
        BenchmarkReport? Find(string method) => summary.Reports.FirstOrDefault(r =>
            r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method
            && (string)r.BenchmarkCase.Parameters["Shape"] == shape
            && (int)r.BenchmarkCase.Parameters["Batch"] == batch);

        string Cell(BenchmarkReport? report) => report?.ResultStatistics is { } statistics ? Format(machine, statistics.Median * 1e-9, batch, flops) : "–";
        BenchmarkReport? compiled = Find("CompiledNN");
        string allocated = compiled is null ? "–" : compiled.GcStats.GetBytesAllocatedPerOperation(compiled.BenchmarkCase) is long bytes ? bytes + " B" : "?";
        text.AppendLine(CultureInfo.InvariantCulture, $"| {work} | {Cell(compiled)} | {Cell(Find("NaiveCSharp"))} | {(hasOnnx ? Cell(Find("OnnxRuntime")) : "–")} | {(torchSeconds > 0 ? Format(machine, torchSeconds, batch, flops) : "–")} | {allocated} |");
    }

    private static string Format(MachineReport machine, double seconds, int batch, double flops)
    {
        double rate = batch / seconds;
        string time = seconds < 1e-6 ? $"{seconds * 1e9:F1} ns" : seconds < 1e-3 ? $"{seconds * 1e6:F2} µs" : $"{seconds * 1e3:F2} ms";
        string throughput = rate >= 1e6 ? $"{rate / 1e6:F2} M/s" : rate >= 1e3 ? $"{rate / 1e3:F1} k/s" : $"{rate:F0}/s";
        return string.Create(CultureInfo.InvariantCulture, $"{time} · {throughput} · {machine.FractionOfPeak(flops, seconds):P0}");
    }

    private static Dictionary<string, double> PyTorch(out string version)
    {
        string path = Path.Combine(PeerShapes.ModelDirectory, "pytorch.json");
        version = "not run";
        if (!File.Exists(path))
        {
            return [];
        }

        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
        version = document.RootElement.GetProperty("torch").GetString() ?? "?";
        return document.RootElement.GetProperty("results").EnumerateObject().ToDictionary(static p => p.Name, static p => p.Value.GetDouble());
    }

    /// <summary>The first call's cost for the largest network, measured before anything of it has been compiled, and its code size.</summary>
    private static string JitCost()
    {
        TimeSpan jitBefore = JitInfo.GetCompilationTime(currentThread: true);
        long start = Stopwatch.GetTimestamp();
        var network = new Peer784x256x128x10();
        TimeSpan constructed = Stopwatch.GetElapsedTime(start);
        float[] input = new float[Peer784x256x128x10.InputSize];
        float[] output = new float[Peer784x256x128x10.OutputSize];
        network.Predict(input, output);
        TimeSpan firstPredict = Stopwatch.GetElapsedTime(start) - constructed;
        TimeSpan jit = JitInfo.GetCompilationTime(currentThread: true) - jitBefore;
        float[] inputs = new float[128 * Peer784x256x128x10.InputSize];
        float[] targets = new float[128 * Peer784x256x128x10.OutputSize];
        long trainStart = Stopwatch.GetTimestamp();
        network.TrainBatch(inputs, targets);
        TimeSpan firstTrain = Stopwatch.GetElapsedTime(trainStart);

        int ilBytes = typeof(Peer784x256x128x10)
            .GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
            .Sum(static m => m.GetMethodBody()?.GetILAsByteArray()?.Length ?? 0);
        string generated = Path.Combine(PeerShapes.ProjectDirectory, "obj", "Release", "net10.0", "generated");
        string[] files = Directory.Exists(generated) ? Directory.GetFiles(generated, "PeerComparison.Peer784x256x128x10.*.g.cs", SearchOption.AllDirectories) : [];
        if (files.Length == 0 && Directory.Exists(generated))
        {
            files = Directory.GetFiles(generated, "*Peer784x256x128x10*.g.cs", SearchOption.AllDirectories);
        }

        long lines = files.Sum(static f => (long)File.ReadLines(f).Count());
        long bytes = files.Sum(static f => new FileInfo(f).Length);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"JIT cost of the largest network (784-256-128-10), in a fresh process: constructor {constructed.TotalMilliseconds:F1} ms, first Predict {firstPredict.TotalMilliseconds:F1} ms (JIT {jit.TotalMilliseconds:F1} ms on this thread), first TrainBatch of 128 rows {firstTrain.TotalMilliseconds:F1} ms. Generated code: {files.Length} files, {lines:N0} lines, {bytes:N0} bytes of C#; {ilBytes:N0} bytes of IL in the class's own methods.");
    }
}
