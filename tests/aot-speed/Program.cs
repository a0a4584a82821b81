using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using AotSmoke;
using AotSpeed;
#if ONNX_PEER
using CompiledNN.Benchmarks.PeerComparison;
#endif

// Prints one line per call, "name median_ns": the median of 15 samples of about 100 ms each after 1 s of warm-up (the
// JIT's tiers settle in it), in processor time of this process, so that other jobs on a shared machine inflate the
// figures less than wall-clock time would. One thread, so that the figures compare instruction sets, not cores.
// An argument times only the calls whose name contains it (for a profiler: AotSpeed Batch). In the JIT program,
// `onnx` times ONNX Runtime instead, on the same networks exported with CompiledNN's ONNX export (same weights).
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# Vector512 {Vector512.IsHardwareAccelerated}, Vector256 {Vector256.IsHardwareAccelerated}, Fma {Fma.IsSupported}"));
var small = new IrisNet(seed: 1);
var large = new Large(seed: 1) { MaxDegreeOfParallelism = 1 };
float[] smallRow = Inputs(IrisNet.InputSize);
float[] largeRows = Inputs(64 * Large.InputSize);
float[] outputs = new float[64 * Large.OutputSize];
#if ONNX_PEER
if (args.Length > 0 && args[0] == "onnx")
{
    string smallModel = Path.GetTempFileName(), largeModel = Path.GetTempFileName();
    CompiledNN.Persistence.Onnx.Export(small, smallModel);
    CompiledNN.Persistence.Onnx.Export(large, largeModel);
    using var smallPeer = new OnnxPeer(smallModel, smallRow, [1, IrisNet.InputSize], new float[IrisNet.OutputSize], [1, IrisNet.OutputSize], threads: 1);
    using var largeRow = new OnnxPeer(largeModel, largeRows.AsSpan(0, Large.InputSize).ToArray(), [1, Large.InputSize], new float[Large.OutputSize], [1, Large.OutputSize], threads: 1);
    using var largeBatch = new OnnxPeer(largeModel, largeRows, [64, Large.InputSize], outputs, [64, Large.OutputSize], threads: 1);
    args = [];
    Time("4-16-16-3 Predict", smallPeer.Run);
    Time("784-256-128-10 Predict", largeRow.Run);
    Time("784-256-128-10 PredictBatch 64", largeBatch.Run);
    File.Delete(smallModel);
    File.Delete(largeModel);
    return;
}

#endif
Time("4-16-16-3 Predict", () => small.Predict(smallRow, outputs.AsSpan(0, IrisNet.OutputSize)));
Time("784-256-128-10 Predict", () => large.Predict(largeRows.AsSpan(0, Large.InputSize), outputs.AsSpan(0, Large.OutputSize)));
Time("784-256-128-10 PredictBatch 64", () => large.PredictBatch(largeRows, outputs));

static float[] Inputs(int length)
{
    float[] inputs = new float[length];
    for (int k = 0; k < inputs.Length; k++)
    {
        inputs[k] = MathF.Sin(k * 0.37f);
    }

    return inputs;
}

void Time(string name, Action call)
{
    if (args.Length > 0 && !name.Contains(args[0], StringComparison.Ordinal))
    {
        return;
    }

    long calls = 0;
    var clock = Stopwatch.StartNew();
    while (clock.ElapsedMilliseconds < 1000)
    {
        call();
        calls++;
    }

    long perSample = Math.Max(1, calls / 10);
    using var process = Process.GetCurrentProcess();
    double[] samples = new double[15];
    for (int s = 0; s < samples.Length; s++)
    {
        process.Refresh();
        TimeSpan start = process.TotalProcessorTime;
        for (long c = 0; c < perSample; c++)
        {
            call();
        }

        process.Refresh();
        samples[s] = (process.TotalProcessorTime - start).TotalNanoseconds / perSample;
    }

    Array.Sort(samples);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}\t{samples[samples.Length / 2]:F0}"));
}
