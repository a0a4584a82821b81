using System;
using System.Diagnostics;
using System.Linq;
using CompiledNN.Benchmarks.PeerComparison;
using CompiledNN.Runtime;

namespace CompiledNN.Benchmarks;

/// <summary>
/// 1 thread against 2 on a shared, noisy machine: short blocks of calls alternate between a network on one thread and one
/// on two, so all see the same load, and the fastest block of each (the least disturbed) gives the speed-up, the median
/// beside it. Two threads run twice: as the pool runs by default, and with its back-off after lost runs turned off (the
/// pool before it had one), so that a busy machine shows what the back-off saves. Run:
/// <c>dotnet run -c Release --project tests/CompiledNN.Benchmarks -- --threading</c> (<c>--quick</c>: one row, 64 and
/// 128 rows, 20 blocks).
/// </summary>
internal static class ThreadingReport
{
    private const string Shape = "784-256-128-10";

    private static readonly float[] Gradient = new float[Peer784x256x128x10.ParameterCount];
    private static readonly long FirstAloneTime = BatchParallelism.FirstAloneTime;
    private static readonly long LongestAloneTime = BatchParallelism.LongestAloneTime;

    public static void Print(bool quick)
    {
        int blocks = quick ? 20 : 40;
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

        // One thread, two threads as the pool runs, two threads without the back-off.
        Peer784x256x128x10[] networks = [Create(1), Create(2), Create(2)];
        int calls = Math.Max(2, 4096 / rows);
        // Long enough for tiered compilation to replace the first code (it waits 100 ms, then compiles in the background,
        // presumably on the core the helper needs: after 500 ms, the first measurement's two-thread median was still 3x
        // its fastest block in two runs of five).
        long warmUpStart = Stopwatch.GetTimestamp();
        for (int warmUp = 0; warmUp < 50 || Stopwatch.GetElapsedTime(warmUpStart).TotalMilliseconds < 2000; warmUp++)
        {
            for (int n = 0; n < networks.Length; n++)
            {
                BackOff(n != 2);
                call(networks[n], data);
            }
        }

        double[][] microseconds = [new double[blocks], new double[blocks], new double[blocks]];
        for (int block = 0; block < blocks; block++)
        {
            for (int k = 0; k < networks.Length; k++)
            {
                int which = (block + k) % networks.Length;
                BackOff(which != 2);
                long start = Stopwatch.GetTimestamp();
                for (int c = 0; c < calls; c++)
                {
                    call(networks[which], data);
                }

                microseconds[which][block] = Stopwatch.GetElapsedTime(start).TotalMicroseconds / calls;
            }
        }

        BackOff(true);
        double[] min = microseconds.Select(static m => m.Min()).ToArray();
        double[] median = microseconds.Select(Median).ToArray();
        Console.WriteLine(
            $"{name,-12} {rows,5} rows: 1 thread {min[0],8:F0} µs (median {median[0],8:F0}) | 2 threads {min[1],8:F0} µs (median {median[1],8:F0}) | speed-up {min[0] / min[1]:F2} (medians {median[0] / median[1]:F2})"
            + $" | no back-off {min[2],8:F0} µs (median {median[2],8:F0}), speed-up {min[0] / min[2]:F2} (medians {median[0] / median[2]:F2}) | round trip {CoreToCore.RoundTripNanoseconds():F0} ns");
    }

    /// <summary>Turns the pool's back-off after lost runs on (as by default) or off, forgetting the runs lost so far.</summary>
    private static void BackOff(bool on)
    {
        BatchParallelism.FirstAloneTime = on ? FirstAloneTime : 0;
        BatchParallelism.LongestAloneTime = on ? LongestAloneTime : 0;
        if (!on)
        {
            BatchParallelism.ForgetLostRuns();
        }
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
