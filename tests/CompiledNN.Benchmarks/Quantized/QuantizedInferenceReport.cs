using System;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace CompiledNN.Benchmarks.Quantized;

/// <summary>
/// The int8 comparison on a shared, noisy machine: short blocks of calls rotate through the four predictions so all see
/// the same load; the fastest block of each (the least disturbed) gives the ratios, the median is printed beside it. It
/// also checks that the four agree on each row's class. Run: <c>dotnet run -c Release --project tests/CompiledNN.Benchmarks -- --int8</c>.
/// </summary>
internal static class QuantizedInferenceReport
{
    private const int Blocks = 30;

    public static void Print()
    {
        Console.WriteLine($"{Environment.ProcessorCount} processors; load average {LoadAverage()}");
        foreach (string shape in new[] { "784-256-128-10", "3072-512-10" })
        {
            foreach (int rows in new[] { 1, 64 })
            {
                Measure(shape, rows);
            }
        }

        Console.WriteLine($"load average {LoadAverage()}");
    }

    private static void Measure(string shape, int rows)
    {
        using var peers = new QuantizedPeers(shape, rows);
        int calls = Math.Max(2, (shape == "3072-512-10" ? 256 : 1024) / rows);
        long warmUpStart = Stopwatch.GetTimestamp();
        for (int warmUp = 0; warmUp < 20 || Stopwatch.GetElapsedTime(warmUpStart).TotalMilliseconds < 1500; warmUp++)
        {
            for (int which = 0; which < 4; which++)
            {
                peers.Run(which);
            }
        }

        var microseconds = new double[4][];
        for (int which = 0; which < 4; which++)
        {
            microseconds[which] = new double[Blocks];
        }

        for (int block = 0; block < Blocks; block++)
        {
            for (int k = 0; k < 4; k++)
            {
                int which = (block + k) % 4;
                long start = Stopwatch.GetTimestamp();
                for (int c = 0; c < calls; c++)
                {
                    peers.Run(which);
                }

                microseconds[which][block] = Stopwatch.GetElapsedTime(start).TotalMicroseconds / calls;
            }
        }

        double[] fastest = [.. microseconds.Select(static m => m.Min())];
        double[] median = [.. microseconds.Select(static m => m.Order().ElementAt(m.Length / 2))];
        Console.WriteLine($"{shape}, {rows} row(s), load average {LoadAverage()}:");
        for (int which = 0; which < 4; which++)
        {
            Console.WriteLine($"  {QuantizedPeers.Names[which],-22} {fastest[which],10:F1} µs (median {median[which],10:F1}) | CompiledNN float32 / this {fastest[0] / fastest[which],5:F2} (medians {median[0] / median[which],5:F2})");
        }

        Console.WriteLine($"  CompiledNN int8 against ONNX Runtime int8: {fastest[3] / fastest[1]:F2}x as fast (medians {median[3] / median[1]:F2}x); classes agree with CompiledNN float32 on {Agreement(peers, rows)}");
    }

    private static string Agreement(QuantizedPeers peers, int rows)
    {
        int classes = peers.Outputs[0].Length / rows;
        return string.Join(", ", Enumerable.Range(1, 3).Select(which =>
        {
            int agree = Enumerable.Range(0, rows).Count(r =>
                Runtime.Kernels.ArgMax(peers.Outputs[which].AsSpan(r * classes, classes)) == Runtime.Kernels.ArgMax(peers.Outputs[0].AsSpan(r * classes, classes)));
            return $"{QuantizedPeers.Names[which]} {agree}/{rows}";
        }));
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";
}
