using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using CompiledNN.Tests.Batching;
using CompiledNN.Tests.Networks;
using Xunit;

namespace CompiledNN.Tests.Persistence;

/// <summary>
/// Saves that fail leave the old file whole and nothing beside it: into a directory that cannot hold files (its path
/// goes through a regular file, which even root cannot create files in), onto a full file system, and in a process
/// killed with SIGKILL in the middle of saving, whose leftover temporary the next save removes.
/// </summary>
public sealed class SaveFaultTests : IDisposable
{
    internal const int FirstSeed = 1;
    internal const int SecondSeed = 2;

    private readonly string _directory = Directory.CreateTempSubdirectory("compilednn-fault-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void SaveWhereNoFileCanBeCreatedThrowsAndChangesNothing()
    {
        string notADirectory = Path.Combine(_directory, "file");
        File.WriteAllText(notADirectory, "a regular file");

        Assert.ThrowsAny<IOException>(() => new IrisNet().Save(Path.Combine(notADirectory, "net.json")));

        Assert.Equal("a regular file", File.ReadAllText(notADirectory));
        Assert.Equal(["file"], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }

    [Fact]
    public void SaveOntoAFullFileSystemThrowsAndKeepsTheOldFile()
    {
        // A 256 KiB tmpfs, which the 1.7 MB file cannot fit in; mounting needs root on Linux, elsewhere this checks nothing.
        string mount = Directory.CreateDirectory(Path.Combine(_directory, "full")).FullName;
        if (!OperatingSystem.IsLinux() || Run("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", mount) != 0)
        {
            return;
        }

        try
        {
            string path = Path.Combine(mount, "net.json");
            new IrisNet(seed: FirstSeed).Save(path);

            Assert.ThrowsAny<IOException>(() => new SplitLayerClassifier().Save(path));

            Assert.Equal(Fixtures.Bits(new IrisNet(seed: FirstSeed)), Fixtures.Bits(IrisNet.Load(path)));
            Assert.Equal(["net.json"], Directory.GetFiles(mount).Select(Path.GetFileName));
        }
        finally
        {
            Assert.Equal(0, Run("umount", mount));
        }
    }

    [Fact]
    public void SaveKilledMidwayLeavesTheOldOrTheNewFileAndTheNextSaveRemovesItsTemporary()
    {
        string path = Path.Combine(_directory, "net.json");
        new SplitLayerClassifier(FirstSeed).Save(path);
        int[][] saved = [Fixtures.Bits(new SplitLayerClassifier(FirstSeed)), Fixtures.Bits(new SplitLayerClassifier(SecondSeed))];
        int leftovers = 0;
        var watch = Stopwatch.StartNew();
        for (int kill = 0; kill < 3; kill++)
        {
            string[] before = Directory.GetFiles(_directory);
            using Process child = StartSaveLoop(path);
            try
            {
                WaitForNewTemporary(child, before);
            }
            finally
            {
                child.Kill();
                child.WaitForExit();
            }

            int[] bits = Fixtures.Bits(SplitLayerClassifier.Load(path));
            Assert.True(bits.AsSpan().SequenceEqual(saved[0]) || bits.AsSpan().SequenceEqual(saved[1]), $"after kill {kill + 1}, the file is neither save");
            leftovers += Directory.GetFiles(_directory).Length - 1;
        }

        new SplitLayerClassifier(FirstSeed).Save(path);

        Assert.True(leftovers > 0, "no kill landed in the middle of a save");
        Assert.Equal(["net.json"], Directory.GetFiles(_directory).Select(Path.GetFileName));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"the kills took {watch.Elapsed}");
    }

    private static Process StartSaveLoop(string path)
    {
        // The test assembly is also a program (SaveLoopProgram), run by the host that runs the tests.
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(SaveLoopProgram).Assembly.Location);
        start.ArgumentList.Add("save-loop");
        start.ArgumentList.Add(path);
        return Process.Start(start)!;
    }

    /// <summary>Waits until the child is writing a temporary file that was not there <paramref name="before"/>, so that the kill lands in a save.</summary>
    private static void WaitForNewTemporary(Process child, string[] before)
    {
        string directory = Path.GetDirectoryName(before[0])!;
        var timeout = Stopwatch.StartNew();
        while (Directory.GetFiles(directory).Except(before).FirstOrDefault() is null)
        {
            Assert.False(child.HasExited, $"the saving process exited: {(child.HasExited ? child.StandardError.ReadToEnd() : "")}");
            Assert.True(timeout.Elapsed < TimeSpan.FromSeconds(10), "the saving process wrote no temporary file in 10 s");
            Thread.Sleep(1);
        }
    }

    private static int Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using Process process = Process.Start(start)!;
            process.WaitForExit();
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }
}
