using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;

namespace RoslynFloor;

/// <summary>
/// Loads the packed CompiledNN analyzers into this process's Roslyn (pinned by the project to an old version), runs
/// the generator and the analyzers on each case at C# 12, and prints "roslyn-floor: N passed, N failed".
/// Arguments: the package's extracted root folder.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length != 1)
        {
            Console.Error.WriteLine("usage: RoslynFloor <extracted CompiledNN package folder>");
            return 2;
        }

        string package = args[0];
        Version roslyn = typeof(CSharpCompilation).Assembly.GetName().Version!;
        Console.WriteLine($"roslyn-floor: host compiler Microsoft.CodeAnalysis.CSharp {roslyn}");

        var host = AnalyzerHost.Load(
            Path.Combine(package, "analyzers", "dotnet", "cs"),
            Path.Combine(package, "lib", "net8.0", "CompiledNN.dll"),
            Path.Combine(AppContext.BaseDirectory, "framework-references.txt"));
        if (host.LoadFailures.Count > 0)
        {
            foreach (string failure in host.LoadFailures)
            {
                Console.WriteLine($"roslyn-floor: analyzer load failed: {failure}");
            }

            Console.WriteLine($"roslyn-floor: 0 passed, {FloorCases.All.Count} failed");
            return 1;
        }

        Console.WriteLine($"roslyn-floor: loaded {host.GeneratorCount} generators and {host.AnalyzerCount} analyzers");
        int failed = 0;
        foreach (FloorCase floorCase in FloorCases.All)
        {
            string[] problems = host.Check(floorCase).ToArray();
            Console.WriteLine($"  {(problems.Length == 0 ? "ok  " : "FAIL")} {floorCase.Name}");
            foreach (string problem in problems)
            {
                Console.WriteLine($"       {problem}");
            }

            failed += problems.Length == 0 ? 0 : 1;
        }

        Console.WriteLine($"roslyn-floor: {FloorCases.All.Count - failed} passed, {failed} failed");
        return failed == 0 ? 0 : 1;
    }
}
