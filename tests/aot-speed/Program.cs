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
// figures less than wall-clock time would. One thread, so that the figures compare instruction sets, not cores; only
// the 784-64-10 pair, trainable and baked, runs with the defaults and is timed by the wall clock.
// An argument times only the calls whose name contains it (for a profiler: AotSpeed Batch). In the JIT program,
// `onnx` times ONNX Runtime instead, on the same networks exported with CompiledNN's ONNX export (same weights).
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# Vector512 {Vector512.IsHardwareAccelerated}, Vector256 {Vector256.IsHardwareAccelerated}, Fma {Fma.IsSupported}, processors {Environment.ProcessorCount}"));
var small = new IrisNet(seed: 1);
var large = new Large(seed: 1) { MaxDegreeOfParallelism = 1 };
var fashion = new Fashion();
float[] smallRow = Inputs(IrisNet.InputSize);
float[] smallRows = Inputs(64 * IrisNet.InputSize);
float[] largeRows = Inputs(64 * Large.InputSize);
float[] outputs = new float[64 * Large.OutputSize];
Console.WriteLine($"# baked gives the trainable network's bits: {BakedGivesTrainableBits()}");
#if ONNX_PEER
if (args.Length > 0 && args[0] == "onnx")
{
    string smallModel = Path.GetTempFileName(), largeModel = Path.GetTempFileName(), fashionModel = Path.GetTempFileName();
    CompiledNN.Persistence.Onnx.Export(small, smallModel);
    CompiledNN.Persistence.Onnx.Export(large, largeModel);
    CompiledNN.Persistence.Onnx.Export(fashion, fashionModel);
    using var smallPeer = new OnnxPeer(smallModel, smallRow, [1, IrisNet.InputSize], new float[IrisNet.OutputSize], [1, IrisNet.OutputSize], threads: 1);
    using var smallBatch = new OnnxPeer(smallModel, smallRows, [64, IrisNet.InputSize], new float[64 * IrisNet.OutputSize], [64, IrisNet.OutputSize], threads: 1);
    using var largeRow = new OnnxPeer(largeModel, largeRows.AsSpan(0, Large.InputSize).ToArray(), [1, Large.InputSize], new float[Large.OutputSize], [1, Large.OutputSize], threads: 1);
    using var largeBatch = new OnnxPeer(largeModel, largeRows, [64, Large.InputSize], outputs, [64, Large.OutputSize], threads: 1);
    using var fashionRow = new OnnxPeer(fashionModel, largeRows.AsSpan(0, Fashion.InputSize).ToArray(), [1, Fashion.InputSize], new float[Fashion.OutputSize], [1, Fashion.OutputSize], threads: null);
    using var fashionBatch = new OnnxPeer(fashionModel, largeRows, [64, Fashion.InputSize], new float[64 * Fashion.OutputSize], [64, Fashion.OutputSize], threads: null);
    args = [];
    Time("4-16-16-3 Predict", smallPeer.Run);
    Time("4-16-16-3 PredictBatch 64", smallBatch.Run);
    Time("784-256-128-10 Predict", largeRow.Run);
    Time("784-256-128-10 PredictBatch 64", largeBatch.Run);
    Time("784-64-10 Predict (defaults, wall clock)", fashionRow.Run, wallClock: true);
    Time("784-64-10 PredictBatch 64 (defaults, wall clock)", fashionBatch.Run, wallClock: true);
    File.Delete(smallModel);
    File.Delete(largeModel);
    File.Delete(fashionModel);
    return;
}

#endif
Time("4-16-16-3 Predict", () => small.Predict(smallRow, outputs.AsSpan(0, IrisNet.OutputSize)));
Time("4-16-16-3 PredictBatch 64", () => small.PredictBatch(smallRows, outputs.AsSpan(0, 64 * IrisNet.OutputSize)));
Time("784-256-128-10 Predict", () => large.Predict(largeRows.AsSpan(0, Large.InputSize), outputs.AsSpan(0, Large.OutputSize)));
Time("784-256-128-10 PredictBatch 64", () => large.PredictBatch(largeRows, outputs));

// The baked network has no thread setting: it and its trainable twin run with the defaults, timed by the wall clock
// (processor time would count the helper thread's wait).
Time("784-64-10 Predict (defaults, wall clock)", () => fashion.Predict(largeRows.AsSpan(0, Fashion.InputSize), outputs.AsSpan(0, Fashion.OutputSize)), wallClock: true);
Time("784-64-10 PredictBatch 64 (defaults, wall clock)", () => fashion.PredictBatch(largeRows, outputs.AsSpan(0, 64 * Fashion.OutputSize)), wallClock: true);
Time("784-64-10 baked Predict (defaults, wall clock)", () => BakedFashion.Predict(largeRows.AsSpan(0, BakedFashion.InputSize), outputs.AsSpan(0, BakedFashion.OutputSize)), wallClock: true);
Time("784-64-10 baked PredictBatch 64 (defaults, wall clock)", () => BakedFashion.PredictBatch(largeRows, outputs.AsSpan(0, 64 * BakedFashion.OutputSize)), wallClock: true);
Ratio("784-64-10 baked / trainable Predict", () => fashion.Predict(largeRows.AsSpan(0, Fashion.InputSize), outputs.AsSpan(0, Fashion.OutputSize)), () => BakedFashion.Predict(largeRows.AsSpan(0, BakedFashion.InputSize), outputs.AsSpan(0, BakedFashion.OutputSize)));
Ratio("784-64-10 baked / trainable PredictBatch 64", () => fashion.PredictBatch(largeRows, outputs.AsSpan(0, 64 * Fashion.OutputSize)), () => BakedFashion.PredictBatch(largeRows, outputs.AsSpan(0, 64 * BakedFashion.OutputSize)));

// Row by row and in one batch of 64, bit for bit.
bool BakedGivesTrainableBits()
{
    float[] trainable = new float[64 * Fashion.OutputSize], baked = new float[64 * Fashion.OutputSize];
    fashion.PredictBatch(largeRows, trainable);
    BakedFashion.PredictBatch(largeRows, baked);
    bool same = trainable.AsSpan().SequenceEqual(baked);
    for (int row = 0; row < 64; row++)
    {
        fashion.Predict(largeRows.AsSpan(row * Fashion.InputSize, Fashion.InputSize), trainable.AsSpan(0, Fashion.OutputSize));
        BakedFashion.Predict(largeRows.AsSpan(row * Fashion.InputSize, Fashion.InputSize), baked.AsSpan(0, Fashion.OutputSize));
        same &= trainable.AsSpan(0, Fashion.OutputSize).SequenceEqual(baked.AsSpan(0, Fashion.OutputSize));
    }

    return same;
}

// The median over 201 pairs of blocks of the second call's time over the first's, each pair run back to back in
// alternating order, so that a shared machine's load falls on both alike.
void Ratio(string name, Action first, Action second)
{
    if (!Selected(name))
    {
        return;
    }

    long perBlock = Math.Max(1, WarmUp(() => { first(); second(); }) / 500);
    double[] ratios = new double[201];
    for (int pair = 0; pair < ratios.Length; pair++)
    {
        double a, b;
        if (pair % 2 == 0)
        {
            a = Block(first);
            b = Block(second);
        }
        else
        {
            b = Block(second);
            a = Block(first);
        }

        ratios[pair] = b / a;
    }

    Array.Sort(ratios);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}\t{ratios[ratios.Length / 2]:F3}"));

    double Block(Action call)
    {
        long start = Stopwatch.GetTimestamp();
        for (long c = 0; c < perBlock; c++)
        {
            call();
        }

        return Stopwatch.GetTimestamp() - start;
    }
}

bool Selected(string name) => args.Length == 0 || name.Contains(args[0], StringComparison.Ordinal);

// Calls for a second (the JIT's tiers settle in it) and returns how many calls that was.
static long WarmUp(Action call)
{
    long calls = 0;
    var clock = Stopwatch.StartNew();
    while (clock.ElapsedMilliseconds < 1000)
    {
        call();
        calls++;
    }

    return calls;
}

static float[] Inputs(int length)
{
    float[] inputs = new float[length];
    for (int k = 0; k < inputs.Length; k++)
    {
        inputs[k] = MathF.Sin(k * 0.37f);
    }

    return inputs;
}

void Time(string name, Action call, bool wallClock = false)
{
    if (!Selected(name))
    {
        return;
    }

    long perSample = Math.Max(1, WarmUp(call) / 10);
    var clock = Stopwatch.StartNew();
    using var process = Process.GetCurrentProcess();
    double[] samples = new double[15];
    for (int s = 0; s < samples.Length; s++)
    {
        process.Refresh();
        TimeSpan start = wallClock ? clock.Elapsed : process.TotalProcessorTime;
        for (long c = 0; c < perSample; c++)
        {
            call();
        }

        process.Refresh();
        samples[s] = ((wallClock ? clock.Elapsed : process.TotalProcessorTime) - start).TotalNanoseconds / perSample;
    }

    Array.Sort(samples);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}\t{samples[samples.Length / 2]:F0}"));
}
