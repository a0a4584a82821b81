using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;

namespace CompiledNN.Benchmarks.PeerComparison;

/// <summary>
/// Every shape of the comparison timed a second way: CompiledNN and ONNX Runtime, each on one thread and with its
/// defaults, take turns in blocks of about 2 ms in this one process, so that a slow phase of the shared machine falls on
/// all four alike, where BenchmarkDotNet times each case in turn, minutes apart. Each row gives the medians of the
/// blocks, ONNX Runtime's time over CompiledNN's (above 1 where CompiledNN is faster), and CompiledNN's time on one
/// thread over its time with the defaults (at least 1 where the defaults do not lose). Run on its own:
/// <c>dotnet run -c Release -- --interleaved [--quick]</c> after export_onnx.py.
/// </summary>
internal static class InterleavedSweep
{
    private const double BlockMilliseconds = 2;

    /// <summary>CompiledNN on one thread, ONNX Runtime on one thread, CompiledNN's defaults, ONNX Runtime's defaults.</summary>
    private const int Contestants = 4;

    /// <summary>The table: medians of 41 blocks per contestant, or of 15 when <paramref name="quick"/>.</summary>
    public static string Table(bool quick)
    {
        int blocks = quick ? 15 : 41;
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Every shape again, prediction with the two libraries' calls interleaved: CompiledNN and ONNX Runtime, one thread each and with each library's defaults, take turns in blocks of about {BlockMilliseconds:F0} ms in one process (medians of {blocks} blocks each, after 100 ms of warm-up). Ratio: ONNX Runtime's time over CompiledNN's; last column: CompiledNN on one thread over CompiledNN with its defaults.");
        text.AppendLine();
        text.AppendLine("| shape | batch | CompiledNN, 1 thread | ONNX Runtime, 1 thread | ratio | CompiledNN, defaults | ONNX Runtime, defaults | ratio | defaults' gain |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (string shape in PeerShapes.All.Concat(PeerShapes.Sweep))
        {
            foreach (int batch in new[] { 1, 64 })
            {
                double[] median = Medians(shape, batch, blocks);
                text.AppendLine(CultureInfo.InvariantCulture, $"| {shape} | {batch} | {Time(median[0])} | {Time(median[1])} | {median[1] / median[0]:F2} | {Time(median[2])} | {Time(median[3])} | {median[3] / median[2]:F2} | {median[0] / median[2]:F2} |");
            }
        }

        return text.ToString();
    }

    /// <summary>The median seconds per call of each contestant, over <paramref name="blocks"/> blocks taken in turn.</summary>
    private static double[] Medians(string shape, int batch, int blocks)
    {
        float[] inputs = PeerShapes.Data(shape, batch).Inputs;
        float[][] outputs = Enumerable.Range(0, Contestants).Select(_ => new float[batch * PeerShapes.Sizes(shape)[^1]]).ToArray();
        ITrainableNetwork one = PeerShapes.Create(shape, 1);
        ITrainableNetwork defaults = PeerShapes.Create(shape, threads: null);
        using var onnxOne = new OnnxPeer(shape, inputs, outputs[1], batch, 1);
        using var onnxDefaults = new OnnxPeer(shape, inputs, outputs[3], batch, threads: null);
        Action[] calls =
        [
            () => PeerShapes.Predict(one, inputs, outputs[0], batch),
            onnxOne.Run,
            () => PeerShapes.Predict(defaults, inputs, outputs[2], batch),
            onnxDefaults.Run,
        ];
        int[] callsPerBlock = calls.Select(CallsPerBlock).ToArray();
        double[][] seconds = calls.Select(_ => new double[blocks]).ToArray();
        for (int block = 0; block < blocks; block++)
        {
            // Each block starts with another contestant, so that none always follows the same one.
            for (int turn = 0; turn < Contestants; turn++)
            {
                int k = (block + turn) % Contestants;
                long start = Stopwatch.GetTimestamp();
                for (int call = 0; call < callsPerBlock[k]; call++)
                {
                    calls[k]();
                }

                seconds[k][block] = Stopwatch.GetElapsedTime(start).TotalSeconds / callsPerBlock[k];
            }
        }

        CheckAgreement(shape, batch, outputs);
        return seconds.Select(static s => s.Order().ElementAt(s.Length / 2)).ToArray();
    }

    /// <summary>Warms <paramref name="call"/> up for 100 ms, then counts how many calls fill a block.</summary>
    private static int CallsPerBlock(Action call)
    {
        long start = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(start).TotalMilliseconds < 100)
        {
            call();
        }

        int calls = 0;
        start = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(start).TotalMilliseconds < 10 * BlockMilliseconds)
        {
            call();
            calls++;
        }

        return Math.Max(1, calls / 10);
    }

    /// <summary>The four contestants must have computed the same predictions, or the times compare different work.</summary>
    private static void CheckAgreement(string shape, int batch, float[][] outputs)
    {
        for (int k = 1; k < Contestants; k++)
        {
            double largest = outputs[0].Zip(outputs[k], static (a, b) => Math.Abs(a - b)).Max();
            if (!(largest <= 1e-4))
            {
                throw new InvalidOperationException($"{shape}, batch {batch}: contestant {k}'s outputs differ from CompiledNN's on one thread by {largest:G3}, more than 1e-4.");
            }
        }
    }

    private static string Time(double seconds) => seconds < 1e-3
        ? string.Create(CultureInfo.InvariantCulture, $"{seconds * 1e6:F2} µs")
        : string.Create(CultureInfo.InvariantCulture, $"{seconds * 1e3:F2} ms");
}
