// Re-record the pins of the current instruction set (then commit Pinning/pins.txt); repeat under DOTNET_EnableAVX512=0, DOTNET_EnableAVX2=0, DOTNET_EnableHWIntrinsic=0:
//   COMPILEDNN_RECORD_PINS=1 dotnet test tests/CompiledNN.Tests -c Release --filter FullyQualifiedName~Pinning
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace CompiledNN.Tests.Pinning;

/// <summary>
/// Pins, bit for bit, what a few networks compute and how they train (see <see cref="PinnedRun"/>), so that a rewrite of
/// the generator or the runtime that must not change a single bit can be checked. The bits legitimately depend on the
/// instruction set, so the pins are kept per <see cref="InstructionSetKey"/>. The current key's pins are checked in
/// this process with every thread limit; every other pinned key that this machine reaches by turning instruction sets
/// off (<see cref="InstructionSetKey.Reachable"/>) is checked in a child process with the default thread limit. Each
/// test writes which keys it checked and which it could not; the tests fail when no key at all has pins here.
/// </summary>
public sealed class PinningTests(ITestOutputHelper output)
{
    private const string RecordVariable = "COMPILEDNN_RECORD_PINS";
    private const string FileName = "pins.txt";
    private const string RecordCommand = $"{RecordVariable}=1 dotnet test tests/CompiledNN.Tests -c Release --filter FullyQualifiedName~Pinning";

    /// <summary>The thread limits each network runs with: its default, then 1 to 3 (capped at the processor count).</summary>
    private static readonly int?[] ThreadLimits = [null, 1, 2, 3];

    /// <summary>How long a child process may take to run every pinned network.</summary>
    private static readonly TimeSpan ChildTimeout = TimeSpan.FromMinutes(5);

    private static readonly object RecordLock = new();

    public static TheoryData<string> Networks() => [.. PinnedNetworks.All.Select(static n => n.Name)];

    private static bool Recording => Environment.GetEnvironmentVariable(RecordVariable) == "1";

    [Theory]
    [MemberData(nameof(Networks))]
    public void OutputsAndTrainingMatchThePins(string name)
    {
        PinnedNetwork pinned = PinnedNetworks.All.Single(n => n.Name == name);
        string key = InstructionSetKey.Current;

        if (Recording)
        {
            List<KeyValuePair<string, string>> first = PinnedRun.Record(pinned, ThreadLimits[0]);
            foreach (int? threads in ThreadLimits.Skip(1))
            {
                Check(first, PinnedRun.Record(pinned, threads), $"{name} on {key} with {Describe(threads)} against {Describe(ThreadLimits[0])} (recording)");
            }

            lock (RecordLock)
            {
                string path = SourcePath();
                PinFile file = PinFile.Read(path);
                file.Set(key, name, first);
                file.Sort([.. PinnedNetworks.All.Select(static n => n.Name)]);
                file.Write(path);
            }

            output.WriteLine($"Recorded {name} on '{key}' in {SourcePath()}.");
            return;
        }

        PinFile pins = ReadPins();
        IReadOnlyList<KeyValuePair<string, string>>? expected = pins.Find(key, name);
        if (expected is null)
        {
            // Not a silent skip: OtherInstructionSetsMatchThePins checks the keys this machine reaches by turning
            // instruction sets off, and fails when none of them has pins either. The thread limits must still agree.
            List<KeyValuePair<string, string>> first = PinnedRun.Record(pinned, ThreadLimits[0]);
            foreach (int? threads in ThreadLimits.Skip(1))
            {
                Check(first, PinnedRun.Record(pinned, threads), $"{name} on {key} with {Describe(threads)} against {Describe(ThreadLimits[0])} (no pins)");
            }

            output.WriteLine($"Not checked against pins in process: {name} has no pins on this process's instruction set '{key}' (its thread limits agree with each other). {RecordAdvice(key)}");
            return;
        }

        foreach (int? threads in ThreadLimits)
        {
            Check(expected, PinnedRun.Record(pinned, threads), $"{name} on {key} with {Describe(threads)}");
        }

        output.WriteLine($"Checked {name} on '{key}' in process with {string.Join(", ", ThreadLimits.Select(Describe))}.");
    }

    [Fact]
    public async Task OtherInstructionSetsMatchThePins()
    {
        if (Recording)
        {
            output.WriteLine($"Recording ({RecordVariable}=1): OutputsAndTrainingMatchThePins records '{InstructionSetKey.Current}'; no child process is checked.");
            return;
        }

        PinFile pins = ReadPins();
        string current = InstructionSetKey.Current;
        var checkedKeys = new List<string>();
        var notChecked = new List<string>();
        if (pins.Keys.Contains(current))
        {
            checkedKeys.Add($"'{current}' (this process, by OutputsAndTrainingMatchThePins)");
        }
        else
        {
            notChecked.Add($"'{current}' (this process): no pins. {RecordAdvice(current)}");
        }

        var children = new List<(string Variable, string Expected, Task<string> Output)>();
        foreach ((string variable, string key) in InstructionSetKey.Reachable.Where(r => r.Key != current).DistinctBy(static r => r.Key))
        {
            if (pins.Keys.Contains(key))
            {
                children.Add((variable, key, RunChildAsync(variable)));
            }
            else
            {
                notChecked.Add($"'{key}' ({variable}=0): no pins. {RecordAdvice(key, variable)}");
            }
        }

        var failures = new List<string>();
        foreach ((string variable, string expectedKey, Task<string> childOutput) in children)
        {
            string what = $"a child process with {variable}=0";
            PinFile run;
            try
            {
                run = PinFile.Parse((await childOutput).Split('\n'), what);
            }
            catch (Exception e) when (e is XunitException or FormatException)
            {
                failures.Add(e.Message);
                continue;
            }

            string[] keys = [.. run.Keys];
            if (keys is not [string key])
            {
                failures.Add($"{what} wrote sections of {keys.Length} instruction-set keys ({string.Join(", ", keys)}), not one.");
                continue;
            }

            if (!pins.Keys.Contains(key))
            {
                notChecked.Add($"'{key}' ({variable}=0, expected '{expectedKey}'): no pins. {RecordAdvice(key, variable)}");
                continue;
            }

            int before = failures.Count;
            foreach (PinnedNetwork pinned in PinnedNetworks.All)
            {
                IReadOnlyList<KeyValuePair<string, string>>? expected = pins.Find(key, pinned.Name);
                IReadOnlyList<KeyValuePair<string, string>>? actual = run.Find(key, pinned.Name);
                if (expected is null || actual is null)
                {
                    failures.Add($"{pinned.Name} on {key} in {what}: {(expected is null ? "no pins" : "no run in the child's output")}; {RecordAdvice(key, variable)}");
                    continue;
                }

                try
                {
                    Check(expected, actual, $"{pinned.Name} on {key} in {what} with {Describe(ThreadLimits[0])}");
                }
                catch (XunitException e)
                {
                    failures.Add($"{e.Message}\n  (reproduce with `{variable}=0 dotnet {typeof(PinningTests).Assembly.Location} pins {pinned.Name}`)");
                }
            }

            if (failures.Count == before)
            {
                checkedKeys.Add($"'{key}' ({what}, {PinnedNetworks.All.Count} networks)");
            }
        }

        output.WriteLine($"Checked: {(checkedKeys.Count == 0 ? "none" : string.Join("; ", checkedKeys))}.");
        foreach (string line in notChecked)
        {
            output.WriteLine($"Not checked: {line}");
        }

        if (failures.Count > 0)
        {
            throw new XunitException(string.Join("\n", failures));
        }

        if (checkedKeys.Count == 0)
        {
            throw new XunitException(
                $"No instruction-set key of this machine has pins, neither this process's '{current}' nor any reachable by turning instruction sets off " +
                $"(Pinning/{FileName} has: {string.Join(", ", pins.Keys.Select(static k => $"'{k}'"))}). " +
                $"Record them with `{RecordCommand}` on this machine and setting, then commit Pinning/{FileName}.");
        }
    }

    /// <summary>
    /// Runs every pinned network in a child process of the test assembly (<see cref="PinningProgram"/>) with
    /// <paramref name="variable"/> set to <c>0</c>, and returns its standard output.
    /// </summary>
    private static async Task<string> RunChildAsync(string variable)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(PinningTests).Assembly.Location);
        start.ArgumentList.Add("pins");
        start.Environment[variable] = "0";
        start.Environment.Remove(RecordVariable);

        using Process child = Process.Start(start) ?? throw new XunitException($"Could not start {start.FileName} with {variable}=0.");
        Task<string> standardOutput = child.StandardOutput.ReadToEndAsync();
        Task<string> standardError = child.StandardError.ReadToEndAsync();
        using (var timeout = new CancellationTokenSource(ChildTimeout))
        {
            try
            {
                await child.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                child.Kill(entireProcessTree: true);
                throw new XunitException($"The child process with {variable}=0 ran the pinned networks for more than {ChildTimeout.TotalMinutes} minutes; killed it.");
            }
        }

        string text = await standardOutput;
        if (child.ExitCode != 0)
        {
            throw new XunitException($"The child process `{variable}=0 {start.FileName} {string.Join(' ', start.ArgumentList)}` exited with {child.ExitCode}:\n{await standardError}");
        }

        return text;
    }

    /// <summary>The <c>dotnet</c> host: this process's when it is one, else the one the SDK names, else the one on the path.</summary>
    private static string DotnetHost()
    {
        string? process = Environment.ProcessPath;
        return process is not null && Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? process
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
    }

    private static PinFile ReadPins() => PinFile.Read(Path.Combine(AppContext.BaseDirectory, "Pinning", FileName));

    /// <summary>How to record <paramref name="key"/>: here, or with <paramref name="variable"/> set to <c>0</c>.</summary>
    private static string RecordAdvice(string key, string? variable = null) => variable is null
        ? $"Record '{key}' on this machine with `{RecordCommand}`, then commit Pinning/{FileName}."
        : $"Record '{key}' on this machine with `{variable}=0 {RecordCommand}`, then commit Pinning/{FileName}.";

    private static void Check(IReadOnlyList<KeyValuePair<string, string>> expected, IReadOnlyList<KeyValuePair<string, string>> actual, string what)
    {
        if (!expected.Select(static l => l.Key).SequenceEqual(actual.Select(static l => l.Key)))
        {
            throw new XunitException($"{what}: the pinned lines ({string.Join(", ", expected.Select(static l => l.Key))}) are not the lines the run records; re-record the pins.");
        }

        string[] differences = [.. expected.Zip(actual).Where(static p => p.First.Value != p.Second.Value).Select(static p => $"{p.First.Key} is {p.Second.Value}, pinned {p.First.Value}")];
        if (differences.Length > 0)
        {
            throw new XunitException($"{what}: {differences.Length} of {expected.Count} values differ from the pins:\n  {string.Join("\n  ", differences)}");
        }
    }

    private static string Describe(int? threads) => threads is int t ? $"MaxDegreeOfParallelism = {t}" : "the default MaxDegreeOfParallelism";

    /// <summary>The pins file beside this source file, which the recorder updates (the copy in the output directory is what the test reads).</summary>
    private static string SourcePath([CallerFilePath] string thisFile = "") => Path.Combine(Path.GetDirectoryName(thisFile)!, FileName);
}
