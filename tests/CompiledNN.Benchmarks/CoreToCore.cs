using System.Diagnostics;
using System.Threading;

namespace CompiledNN.Benchmarks;

/// <summary>
/// The time for a cache line to go from one core to another and back: two threads take turns writing one field and
/// waiting for the other's write. It is what every hand-over between threads costs at least, and on the 2-core virtual
/// machine these benchmarks ran on it switched between ~90 ns and ~400 ns from minute to minute (the host moving its
/// cores), so the reports print it beside their numbers.
/// </summary>
internal static class CoreToCore
{
    /// <summary>The median round trip of 20 blocks of 5,000, in nanoseconds.</summary>
    public static double RoundTripNanoseconds()
    {
        const int Blocks = 20;
        const int Trips = 5_000;
        long[] turn = new long[32];
        double[] blocks = new double[Blocks];
        for (int block = 0; block < Blocks; block++)
        {
            Volatile.Write(ref turn[16], 0);
            var other = new Thread(() =>
            {
                for (long i = 1; i <= Trips; i++)
                {
                    while (Volatile.Read(ref turn[16]) != (2 * i) - 1)
                    {
                    }

                    Volatile.Write(ref turn[16], 2 * i);
                }
            });
            other.Start();
            long start = Stopwatch.GetTimestamp();
            for (long i = 1; i <= Trips; i++)
            {
                Volatile.Write(ref turn[16], (2 * i) - 1);
                while (Volatile.Read(ref turn[16]) != 2 * i)
                {
                }
            }

            blocks[block] = Stopwatch.GetElapsedTime(start).TotalNanoseconds / Trips;
            other.Join();
        }

        System.Array.Sort(blocks);
        return blocks[Blocks / 2];
    }
}
