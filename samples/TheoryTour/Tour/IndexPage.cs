using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;

namespace CompiledNN.Samples.TheoryTour;

/// <summary>The page a learner opens: every chapter's claim, picture, numbers and verdict, all from this run.</summary>
internal static class IndexPage
{
    public const string FileName = "index.html";

    public static void Write(TourOptions options, IReadOnlyList<Chapter> chapters, TimeSpan elapsed)
    {
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html>");
        html.AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\"><title>CompiledNN theory tour</title>");
        html.AppendLine("<style>body{font-family:system-ui,sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;line-height:1.45;color:#222}" +
            "img{max-width:100%;border:1px solid #ddd}.claim{font-size:1.1em}.supported{color:#1a7f37}.notsupported{color:#c62828}.notrun{color:#8a6d00}" +
            "pre{background:#f6f8fa;padding:.6em;white-space:pre-wrap}li{margin:.15em 0}td,th{padding:.2em .8em;text-align:left}</style></head><body>");
        html.AppendLine("<h1>The theory behind CompiledNN, run</h1>");
        html.AppendLine($"<p>Every picture and number on this page was computed by this run of <code>samples/TheoryTour</code>" +
            $"{(options.Quick ? " in quick mode (fewer steps and epochs)" : "")}: {Encode(Machine.Describe())}, " +
            $"{elapsed.TotalSeconds:0} s in all, {DateTime.Now:yyyy-MM-dd HH:mm}.</p>");
        html.AppendLine("<table><tr><th>#</th><th>experiment</th><th>verdict</th><th>seconds</th></tr>");
        foreach (Chapter chapter in chapters)
        {
            html.AppendLine($"<tr><td>{chapter.Number}</td><td><a href=\"#e{chapter.Number}\">{Encode(chapter.Title)}</a></td>" +
                $"<td class=\"{Css(chapter.Verdict)}\">{Label(chapter.Verdict)}</td><td>{chapter.Seconds:0.0}</td></tr>");
        }

        html.AppendLine("</table>");
        foreach (Chapter chapter in chapters)
        {
            html.AppendLine($"<h2 id=\"e{chapter.Number}\">{chapter.Number}. {Encode(chapter.Title)}</h2>");
            html.AppendLine($"<p class=\"claim\"><b>Claim.</b> {Encode(chapter.Claim)}</p>");
            if (chapter.Image is not null)
            {
                html.AppendLine($"<p><img src=\"{Encode(chapter.Image)}\" alt=\"{Encode(chapter.Title)}\"></p>");
            }

            html.AppendLine("<p><b>Evidence from this run.</b></p><ul>");
            foreach (string line in chapter.Evidence)
            {
                html.AppendLine($"<li>{Encode(line)}</li>");
            }

            html.AppendLine("</ul>");
            if (chapter.Warnings.Count > 0)
            {
                html.AppendLine("<p><b>What the analyzers say about these networks</b> (suppressed in the sample with <code>#pragma</code>, " +
                    "since the mistake is made on purpose; quoted from this build's compiler log):</p>");
                html.AppendLine($"<pre>{Encode(string.Join("\n", chapter.Warnings))}</pre>");
            }

            html.AppendLine($"<p class=\"{Css(chapter.Verdict)}\"><b>Verdict.</b> {Encode(chapter.Conclusion)}</p>");
        }

        html.AppendLine("</body></html>");
        File.WriteAllText(Path.Combine(options.OutputDirectory, FileName), html.ToString());
    }

    public static string Label(Verdict verdict) => verdict switch
    {
        Verdict.Supported => "supported",
        Verdict.NotSupported => "not supported",
        _ => "not run",
    };

    private static string Css(Verdict verdict) => Label(verdict).Replace(" ", "", StringComparison.Ordinal);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}

/// <summary>The machine the run's timings come from.</summary>
internal static class Machine
{
    public static string Describe()
    {
        string? model = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return $"{model ?? "processor model unknown"}, {Environment.ProcessorCount} logical processors, .NET {Environment.Version}";
    }
}
