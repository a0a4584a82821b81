using System;
using System.Linq;

namespace CompiledNN.Tests.Pinning;

/// <summary>
/// The child process of <see cref="PinningTests"/> that runs under another instruction set
/// (<c>dotnet CompiledNN.Tests.dll pins [network...]</c>, see <see cref="Program"/>): writes to standard output, in the
/// format of the pins file, the <see cref="PinnedRun"/> of the named networks (all when none is named) with their default
/// thread limit, under this process's <see cref="InstructionSetKey"/>.
/// </summary>
internal static class PinningProgram
{
    public static int Run(string[] networks)
    {
        string[] unknown = [.. networks.Where(static name => !PinnedNetworks.All.Any(n => n.Name == name))];
        if (unknown.Length > 0)
        {
            Console.Error.WriteLine($"Not a pinned network: {string.Join(", ", unknown)}. The pinned networks: {string.Join(", ", PinnedNetworks.All.Select(static n => n.Name))}.");
            return 2;
        }

        string key = InstructionSetKey.Current;
        PinFile run = PinFile.Empty($"PinnedRun on '{key}' with the default thread limit, written by `pins` (PinningProgram.cs).");
        foreach (PinnedNetwork pinned in PinnedNetworks.All.Where(n => networks.Length == 0 || networks.Contains(n.Name)))
        {
            run.Set(key, pinned.Name, PinnedRun.Record(pinned, threads: null));
        }

        run.Write(Console.Out);
        return 0;
    }
}
