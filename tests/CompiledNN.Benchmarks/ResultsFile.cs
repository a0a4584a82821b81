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
        // Prefixed with a line break, the file's first heading is found at its start as anywhere else.
        string previous = "\n" + (File.Exists(path) ? File.ReadAllText(path) : "");
        int notes = previous.IndexOf("\n## ", StringComparison.Ordinal);
        File.WriteAllText(path, notes < 0 ? report : report.TrimEnd() + "\n\n" + previous[(notes + 1)..]);
    }
}
