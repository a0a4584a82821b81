using System;
using CompiledNN.Tests.Persistence;
using CompiledNN.Tests.Pinning;

namespace CompiledNN.Tests;

/// <summary>
/// The test assembly's entry point, for the child processes some tests start with <c>dotnet CompiledNN.Tests.dll</c>:
/// <c>save-loop path</c> (<see cref="SaveLoopProgram"/>, killed by <see cref="SaveFaultTests"/>) and <c>pins [network...]</c>
/// (<see cref="PinningProgram"/>, compared by <see cref="PinningTests"/> under another instruction set).
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        switch (args)
        {
            case ["save-loop", string path]:
                return SaveLoopProgram.Run(path);
            case ["pins", .. string[] networks]:
                return PinningProgram.Run(networks);
            default:
                Console.Error.WriteLine("Usage: save-loop <path> | pins [network...]");
                return 2;
        }
    }
}
