using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using CompiledNN.Benchmarks.PeerComparison;
using CompiledNN.Persistence;

namespace CompiledNN.Benchmarks.ConvComparison;

/// <summary>
/// <c>--conv</c>: the convolutional networks against ONNX Runtime (in this process, the same weights) and PyTorch (its
/// times from models/conv/pytorch.json, written by conv_comparison.py). Each network loads conv_comparison.py's
/// safetensors; its predictions must match ONNX Runtime's before anything is timed. On a shared machine the candidates
/// of a row run in alternating blocks of calls, so all see the same load; the fastest block (the least disturbed) gives
/// the time per call.
/// Writes results/conv-comparison.&lt;machine type&gt;.md (not with <c>--smoke</c>: a few blocks, for CI).
/// </summary>
internal static class ConvComparisonReport
{
    private static readonly string[] Networks = ["lenet", "sensor", "cifar"];

    public static void Run(bool smoke)
    {
        // The machine's description takes a few seconds to measure; a smoke run writes no results file to head.
        MachineReport? machine = smoke ? null : MachineReport.Measure();
        Dictionary<string, double> torch = PyTorch(out string torchVersion, out int torchThreads);
        string loadBefore = LoadAverage();
        var rows = new StringBuilder();
        foreach (string name in Networks)
        {
            foreach (int batch in new[] { 1, 64 })
            {
                rows.AppendLine(Predict(name, batch, smoke, torch));
            }

            rows.AppendLine(Train(name, smoke, torch));
        }

        var text = new StringBuilder();
        text.AppendLine(machine?.Describe() ?? "(smoke run: a few calls of each, times not meaningful)");
        text.AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; load average {loadBefore} before, {LoadAverage()} after. .NET {Environment.Version}, ONNX Runtime {typeof(Microsoft.ML.OnnxRuntime.InferenceSession).Assembly.GetName().Version}, PyTorch {torchVersion} (default threads {torchThreads}).");
        text.AppendLine("Command: tests/CompiledNN.Benchmarks/run_conv_comparison.sh. Networks (ConvComparison/ConvNetworks.cs, built the same in conv_comparison.py, weights loaded from its safetensors, outputs checked against ONNX Runtime's before timing): lenet = 1×28×28, Conv2D(6, 5, pad 2), MaxPool 2, Conv2D(16, 5), MaxPool 2, Dense 120, 84, 10; sensor = 3×128, Conv1D(32, 5, pad 2), MaxPool 2, Conv1D(64, 5, pad 2), MaxPool 2, GlobalAvgPool, Dense 6; cifar = 3×32×32, Conv2D(32, 3, pad 1), MaxPool 2, Conv2D(64, 3, pad 1), MaxPool 2, Dense 10. ReLU throughout, softmax output, Adam.");
        text.AppendLine("Time per call: the fastest of 40 alternating blocks of calls (the least disturbed on a shared machine; PyTorch: the fastest of 40 blocks, timed by conv_comparison.py in its own process). \"1 thread\": CompiledNN MaxDegreeOfParallelism = 1, ONNX Runtime intra-op threads 1, torch.set_num_threads(1); \"defaults\": each library as it comes (CompiledNN's MaxDegreeOfParallelism default, ONNX Runtime's default session options, PyTorch's default threads). Ratios: the peer's time over CompiledNN's, above 1 where CompiledNN is faster. ONNX Runtime has no training: TrainBatch is against PyTorch only (zero_grad, forward, cross-entropy, backward, Adam step).");
        text.AppendLine();
        text.AppendLine("| network | work | CompiledNN 1 thread | ONNX Runtime 1 thread | PyTorch 1 thread | ×ORT | ×PyTorch | CompiledNN defaults | ONNX Runtime defaults | PyTorch defaults | ×ORT | ×PyTorch | CompiledNN allocates |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        text.Append(rows);
        Console.WriteLine(text);
        if (machine is not null)
        {
            string path = Path.Combine(PeerShapes.ProjectDirectory, "results", $"conv-comparison.{machine.MachineType}.md");
            ResultsFile.Write(path, text.ToString());
            Console.WriteLine("written to " + path);
        }
    }

    private static string Predict(string name, int batch, bool smoke, Dictionary<string, double> torch)
    {
        (int[] input, int classes) = Shape(name);
        float[] inputs = Inputs(batch * input.Aggregate(1, static (a, b) => a * b));
        float[][] outputs = [.. Enumerable.Range(0, 4).Select(_ => new float[batch * classes])];
        ITrainableNetwork single = Create(name, 1);
        ITrainableNetwork defaults = Create(name, null);
        long[] inputShape = [batch, .. input.Select(static d => (long)d)];
        using var onnxSingle = new OnnxPeer(Model(name, ".onnx"), inputs, inputShape, outputs[2], [batch, classes], 1);
        using var onnxDefaults = new OnnxPeer(Model(name, ".onnx"), inputs, inputShape, outputs[3], [batch, classes], null);
        Action[] candidates =
        [
            () => PeerShapes.Predict(single, inputs, outputs[0], batch),
            () => onnxSingle.Run(),
            () => PeerShapes.Predict(defaults, inputs, outputs[1], batch),
            () => onnxDefaults.Run(),
        ];
        foreach (Action candidate in candidates)
        {
            candidate();
        }

        // The same network: every output agrees with ONNX Runtime's before anything is timed.
        for (int i = 0; i < 2; i++)
        {
            double difference = outputs[i].Zip(outputs[2], static (a, b) => Math.Abs(a - b)).Max();
            if (!(difference <= 1e-4))
            {
                throw new InvalidOperationException($"{name}, batch {batch}: CompiledNN's outputs differ from ONNX Runtime's by {difference}.");
            }
        }

        double[] medians = Interleaved(candidates, batch, smoke);
        long allocated = Allocated(candidates[0]);
        return Row(name, $"predict, batch {batch}", medians[0], medians[1], torch.GetValueOrDefault($"predict {name} {batch} 1"), medians[2], medians[3], torch.GetValueOrDefault($"predict {name} {batch} default"), allocated);
    }

    private static string Train(string name, bool smoke, Dictionary<string, double> torch)
    {
        const int Batch = 64;
        (int[] input, int classes) = Shape(name);
        float[] inputs = Inputs(Batch * input.Aggregate(1, static (a, b) => a * b));
        float[] targets = new float[Batch * classes];
        for (int r = 0; r < Batch; r++)
        {
            targets[(r * classes) + (r % classes)] = 1f;
        }

        ITrainableNetwork single = Create(name, 1);
        ITrainableNetwork defaults = Create(name, null);
        Action[] candidates = [() => single.TrainBatch(inputs, targets), () => defaults.TrainBatch(inputs, targets)];
        double[] medians = Interleaved(candidates, Batch, smoke);
        long allocated = Allocated(candidates[0]);
        return Row(name, $"TrainBatch (Adam), batch {Batch}", medians[0], double.NaN, torch.GetValueOrDefault($"train {name} 64 1"), medians[1], double.NaN, torch.GetValueOrDefault($"train {name} 64 default"), allocated);
    }

    /// <summary>Alternates blocks of calls of each candidate, after a warm-up long enough for tiered compilation, and returns each one's fastest block's time per call.</summary>
    private static double[] Interleaved(Action[] candidates, int batch, bool smoke)
    {
        int blocks = smoke ? 3 : 40;
        var times = new List<double>[candidates.Length];
        long warmUp = Stopwatch.GetTimestamp();
        do
        {
            foreach (Action candidate in candidates)
            {
                candidate();
            }
        }
        while (!smoke && Stopwatch.GetElapsedTime(warmUp).TotalMilliseconds < 1500);

        // About 3 ms per block of the first candidate: short enough that some blocks run undisturbed on a busy machine.
        long start = Stopwatch.GetTimestamp();
        candidates[0]();
        double once = Math.Max(1e-6, Stopwatch.GetElapsedTime(start).TotalSeconds);
        int calls = smoke ? 1 : Math.Clamp((int)(0.003 / once), 1, 10_000);
        for (int c = 0; c < candidates.Length; c++)
        {
            times[c] = [];
        }

        for (int block = 0; block < blocks; block++)
        {
            for (int c = 0; c < candidates.Length; c++)
            {
                long t0 = Stopwatch.GetTimestamp();
                for (int i = 0; i < calls; i++)
                {
                    candidates[c]();
                }

                times[c].Add(Stopwatch.GetElapsedTime(t0).TotalSeconds / calls);
            }
        }

        return [.. times.Select(static t => t.Min())];
    }

    private static long Allocated(Action call)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++)
        {
            call();
        }

        return (GC.GetAllocatedBytesForCurrentThread() - before) / 10;
    }

    private static string Row(string name, string work, double compiled, double onnx, double torch, double compiledDefaults, double onnxDefaults, double torchDefaults, long allocated) =>
        $"| {name} | {work} | {Time(compiled)} | {Time(onnx)} | {Time(torch)} | {Ratio(onnx, compiled)} | {Ratio(torch, compiled)} | {Time(compiledDefaults)} | {Time(onnxDefaults)} | {Time(torchDefaults)} | {Ratio(onnxDefaults, compiledDefaults)} | {Ratio(torchDefaults, compiledDefaults)} | {allocated} B |";

    private static string Time(double seconds) => !(seconds > 0) ? "–" : string.Create(
        CultureInfo.InvariantCulture,
        $"{(seconds < 1e-3 ? $"{seconds * 1e6:F1} µs" : $"{seconds * 1e3:F2} ms")}");

    private static string Ratio(double peer, double compiled) => !(peer > 0) ? "–" : string.Create(CultureInfo.InvariantCulture, $"{peer / compiled:F2}");

    private static ITrainableNetwork Create(string name, int? threads)
    {
        ITrainableNetwork network = name switch
        {
            "lenet" => new ConvLeNet(),
            "sensor" => new ConvSensor(),
            "cifar" => new ConvCifar(),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a network of the convolution comparison."),
        };
        if (threads is int count)
        {
            network.GetType().GetProperty("MaxDegreeOfParallelism")!.SetValue(network, count);
        }

        string[] names = JsonSerializer.Deserialize<string[]>(File.ReadAllText(Model(name, ".names.json")))!;
        SafeTensors.Import((IPersistentNetwork)network, Model(name, ".safetensors"), names);
        return network;
    }

    /// <summary>The input's dimensions without the rows, and the classes, as conv_comparison.py's NETWORKS table has them.</summary>
    private static (int[] Input, int Classes) Shape(string name) => name switch
    {
        "lenet" => ([1, 28, 28], 10),
        "sensor" => ([3, 128], 6),
        _ => ([3, 32, 32], 10),
    };

    private static float[] Inputs(int count)
    {
        var random = new Random(42);
        float[] inputs = new float[count];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = (float)random.NextDouble();
        }

        return inputs;
    }

    private static string Model(string name, string extension)
    {
        string path = Path.Combine(PeerShapes.ProjectDirectory, "models", "conv", name + extension);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing: run /usr/bin/python3 conv_comparison.py (or run_conv_comparison.sh) first.", path);
    }

    private static Dictionary<string, double> PyTorch(out string version, out int threads)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Model("pytorch", ".json")));
        version = document.RootElement.GetProperty("torch").GetString() ?? "?";
        threads = document.RootElement.GetProperty("defaultThreads").GetInt32();
        return document.RootElement.GetProperty("results").EnumerateObject().ToDictionary(static p => p.Name, static p => p.Value.GetDouble());
    }

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
