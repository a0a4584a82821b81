using System;
using System.IO;

namespace CompiledNN.Benchmarks;

/// <summary>
/// A results file under <c>results/</c>: the latest run's report at its head, then the notes written by hand below it,
/// from its first <c>## </c> heading on (earlier runs, per-layer tables, what changed), which a new run keeps.
/// </summary>
internal static class ResultsFile
{
    /// <summary>Writes <paramref name="report"/> to <paramref name="path"/> in place of the previous report, keeping the notes.</summary>
    public static void Write(string path, string report)
    {
        string previous = File.Exists(path) ? File.ReadAllText(path) : "";
        int heading = previous.StartsWith("## ", StringComparison.Ordinal) ? 0 : previous.IndexOf("\n## ", StringComparison.Ordinal) + 1;
        bool hasNotes = heading > 0 || previous.StartsWith("## ", StringComparison.Ordinal);
        File.WriteAllText(path, hasNotes ? report.TrimEnd() + "\n\n" + previous[heading..] : report);
    }
}
