using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace CompiledNN.Samples.TheoryTour;

/// <summary>An analyzer diagnostic on one of the tour's networks, as the compiler reported it while building the tour.</summary>
/// <param name="Id">The diagnostic ID, e.g. CNN1003.</param>
/// <param name="Title">The rule's title.</param>
/// <param name="Message">The message, word for word.</param>
/// <param name="File">The source file's name.</param>
/// <param name="Line">The 1-based line.</param>
/// <param name="Column">The 1-based column.</param>
public sealed record AnalyzerWarning(string Id, string Title, string Message, string File, int Line, int Column)
{
    /// <summary>The line the build prints, in the compiler's format.</summary>
    public override string ToString() => $"{File}({Line},{Column}): warning {Id}: {Message}";
}

/// <summary>
/// Reads the compiler's log of the tour's own build (the project sets <c>ErrorLog</c>): the networks that show a mistake
/// on purpose suppress its warning with <c>#pragma</c>, and the log still records it, with the message the analyzer wrote.
/// </summary>
public static class AnalyzerLog
{
    /// <summary>The log's name beside the tour's assembly.</summary>
    public const string FileName = "analyzer-diagnostics.sarif";

    /// <summary>The diagnostics with <paramref name="id"/> reported in <paramref name="sourceFile"/>, in source order.</summary>
    public static IReadOnlyList<AnalyzerWarning> Find(string id, string sourceFile) =>
        All.Value.Where(w => w.Id == id && w.File == sourceFile).OrderBy(w => w.Line).ToList();

    private static readonly Lazy<IReadOnlyList<AnalyzerWarning>> All = new(Read);

    private static IReadOnlyList<AnalyzerWarning> Read()
    {
        string path = Path.Combine(AppContext.BaseDirectory, FileName);
        if (!File.Exists(path))
        {
            return [];
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        JsonElement run = document.RootElement.GetProperty("runs")[0];
        var titles = new Dictionary<string, string>();
        foreach (JsonElement rule in run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray())
        {
            if (rule.TryGetProperty("shortDescription", out JsonElement title))
            {
                titles.TryAdd(rule.GetProperty("id").GetString()!, title.GetProperty("text").GetString()!);
            }
        }

        var warnings = new List<AnalyzerWarning>();
        foreach (JsonElement result in run.GetProperty("results").EnumerateArray())
        {
            string id = result.GetProperty("ruleId").GetString()!;
            JsonElement location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
            JsonElement region = location.GetProperty("region");
            string file = Path.GetFileName(new Uri(location.GetProperty("artifactLocation").GetProperty("uri").GetString()!).LocalPath);
            warnings.Add(new AnalyzerWarning(
                id,
                titles.GetValueOrDefault(id, ""),
                result.GetProperty("message").GetProperty("text").GetString()!,
                file,
                region.GetProperty("startLine").GetInt32(),
                region.GetProperty("startColumn").GetInt32()));
        }

        return warnings;
    }
}
