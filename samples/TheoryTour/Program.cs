using System;
using System.IO;
using System.Linq;
using CompiledNN.Samples.TheoryTour;

// Usage: dotnet run --project samples/TheoryTour -c Release [-- [--quick] [--out DIR] [--fashion-mnist DIR]]
// Runs every experiment of the tour and writes one picture per experiment and index.html into DIR (./theory-tour).
string output = Option("--out") ?? "theory-tour";
var options = new TourOptions(Path.GetFullPath(output), args.Contains("--quick"), Option("--fashion-mnist") ?? TourOptions.DebianFashionMnist);
Console.WriteLine($"CompiledNN theory tour{(options.Quick ? " (quick)" : "")}: {Machine.Describe()}");
if (!Tour.HasFonts)
{
    Console.Error.WriteLine("No font found: the pictures will have no text. On Debian or Ubuntu: sudo apt-get install fonts-dejavu-core");
}

Console.WriteLine();
var chapters = Tour.Run(options, chapter =>
{
    Console.WriteLine($"{chapter.Number}. {chapter.Title} ({chapter.Seconds:0.0} s)");
    Console.WriteLine($"   Claim: {chapter.Claim}");
    foreach (string line in chapter.Evidence)
    {
        Console.WriteLine($"   - {line}");
    }

    foreach (AnalyzerWarning warning in chapter.Warnings)
    {
        Console.WriteLine($"   {warning}");
    }

    Console.WriteLine($"   {chapter.Conclusion}");
    Console.WriteLine();
});
Console.WriteLine($"{chapters.Count(c => c.Verdict == Verdict.Supported)} of {chapters.Count} claims supported by this run's numbers.");
Console.WriteLine($"Open {Path.Combine(options.OutputDirectory, "index.html")}");
return 0;

string? Option(string name)
{
    int index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
