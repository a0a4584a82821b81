using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Emit;

namespace CompiledNN.Benchmarks.GeneratorCost;

/// <summary>
/// The generator's cost on <see cref="GeneratorWorkload"/> in one short run: the size of the generated C# (files, bytes,
/// per network and for the README's 4-16-16-3 network alone), the proof that an unrelated edit reuses every step, and
/// Stopwatch times of the three operations of <see cref="GeneratorCostBenchmarks"/> (the first call in the process, then
/// the median of the next ones). It fails if a declaration is invalid or the output does not compile cleanly.
/// </summary>
internal static class GeneratorCostReport
{
    /// <summary>Prints the report; the compile is timed at most twice more, as it takes seconds to minutes.</summary>
    public static void Print(int repetitions)
    {
        int compileRepetitions = Math.Min(repetitions, 2);
        GeneratorWorkload workload = GeneratorWorkload.Create();
        CheckDeclarations(workload.Compilation);

        Timing generate = Time(repetitions, () => GeneratorWorkload.CreateDriver().RunGenerators(workload.Compilation.Clone()));
        GeneratorDriver warm = GeneratorWorkload.CreateDriver().RunGeneratorsAndUpdateCompilation(workload.Compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        GeneratorDriverRunResult run = warm.GetRunResult();
        if (!generatorDiagnostics.IsEmpty || run.Results.Any(static r => r.Exception is not null))
        {
            throw new InvalidOperationException("The generator reported: " + string.Join("\n", generatorDiagnostics) + string.Join("\n", run.Results.Select(static r => r.Exception)));
        }

        Timing rerun = Time(repetitions, () => warm.RunGenerators(workload.Edited.Clone()));
        CacheCheck cache = CheckCached(workload);

        long assemblyBytes = 0;
        Timing compile = Time(compileRepetitions, () =>
        {
            using var stream = new MemoryStream();
            EmitResult result = output.Clone().Emit(stream);
            Diagnostic[] problems = [.. result.Diagnostics.Where(static d => d.Severity >= DiagnosticSeverity.Warning)];
            if (!result.Success || problems.Length > 0)
            {
                throw new InvalidOperationException("The generated code does not compile cleanly:\n" + string.Join("\n", problems.Take(20)));
            }

            assemblyBytes = stream.Length;
        });

        ImmutableArray<GeneratedSourceResult> sources = run.Results.SelectMany(static r => r.GeneratedSources).ToImmutableArray();
        Dictionary<string, (int Files, long Bytes, long Lines)> perNetwork = sources
            .GroupBy(static s => NetworkOf(s.HintName))
            .ToDictionary(static g => g.Key, static g => (g.Count(), g.Sum(static s => Bytes(s.SourceText.ToString())), g.Sum(static s => (long)s.SourceText.Lines.Count)));
        if (perNetwork.Count != GeneratorWorkload.Networks)
        {
            throw new InvalidOperationException($"{perNetwork.Count} networks were generated, not {GeneratorWorkload.Networks}.");
        }

        long totalBytes = perNetwork.Values.Sum(static n => n.Bytes);
        long totalLines = perNetwork.Values.Sum(static n => n.Lines);
        var small = perNetwork.Where(static n => n.Key.StartsWith("Workload.Net", StringComparison.Ordinal)).Select(static n => n.Value.Bytes).Order().ToList();
        var mnist = perNetwork.Where(static n => n.Key.StartsWith("Workload.Mnist", StringComparison.Ordinal)).Select(static n => n.Value.Bytes).ToList();
        (int irisFiles, long irisBytes, long irisLines) = Alone(GeneratorWorkload.IrisNet);

        var text = new StringBuilder();
        void Line(FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));
        Line($"Workload: {GeneratorWorkload.SmallNetworks} small networks (seed {GeneratorWorkload.Seed}) and {GeneratorWorkload.MnistNetworks} of 784-256-128-10 (ReLU, ReLU, Softmax, Adam), each in its own file; analyzers: no warning or error.");
        Line($"Roslyn {typeof(Compilation).Assembly.GetName().Version}, C# {GeneratorWorkload.ParseOptions.LanguageVersion.MapSpecifiedToEffectiveVersion().ToDisplayString()}, {Environment.ProcessorCount} logical processors; times are the first call in this process, then the median of {repetitions} more ({compileRepetitions} for the compile).");
        Line($"");
        Line($"| operation | first call | median | median CPU (all threads) | per network (median) |");
        Line($"|---|---:|---:|---:|---:|");
        Line($"| generate (fresh driver, 100 networks) | {generate.First:F0} ms | {generate.Median:F0} ms | {generate.MedianCpu:F0} ms | {generate.Median / GeneratorWorkload.Networks:F2} ms |");
        Line($"| re-run after an unrelated edit (same driver) | {rerun.First:F1} ms | {rerun.Median:F1} ms | {rerun.MedianCpu:F0} ms | {rerun.Median / GeneratorWorkload.Networks:F3} ms |");
        Line($"| compile (emit, Release, to memory) | {compile.First:F0} ms | {compile.Median:F0} ms | {compile.MedianCpu:F0} ms | {compile.Median / GeneratorWorkload.Networks:F1} ms |");
        Line($"");
        Line($"Re-run (trackIncrementalGeneratorSteps): all {cache.Outputs} source outputs Cached; the other {cache.Steps} step outputs Cached or Unchanged,");
        Line($"among them {cache.Specs} NetworkSpecs Unchanged: Roslyn runs each attributed class's transform again on a new compilation");
        Line($"({cache.CompilationOutputs} outputs of its Compilation and compilationAndGroupedNodes steps are Modified) and the equal spec stops the run there.");
        Line($"");
        Line($"| generated C# | files | bytes | lines |");
        Line($"|---|---:|---:|---:|");
        Line($"| all 100 networks | {sources.Length} | {totalBytes:N0} | {totalLines:N0} |");
        Line($"| per network, mean | {(double)sources.Length / GeneratorWorkload.Networks:F0} | {totalBytes / GeneratorWorkload.Networks:N0} | {totalLines / GeneratorWorkload.Networks:N0} |");
        Line($"| small network: min / median / max bytes | | {small[0]:N0} / {small[small.Count / 2]:N0} / {small[^1]:N0} | |");
        Line($"| small network, mean | | {small.Average():N0} | |");
        Line($"| 784-256-128-10 (Adam), each | | {mnist.Average():N0} | |");
        Line($"| 4-16-16-3 (ReLU, ReLU, Softmax, Adam), alone | {irisFiles} | {irisBytes:N0} | {irisLines:N0} |");
        Line($"");
        Line($"| file | bytes, all 100 networks | per network, mean |");
        Line($"|---|---:|---:|");
        foreach (IGrouping<string, GeneratedSourceResult> concern in sources.GroupBy(static s => ConcernOf(s.HintName)).OrderByDescending(static g => g.Sum(static s => Bytes(s.SourceText.ToString()))))
        {
            long bytes = concern.Sum(static s => Bytes(s.SourceText.ToString()));
            Line($"| {concern.Key} | {bytes:N0} | {bytes / GeneratorWorkload.Networks:N0} |");
        }

        Line($"");
        Line($"Assembly emitted: {assemblyBytes:N0} bytes.");
        Console.Write(text.ToString());
    }

    /// <summary>Runs the analyzers on the declarations: the workload must be valid, or the numbers would count networks the generator skipped.</summary>
    private static void CheckDeclarations(Compilation compilation)
    {
        ImmutableArray<Diagnostic> diagnostics = compilation
            .WithAnalyzers(GeneratorWorkload.Analyzers())
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        Diagnostic[] problems = [.. diagnostics.Where(static d => d.Severity >= DiagnosticSeverity.Warning)];
        if (problems.Length > 0)
        {
            throw new InvalidOperationException("The workload's declarations are not all valid:\n" + string.Join("\n", problems));
        }
    }

    /// <summary>
    /// Roslyn's own steps that carry the new compilation, so they change on every edit by design: the compilation input,
    /// and <c>ForAttributeWithMetadataName</c>'s pairing of each attributed class with it, after which the generator's
    /// transform runs again and its result is compared with the cached one.
    /// </summary>
    private static readonly string[] CompilationSteps = ["Compilation", "compilationAndGroupedNodes_ForAttributeWithMetadataName"];

    /// <summary>
    /// Runs a tracking driver on the compilation and then on the edited one. In the second run every step but
    /// <see cref="CompilationSteps"/> must be Cached or Unchanged, and every source output Cached.
    /// </summary>
    private static CacheCheck CheckCached(GeneratorWorkload workload)
    {
        GeneratorDriver driver = GeneratorWorkload.CreateDriver(trackSteps: true).RunGenerators(workload.Compilation);
        GeneratorDriverRunResult second = driver.RunGenerators(workload.Edited).GetRunResult();
        var steps = second.Results.SelectMany(static r => r.TrackedSteps)
            .SelectMany(static named => named.Value.SelectMany(static s => s.Outputs).Select(o => (Step: named.Key, o.Reason)))
            .ToList();
        var outputs = second.Results.SelectMany(static r => r.TrackedOutputSteps.Values).SelectMany(static s => s).SelectMany(static s => s.Outputs).ToList();
        var ranAgain = steps.Where(static s => !CompilationSteps.Contains(s.Step) && s.Reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged))
            .Select(static s => $"{s.Step} {s.Reason}")
            .Concat(outputs.Where(static o => o.Reason != IncrementalStepRunReason.Cached).Select(static o => $"source output {o.Reason}"))
            .ToList();
        if (outputs.Count != GeneratorWorkload.Networks || ranAgain.Count > 0)
        {
            throw new InvalidOperationException($"The re-run was not served from the cache: {outputs.Count} source outputs; ran again: {string.Join(", ", ranAgain.Distinct())}.");
        }

        return new CacheCheck(
            Steps: steps.Count(static s => !CompilationSteps.Contains(s.Step)),
            Specs: steps.Count(static s => s.Step == "NetworkSpecs" && s.Reason == IncrementalStepRunReason.Unchanged),
            Outputs: outputs.Count,
            CompilationOutputs: steps.Count(static s => CompilationSteps.Contains(s.Step)));
    }

    /// <summary>What the re-run reused: step outputs Cached or Unchanged, spec transforms that ran and matched, Cached source outputs, Roslyn's modified compilation steps.</summary>
    private readonly record struct CacheCheck(int Steps, int Specs, int Outputs, int CompilationOutputs);

    /// <summary>The generated files, bytes and lines of one network in a compilation of its own.</summary>
    private static (int Files, long Bytes, long Lines) Alone(string source)
    {
        CSharpCompilation compilation = GeneratorWorkload.Compile([("IrisNet.cs", source)]);
        GeneratorRunResult[] results = [.. GeneratorWorkload.CreateDriver().RunGenerators(compilation).GetRunResult().Results];
        GeneratedSourceResult[] files = [.. results.SelectMany(static r => r.GeneratedSources)];
        return (files.Length, files.Sum(static f => Bytes(f.SourceText.ToString())), files.Sum(static f => (long)f.SourceText.Lines.Count));
    }

    // Hint names are "{FullyQualifiedMetadataName}.{Concern}.g.cs": the network is all but the last two dotted parts.
    private static string NetworkOf(string hintName)
    {
        string name = hintName[..^".g.cs".Length];
        return name[..name.LastIndexOf('.')];
    }

    // The concern is the last dotted part before ".g.cs": Network, Forward, Training, Optimizer, Persistence.
    private static string ConcernOf(string hintName) => hintName[(NetworkOf(hintName).Length + 1)..^".g.cs".Length];

    private static long Bytes(string text) => Encoding.UTF8.GetByteCount(text);

    /// <summary>
    /// The first call's wall-clock milliseconds (JIT and cold caches included), then the median of
    /// <paramref name="repetitions"/> more, and the median's process CPU milliseconds (all threads): on a shared machine the
    /// wall clock includes waiting for a core, the CPU time does not.
    /// </summary>
    private static Timing Time(int repetitions, Action action)
    {
        using var process = Process.GetCurrentProcess();
        (double Wall, double Cpu) Once()
        {
            process.Refresh();
            TimeSpan cpu = process.TotalProcessorTime;
            long start = Stopwatch.GetTimestamp();
            action();
            double wall = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            process.Refresh();
            return (wall, (process.TotalProcessorTime - cpu).TotalMilliseconds);
        }

        (double firstWall, double firstCpu) = Once();
        var times = new List<(double Wall, double Cpu)>();
        for (int i = 0; i < repetitions; i++)
        {
            times.Add(Once());
        }

        times.Sort();
        (double wall, double cpu) = times.Count == 0 ? (firstWall, firstCpu) : times[times.Count / 2];
        return new Timing(firstWall, wall, cpu);
    }

    private readonly record struct Timing(double First, double Median, double MedianCpu);
}
