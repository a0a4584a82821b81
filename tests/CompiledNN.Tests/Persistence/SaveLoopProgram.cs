using CompiledNN.Tests.Batching;

namespace CompiledNN.Tests.Persistence;

/// <summary>
/// The child process that <see cref="SaveFaultTests"/> kills (<c>dotnet CompiledNN.Tests.dll save-loop path</c>, see
/// <see cref="Program"/>): saves two networks of 1.7 MB to <c>path</c> in turn until it is killed.
/// </summary>
internal static class SaveLoopProgram
{
    public static int Run(string path)
    {
        SplitLayerClassifier[] networks = [new(SaveFaultTests.FirstSeed), new(SaveFaultTests.SecondSeed)];
        for (long save = 0; ; save++)
        {
            networks[save & 1].Save(path);
        }
    }
}
