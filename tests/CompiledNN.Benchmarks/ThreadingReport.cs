using System;
using System.Diagnostics;
using System.Linq;
using CompiledNN.Benchmarks.PeerComparison;

namespace CompiledNN.Benchmarks;

/// <summary>
/// 1 thread against 2 on a shared, noisy machine: short blocks of calls alternate between a network on one thread and one
/// on two, so both see the same load, and the fastest block of each (the least disturbed) gives the speed-up. The
/// median is printed beside it. Run: <c>dotnet run -c Release --project tests/CompiledNN.Benchmarks -- --threading</c>.
/// </summary>
internal static class ThreadingReport
{
    private const string Shape = "784-256-128-10";
    private const int Blocks = 40;

    private static readonly float[] Gradient = new float[Peer784x256x128x10.ParameterCount];

    public static void Print()
    {
        Console.WriteLine($"{Shape}, Adam; {Environment.ProcessorCount} processors; load average {LoadAverage()}; core-to-core round trip {CoreToCore.RoundTripNanoseconds():F0} ns");
        // One row: its large layers share their units between the threads.
        Measure("Predict", 1, static (network, data) => network.Predict(data.Inputs, data.Outputs));

        // 64 rows: one training block, but two prediction blocks of 32 rows.
        Measure("PredictBatch", 64, static (network, data) => network.PredictBatch(data.Inputs, data.Outputs));
        foreach (int rows in new[] { 128, 256, 1024 })
        {
            Measure("TrainBatch", rows, static (network, data) => network.TrainBatch(data.Inputs, data.Targets));

            // The same forward and backward passes without the optimizer step, which runs on the calling thread.
            Measure("  gradient", rows, static (network, data) => network.ComputeGradient(data.Inputs, data.Targets, Gradient));
            Measure("PredictBatch", rows, static (network, data) => network.PredictBatch(data.Inputs, data.Outputs));
        }

        Console.WriteLine($"load average {LoadAverage()}; core-to-core round trip {CoreToCore.RoundTripNanoseconds():F0} ns");
    }

    private static void Measure(string name, int rows, Action<Peer784x256x128x10, (float[] Inputs, float[] Targets, float[] Outputs)> call)
    {
        (float[] inputs, float[] targets) = PeerShapes.Data(Shape, rows);
        var data = (inputs, targets, new float[rows * Peer784x256x128x10.OutputSize]);
        Peer784x256x128x10[] networks = [Create(1), Create(2)];
        int calls = Math.Max(2, 4096 / rows);
        // Long enough for tiered compilation to replace the first code (it waits 100 ms, then compiles in the background,
        // presumably on the core the helper needs: after 500 ms, the first measurement's two-thread median was still 3x
        // its fastest block in two runs of five).
        long warmUpStart = Stopwatch.GetTimestamp();
        for (int warmUp = 0; warmUp < 50 || Stopwatch.GetElapsedTime(warmUpStart).TotalMilliseconds < 2000; warmUp++)
        {
            call(networks[0], data);
            call(networks[1], data);
        }

        double[][] microseconds = [new double[Blocks], new double[Blocks]];
        for (int block = 0; block < Blocks; block++)
        {
            for (int k = 0; k < 2; k++)
            {
                int which = (block & 1) == 0 ? k : 1 - k;
                long start = Stopwatch.GetTimestamp();
                for (int c = 0; c < calls; c++)
                {
                    call(networks[which], data);
                }

                microseconds[which][block] = Stopwatch.GetElapsedTime(start).TotalMicroseconds / calls;
            }
        }

        double min1 = microseconds[0].Min(), min2 = microseconds[1].Min();
        double median1 = Median(microseconds[0]), median2 = Median(microseconds[1]);
        Console.WriteLine($"{name,-12} {rows,5} rows: 1 thread {min1,8:F0} µs (median {median1,8:F0}) | 2 threads {min2,8:F0} µs (median {median2,8:F0}) | speed-up {min1 / min2:F2} (medians {median1 / median2:F2}) | round trip {CoreToCore.RoundTripNanoseconds():F0} ns");
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
