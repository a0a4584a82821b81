using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Text.RegularExpressions;

namespace CompiledNN.Benchmarks;

/// <summary>
/// The machine a benchmark ran on: CPU model and microarchitecture, caches, the instruction sets .NET uses, one core's
/// measured FMA peak and the core-to-core round trip, so that results from different machines are never confused.
/// </summary>
/// <param name="CpuModel">The model name, with family and model numbers (and the Zen generation for AMD).</param>
/// <param name="MachineType">A file-name-safe name of the CPU model, with the Zen generation for AMD (e.g. <c>amd-epyc-zen3</c>).</param>
/// <param name="Caches">cpu0's data caches, each with its size and sharing.</param>
/// <param name="PeakGflops">One core's rate of independent vector fused multiply-adds, in GFLOP/s (two per lane).</param>
/// <param name="PeakVector">The vector type of <paramref name="PeakGflops"/>'s loop.</param>
/// <param name="RoundTripNanoseconds">The core-to-core round trip of a cache line.</param>
internal sealed partial record MachineReport(string CpuModel, string MachineType, string Caches, double PeakGflops, string PeakVector, double RoundTripNanoseconds)
{
    public static string InstructionSets => string.Create(
        CultureInfo.InvariantCulture,
        $"Vector512 {Vector512.IsHardwareAccelerated}, Avx512F {Avx512F.IsSupported}, Avx2 {Avx2.IsSupported}, Fma {Fma.IsSupported}");

    public static MachineReport Measure()
    {
        Dictionary<string, string> cpu = CpuInfo();
        string model = cpu.GetValueOrDefault("model name", "unknown CPU");
        int family = int.Parse(cpu.GetValueOrDefault("cpu family", "0"), CultureInfo.InvariantCulture);
        int number = int.Parse(cpu.GetValueOrDefault("model", "0"), CultureInfo.InvariantCulture);
        string? zen = cpu.GetValueOrDefault("vendor_id") == "AuthenticAMD" ? Zen(family, number) : null;
        (double peak, string vector) = FmaPeak();
        return new MachineReport(
            $"{model} (family {family}, model {number}{(zen is null ? "" : ": " + zen)})",
            TypeOf(model, zen),
            CacheSizes(),
            peak,
            vector,
            CoreToCore.RoundTripNanoseconds());
    }

    /// <summary>The fraction of <see cref="PeakGflops"/> that <paramref name="flops"/> in <paramref name="seconds"/> reach.</summary>
    public double FractionOfPeak(double flops, double seconds) => flops / seconds / (PeakGflops * 1e9);

    /// <summary>The report as a Markdown list.</summary>
    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"""
        - CPU: {CpuModel}, {Environment.ProcessorCount} logical processors, {RuntimeInformation.OSDescription}
        - Data caches of cpu0: {Caches}
        - Instruction sets: {InstructionSets}
        - One core's FMA peak: {PeakGflops:F0} GFLOP/s ({PeakVector} fused multiply-adds, 12 independent chains, best of {PeakRuns} runs of 5 ms)
        - Core-to-core round trip of a cache line: {RoundTripNanoseconds:F0} ns

        """);

    private static Dictionary<string, string> CpuInfo()
    {
        var fields = new Dictionary<string, string>();
        foreach (string line in File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo") : [])
        {
            if (line.Length == 0)
            {
                break;
            }

            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                fields.TryAdd(line[..colon].Trim(), line[(colon + 1)..].Trim());
            }
        }

        return fields;
    }

    /// <summary>
    /// The Zen generation of an AMD family and model: virtual machines often show only "AMD EPYC", and Zen 3 and
    /// Zen 5 differ in vector width and caches.
    /// </summary>
    private static string Zen(int family, int model) => family switch
    {
        0x17 => model < 0x30 ? "Zen" : "Zen 2",
        0x19 => model is (>= 0x10 and <= 0x1F) or (>= 0x60 and <= 0x7F) or (>= 0xA0 and <= 0xAF) ? "Zen 4" : "Zen 3",
        0x1A => "Zen 5",
        _ => $"family {family:X}h",
    };

    /// <summary>The model name without trademarks, clock and core counts, in lower case joined by dashes.</summary>
    private static string TypeOf(string model, string? zen)
    {
        string name = NoiseWords().Replace(model, " ");
        if (zen is not null && !name.Contains("zen", StringComparison.OrdinalIgnoreCase))
        {
            name += " " + zen.Replace(" ", "", StringComparison.Ordinal);
        }

        return string.Join('-', NonAlphanumeric().Split(name.ToLowerInvariant()).Where(static w => w.Length > 0));
    }

    [GeneratedRegex(@"\((R|TM)\)|@.*|\bCPU\b|\bProcessor\b|\b\d+-Core\b", RegexOptions.IgnoreCase)]
    private static partial Regex NoiseWords();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonAlphanumeric();

    /// <summary>Each data cache of cpu0 with its size and, where shared, the number of processors sharing it.</summary>
    private static string CacheSizes()
    {
        const string Root = "/sys/devices/system/cpu/cpu0/cache";
        if (!Directory.Exists(Root))
        {
            return CacheSizesFromCpuid() ?? "unknown";
        }

        string Read(string index, string file) => File.Exists(Path.Combine(index, file)) ? File.ReadAllText(Path.Combine(index, file)).Trim() : "?";
        return string.Join(", ", Directory.GetDirectories(Root, "index*").Order(StringComparer.Ordinal)
            .Where(index => Read(index, "type") != "Instruction")
            .Select(index =>
            {
                string sharing = Read(index, "shared_cpu_list");
                string name = $"L{Read(index, "level")}{(Read(index, "type") == "Data" ? "d" : "")} {Read(index, "size")}";
                return sharing.Contains(',', StringComparison.Ordinal) || sharing.Contains('-', StringComparison.Ordinal) ? $"{name} (shared by cpus {sharing})" : $"{name} per core";
            }));
    }

    /// <summary>
    /// The data caches as the processor describes them, for machines whose kernel shows none in sysfs, as some virtual
    /// machines do: CPUID's deterministic cache leaf (4 on Intel, 0x8000001D on AMD), or AMD's older L1 and L2 leaves where
    /// a hypervisor leaves that one empty (their L3 field is left out: virtual machines fill it with nonsense).
    /// </summary>
    private static string? CacheSizesFromCpuid()
    {
        if (!X86Base.IsSupported)
        {
            return null;
        }

        (int highest, int vendorStart, int vendorEnd, int vendorMiddle) = X86Base.CpuId(0, 0);
        bool amd = vendorStart == 0x68747541 && vendorMiddle == 0x69746E65 && vendorEnd == 0x444D4163; // "Auth" "enti" "cAMD"
        const int AmdCaches = unchecked((int)0x8000001D);
        int highestExtended = X86Base.CpuId(unchecked((int)0x80000000), 0).Eax;
        var caches = new List<string>();
        int leaf = amd ? AmdCaches : 4;
        if (amd ? (uint)highestExtended >= 0x8000001Du : highest >= 4)
        {
            for (int index = 0; index < 16; index++)
            {
                (int eax, int ebx, int ecx, int _) = X86Base.CpuId(leaf, index);
                int type = eax & 0x1F;
                if (type == 0)
                {
                    break;
                }

                if (type != 2)
                {
                    long bytes = (long)(((ebx >> 22) & 0x3FF) + 1) * (((ebx >> 12) & 0x3FF) + 1) * ((ebx & 0xFFF) + 1) * (ecx + 1L);
                    int sharing = ((eax >> 14) & 0xFFF) + 1;
                    caches.Add($"L{(eax >> 5) & 7}{(type == 1 ? "d" : "")} {Size(bytes)}{(sharing > 1 ? $" (shared by up to {sharing} logical processors)" : " per core")}");
                }
            }
        }

        if (caches.Count == 0 && amd && (uint)highestExtended >= 0x80000006u)
        {
            int l1 = X86Base.CpuId(unchecked((int)0x80000005), 0).Ecx;
            int l2 = X86Base.CpuId(unchecked((int)0x80000006), 0).Ecx;
            caches.Add($"L1d {Size((long)((l1 >> 24) & 0xFF) << 10)} per core");
            caches.Add($"L2 {Size((long)((l2 >> 16) & 0xFFFF) << 10)} per core");
        }

        return caches.Count == 0 ? null : string.Join(", ", caches) + " (from CPUID)";
    }

    private static string Size(long bytes) => bytes >= 1 << 20 ? $"{bytes >> 20}M" : $"{bytes >> 10}K";

    // Many short runs rather than a few long ones: on a shared machine the best of them is the one no other process
    // interrupted.
    private const int PeakRuns = 40;

    /// <summary>The best of <see cref="PeakRuns"/> timed runs of about 5 ms each of the widest accelerated vector's FMA loop.</summary>
    private static (double Gflops, string Vector) FmaPeak()
    {
        bool wide = Vector512.IsHardwareAccelerated;
        int lanes = wide ? Vector512<float>.Count : Vector256<float>.Count;
        Func<long, float> loop = wide ? FmaLoop<Vector512<float>, Ops512> : FmaLoop<Vector256<float>, Ops256>;
        loop(1_000);
        long iterations = 100_000;
        while (Time(loop, iterations) < 0.01)
        {
            iterations *= 4;
        }

        iterations = (long)(iterations * 0.005 / Time(loop, iterations));
        double best = Enumerable.Range(0, PeakRuns).Min(_ => Time(loop, iterations));
        return (2.0 * lanes * 12 * iterations / best / 1e9, wide ? "Vector512" : "Vector256");
    }

    private static double Time(Func<long, float> loop, long iterations)
    {
        long start = Stopwatch.GetTimestamp();
        loop(iterations);
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    // Twelve independent accumulators cover an FMA latency of 4-6 cycles on two pipes; the multiplier just below 1 and
    // the small addend keep every value normal, so no denormal slows the loop.
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    private static float FmaLoop<TVector, TOps>(long iterations)
        where TOps : IVectorOps<TVector>
    {
        TVector m = TOps.Create(0.9999999f), c = TOps.Create(1e-7f);
        TVector a0 = TOps.Create(1f), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        for (long i = 0; i < iterations; i++)
        {
            a0 = TOps.Fma(a0, m, c);
            a1 = TOps.Fma(a1, m, c);
            a2 = TOps.Fma(a2, m, c);
            a3 = TOps.Fma(a3, m, c);
            a4 = TOps.Fma(a4, m, c);
            a5 = TOps.Fma(a5, m, c);
            a6 = TOps.Fma(a6, m, c);
            a7 = TOps.Fma(a7, m, c);
            a8 = TOps.Fma(a8, m, c);
            a9 = TOps.Fma(a9, m, c);
            a10 = TOps.Fma(a10, m, c);
            a11 = TOps.Fma(a11, m, c);
        }

        return TOps.Sum(a0) + TOps.Sum(a1) + TOps.Sum(a2) + TOps.Sum(a3) + TOps.Sum(a4) + TOps.Sum(a5)
            + TOps.Sum(a6) + TOps.Sum(a7) + TOps.Sum(a8) + TOps.Sum(a9) + TOps.Sum(a10) + TOps.Sum(a11);
    }

    // .NET 10 keeps its own vector interface internal; this one lets a single loop serve both widths.
    private interface IVectorOps<TVector>
    {
        static abstract TVector Create(float value);

        static abstract TVector Fma(TVector a, TVector b, TVector c);

        static abstract float Sum(TVector vector);
    }

    private readonly struct Ops512 : IVectorOps<Vector512<float>>
    {
        public static Vector512<float> Create(float value) => Vector512.Create(value);

        public static Vector512<float> Fma(Vector512<float> a, Vector512<float> b, Vector512<float> c) => Vector512.FusedMultiplyAdd(a, b, c);

        public static float Sum(Vector512<float> vector) => Vector512.Sum(vector);
    }

    private readonly struct Ops256 : IVectorOps<Vector256<float>>
    {
        public static Vector256<float> Create(float value) => Vector256.Create(value);

        public static Vector256<float> Fma(Vector256<float> a, Vector256<float> b, Vector256<float> c) => Vector256.FusedMultiplyAdd(a, b, c);

        public static float Sum(Vector256<float> vector) => Vector256.Sum(vector);
    }
}
