using System;
using System.Linq;

namespace CompiledNN.Tests.Helpers;

/// <summary>Allocation measured on the calling thread, robust to the runtime's own one-off allocations.</summary>
internal static class Allocations
{
    /// <summary>
    /// The least that <paramref name="rounds"/> rounds of <paramref name="calls"/> allocated in any of three windows:
    /// garbage made per call shows in every window, while a one-off allocation of the runtime on this thread (tiered JIT
    /// promoting a method mid-run) shows in one at most. Warm up first: the first calls may JIT and grow scratch.
    /// </summary>
    /// <returns>The bytes of each window, for the failure message, and their minimum.</returns>
    public static (long Least, long[] Windows) LeastOfThreeWindows(Action calls, int rounds)
    {
        long[] windows = new long[3];
        for (int window = 0; window < windows.Length; window++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < rounds; i++)
            {
                calls();
            }

            windows[window] = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        return (windows.Min(), windows);
    }
}
