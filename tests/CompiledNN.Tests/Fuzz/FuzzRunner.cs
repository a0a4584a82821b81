using System;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;
using Xunit.Sdk;

namespace CompiledNN.Tests.Fuzz;

/// <summary>
/// Runs a reader over mutated inputs and checks the contract every reader keeps: it accepts an input or throws one of
/// its documented exceptions, within <see cref="Timeout"/>, allocating no more than the input's size and declared
/// sizes allow. The reader's own callback checks what it returned, and that a rejection changed nothing.
/// </summary>
/// <remarks>
/// The smoke run in the test suite uses a fixed seed and a few thousand inputs per reader. <c>CNN_FUZZ_ITERATIONS</c>
/// sets the number of inputs per reader and <c>CNN_FUZZ_SEED</c> the seed, for long runs (tests/fuzz/run.sh). A
/// failing input is written to <c>compilednn-fuzz/</c> under the temporary directory, named by reader, seed and iteration.
/// </remarks>
internal static class FuzzRunner
{
    /// <summary>How long one input may take; generous, since the machine may be shared, but far below a hang.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>Allocation every input may make whatever its size: first-call work, exception objects and their messages.</summary>
    public const long BaseAllocation = 1024 * 1024;

    /// <summary>Reads <paramref name="iterations"/> mutations of <paramref name="seeds"/> (or the environment's count) and fails on the first broken promise.</summary>
    /// <param name="reader">The reader's name, for messages and file names.</param>
    /// <param name="seeds">Valid inputs to mutate.</param>
    /// <param name="iterations">Inputs in the smoke run.</param>
    /// <param name="seed">The smoke run's seed.</param>
    /// <param name="read">Reads one input and checks its result; throws what the reader throws.</param>
    /// <param name="isDocumented">Whether an exception is one the reader documents for bad input.</param>
    /// <param name="allowedAllocation">The most bytes reading an input may allocate.</param>
    public static void Run(string reader, byte[][] seeds, int iterations, int seed, Action<byte[]> read, Func<Exception, bool> isDocumented, Func<byte[], long> allowedAllocation)
    {
        int count = FromEnvironment("CNN_FUZZ_ITERATIONS") ?? iterations;
        int runSeed = FromEnvironment("CNN_FUZZ_SEED") ?? seed;
        var random = new Random(runSeed);
        foreach (byte[] valid in seeds)
        {
            // The seeds themselves must be accepted, or the mutations test nothing.
            read(valid);
        }

        for (int i = 0; i < count; i++)
        {
            byte[] input = Mutator.Mutate(random, seeds[random.Next(seeds.Length)]);
            if (Check(input, read, isDocumented, allowedAllocation) is { } problem)
            {
                string path = Save(reader, runSeed, i, input);
                throw new XunitException($"{reader}, seed {runSeed}, input {i} of {input.Length} bytes (saved as {path}): {problem}");
            }
        }
    }

    private static string? Check(byte[] input, Action<byte[]> read, Func<Exception, bool> isDocumented, Func<byte[], long> allowedAllocation)
    {
        Exception? thrown = null;
        long allocated = 0;
        var run = Task.Run(() =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                read(input);
            }
            catch (Exception e)
            {
                thrown = e;
            }

            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        });
        if (!run.Wait(Timeout))
        {
            return $"no result after {Timeout.TotalSeconds} s";
        }

        if (thrown is not null && !isDocumented(thrown))
        {
            return $"undocumented {thrown}";
        }

        long allowed = allowedAllocation(input);
        return allocated > allowed ? $"{allocated} bytes allocated, more than the {allowed} allowed" : null;
    }

    private static int? FromEnvironment(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out int value) ? value : null;

    private static string Save(string reader, int seed, int iteration, byte[] input)
    {
        string directory = Path.Combine(Path.GetTempPath(), "compilednn-fuzz");
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, $"{reader}-{seed}-{iteration}.bin");
        File.WriteAllBytes(path, input);
        return path;
    }
}
