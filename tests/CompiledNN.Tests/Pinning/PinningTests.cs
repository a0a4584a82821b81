// Re-record the pins of the current instruction set (then commit Pinning/pins.txt); repeat under DOTNET_EnableAVX512=0, DOTNET_EnableAVX2=0, DOTNET_EnableHWIntrinsic=0:
//   COMPILEDNN_RECORD_PINS=1 dotnet test tests/CompiledNN.Tests -c Release --filter FullyQualifiedName~Pinning
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using Xunit;
using Xunit.Sdk;

namespace CompiledNN.Tests.Pinning;

/// <summary>
/// Pins, bit for bit, what a few networks compute and how they train (see <see cref="PinnedRun"/>), so that a rewrite of
/// the generator or the runtime that must not change a single bit can be checked. The bits legitimately depend on the
/// instruction set, so the pins are kept per <see cref="InstructionSetKey"/>; a key without pins fails, never skips.
/// Every thread limit must give the pinned bits.
/// </summary>
public sealed class PinningTests
{
    private const string RecordVariable = "COMPILEDNN_RECORD_PINS";
    private const string FileName = "pins.txt";

    /// <summary>The thread limits each network runs with: its default, then 1 to 3 (capped at the processor count).</summary>
    private static readonly int?[] ThreadLimits = [null, 1, 2, 3];

    private static readonly object RecordLock = new();

    public static TheoryData<string> Networks() => [.. PinnedNetworks.All.Select(static n => n.Name)];

    [Theory]
    [MemberData(nameof(Networks))]
    public void OutputsAndTrainingMatchThePins(string name)
    {
        PinnedNetwork pinned = PinnedNetworks.All.Single(n => n.Name == name);
        string key = InstructionSetKey.Current;
        List<KeyValuePair<string, string>> first = PinnedRun.Record(pinned, ThreadLimits[0]);

        if (Environment.GetEnvironmentVariable(RecordVariable) == "1")
        {
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

            return;
        }

        PinFile pins = PinFile.Read(Path.Combine(AppContext.BaseDirectory, "Pinning", FileName));
        IReadOnlyList<KeyValuePair<string, string>> expected = pins.Find(key, name)
            ?? throw new XunitException(
                $"No pins for {name} on instruction set '{key}' (Pinning/{FileName} has: {string.Join(", ", pins.Keys.Select(static k => $"'{k}'"))}). " +
                $"Record them with `{RecordVariable}=1 dotnet test tests/CompiledNN.Tests -c Release --filter FullyQualifiedName~Pinning` on this machine and setting, then commit Pinning/{FileName}.");

        Check(expected, first, $"{name} on {key} with {Describe(ThreadLimits[0])}");
        foreach (int? threads in ThreadLimits.Skip(1))
        {
            Check(expected, PinnedRun.Record(pinned, threads), $"{name} on {key} with {Describe(threads)}");
        }
    }

    private static void Check(IReadOnlyList<KeyValuePair<string, string>> expected, List<KeyValuePair<string, string>> actual, string what)
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
