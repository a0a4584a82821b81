using System;
using CompiledNN.Tests.Batching;

namespace CompiledNN.Tests.Persistence;

/// <summary>
/// The test assembly's entry point, for the child process that <see cref="SaveFaultTests"/> kills: <c>save-loop path</c>
/// saves two networks of 1.7 MB to <c>path</c> in turn until it is killed.
/// </summary>
internal static class SaveLoopProgram
{
    public static int Main(string[] args)
    {
        if (args is not ["save-loop", string path])
        {
            Console.Error.WriteLine("Usage: save-loop <path>");
            return 2;
        }

        SplitLayerClassifier[] networks = [new(SaveFaultTests.FirstSeed), new(SaveFaultTests.SecondSeed)];
        for (long save = 0; ; save++)
        {
            networks[save & 1].Save(path);
        }
    }
}
