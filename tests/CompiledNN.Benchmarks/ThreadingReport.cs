using System;
using System.Diagnostics;
using System.Linq;
using CompiledNN.Benchmarks.PeerComparison;
using CompiledNN.Runtime;

namespace CompiledNN.Benchmarks;

/// <summary>
/// 1 thread against 2 on a shared, noisy machine: short blocks of calls alternate between a network on one thread and one
/// with the pool's defaults (every processor), so both see the same load. The speed-up is given three ways: by the
/// fastest block of each (the least disturbed), by their medians, and by their total times (what a program calling in a
/// loop gets, every lost run included). Run:
/// <c>dotnet run -c Release --project tests/CompiledNN.Benchmarks -- --threading</c> (<c>--quick</c>: one row, 64 and
/// 128 rows, 20 blocks; <c>--busy</c>: with another process keeping a processor busy throughout, the way a second
/// thread loses).
/// </summary>
internal static class ThreadingReport
{
    private const string Shape = "784-256-128-10";

    private static readonly float[] Gradient = new float[Peer784x256x128x10.ParameterCount];

    public static void Print(bool quick, bool busy)
    {
        using Process? competitor = busy ? StartCompetitor() : null;
        try
        {
            Print(quick ? 20 : 40, quick);
        }
        finally
        {
            competitor?.Kill();
        }
    }

    private static void Print(int blocks, bool quick)
    {
        Console.WriteLine($"{Shape}, Adam; {Environment.ProcessorCount} processors; load average {LoadAverage()}; core-to-core round trip {CoreToCore.RoundTripNanoseconds():F0} ns");
        // One row: its large layers share their units between the threads.
        Measure("Predict", 1, blocks, static (network, data) => network.Predict(data.Inputs, data.Outputs));

        // 64 rows: one training block, but two prediction blocks of 32 rows.
        Measure("PredictBatch", 64, blocks, static (network, data) => network.PredictBatch(data.Inputs, data.Outputs));
        foreach (int rows in quick ? new[] { 128 } : new[] { 128, 256, 1024 })
        {
            Measure("TrainBatch", rows, blocks, static (network, data) => network.TrainBatch(data.Inputs, data.Targets));

            // The same forward and backward passes without the optimizer step, which runs on the calling thread.
            Measure("  gradient", rows, blocks, static (network, data) => network.ComputeGradient(data.Inputs, data.Targets, Gradient));
            if (!quick)
            {
                Measure("PredictBatch", rows, blocks, static (network, data) => network.PredictBatch(data.Inputs, data.Outputs));
            }
        }

        Console.WriteLine($"load average {LoadAverage()}; core-to-core round trip {CoreToCore.RoundTripNanoseconds():F0} ns");
    }

    private static void Measure(string name, int rows, int blocks, Action<Peer784x256x128x10, (float[] Inputs, float[] Targets, float[] Outputs)> call)
    {
        (float[] inputs, float[] targets) = PeerShapes.Data(Shape, rows);
        var data = (inputs, targets, new float[rows * Peer784x256x128x10.OutputSize]);

        // One thread, and the defaults (every processor).
        Peer784x256x128x10[] networks = [Create(1), Create(Environment.ProcessorCount)];
        int calls = Math.Max(2, 4096 / rows);
        // Long enough for tiered compilation to replace the first code (it waits 100 ms, then compiles in the background,
        // presumably on the core the helper needs: after 500 ms, the first measurement's two-thread median was still 3x
        // its fastest block in two runs of five).
        long warmUpStart = Stopwatch.GetTimestamp();
        for (int warmUp = 0; warmUp < 50 || Stopwatch.GetElapsedTime(warmUpStart).TotalMilliseconds < 2000; warmUp++)
        {
            foreach (Peer784x256x128x10 network in networks)
            {
                call(network, data);
            }
        }

        double[][] microseconds = [new double[blocks], new double[blocks]];
        for (int block = 0; block < blocks; block++)
        {
            for (int k = 0; k < networks.Length; k++)
            {
                int which = (block + k) % networks.Length;
                long start = Stopwatch.GetTimestamp();
                for (int c = 0; c < calls; c++)
                {
                    call(networks[which], data);
                }

                microseconds[which][block] = Stopwatch.GetElapsedTime(start).TotalMicroseconds / calls;
            }
        }

        double[] min = microseconds.Select(static m => m.Min()).ToArray();
        double[] median = microseconds.Select(Median).ToArray();
        double[] total = microseconds.Select(static m => m.Sum()).ToArray();
        Console.WriteLine(
            $"{name,-12} {rows,5} rows: 1 thread {min[0],8:F0} µs (median {median[0],8:F0}, mean {total[0] / blocks,8:F0}) | defaults {min[1],8:F0} µs (median {median[1],8:F0}, mean {total[1] / blocks,8:F0})"
            + $" | speed-up {min[0] / min[1]:F2} (medians {median[0] / median[1]:F2}, totals {total[0] / total[1]:F2}) | round trip {CoreToCore.RoundTripNanoseconds():F0} ns");
    }

    /// <summary>Another process that keeps one processor busy until it is killed.</summary>
    private static Process StartCompetitor()
    {
        var competitor = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", "while :; do :; done"]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("Could not start /bin/sh for the competing process.");
        Console.WriteLine($"competing process {competitor.Id}: /bin/sh spinning");
        return competitor;
    }

    private static Peer784x256x128x10 Create(int threads)
    {
        var network = new Peer784x256x128x10 { MaxDegreeOfParallelism = threads };
        network.SetParameters(PeerShapes.Parameters(Shape));
        return network;
    }

    private static double Median(double[] values) => values.Order().ElementAt(values.Length / 2);

    private static string LoadAverage() => System.IO.File.Exists("/proc/loadavg") ? System.IO.File.ReadAllText("/proc/loadavg").Trim() : "unknown";
}
