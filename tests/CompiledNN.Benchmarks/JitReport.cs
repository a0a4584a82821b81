using System;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime;
using CompiledNN.Benchmarks.Networks;

namespace CompiledNN.Benchmarks;

/// <summary>
/// The one-time cost of each code shape: the IL size of the layer's one-row method (its straight-line code when unrolled) and the time the JIT spends on the first
/// Predict (Tier0 with tiered compilation; run with <c>DOTNET_TieredCompilation=0</c> for the fully optimised compile).
/// The JIT compiles methods over about 60 KB of IL (or with too many locals or blocks) without optimisation, so the
/// IL size shows where straight-line code stops being worth it whatever the steady-state speed.
/// </summary>
internal static class JitReport
{
    public static void Print()
    {
        Console.WriteLine("| network | weights | Dense1Row IL bytes | first Predict: JIT ms | first Predict: wall ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        Measure(new Unrolled4x4(), new Vectorized4x4());
        Measure(new Unrolled16x16(), new Vectorized16x16());
        Measure(new Unrolled16x64(), new Vectorized16x64());
        Measure(new Unrolled32x32(), new Vectorized32x32());
        Measure(new Unrolled64x16(), new Vectorized64x16());
        Measure(new Unrolled32x64(), new Vectorized32x64());
        Measure(new Unrolled128x16(), new Vectorized128x16());
        Measure(new Unrolled64x64(), new Vectorized64x64());
        Measure(new Unrolled128x32(), new Vectorized128x32());
    }

    private static void Measure(params INetwork[] networks)
    {
        foreach (INetwork network in networks)
        {
            MethodInfo linear = network.GetType().GetMethod("Dense1Row", BindingFlags.Instance | BindingFlags.NonPublic)
                ?? throw new InvalidOperationException($"{network.GetType().Name} has no Dense1Row.");
            int ilBytes = linear.GetMethodBody()!.GetILAsByteArray()!.Length;

            float[] input = new float[network.InputSize];
            float[] output = new float[network.OutputSize];
            TimeSpan jitBefore = JitInfo.GetCompilationTime(currentThread: true);
            long start = Stopwatch.GetTimestamp();
            network.Predict(input, output);
            TimeSpan wall = Stopwatch.GetElapsedTime(start);
            TimeSpan jit = JitInfo.GetCompilationTime(currentThread: true) - jitBefore;

            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {network.GetType().Name} | {network.ParameterCount - network.OutputSize} | {ilBytes} | {jit.TotalMilliseconds:F2} | {wall.TotalMilliseconds:F2} |"));
        }
    }
}
