using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;
using Xunit.Sdk;

namespace CompiledNN.Generators.Tests.Helpers;

/// <summary>
/// Snapshot testing with Verify's conventions, small enough to carry in the repository: the accepted text lives in
/// <c>Snapshots/Class.Method#Name.verified.cs</c> (or <c>.verified.txt</c>) beside the test; a mismatch writes
/// <c>*.received.cs</c> next to it and fails with a line diff. Set the environment variable <c>ACCEPT_SNAPSHOTS=1</c> to
/// accept every received text.
/// </summary>
internal static class Snapshot
{
    public const string AcceptVariable = "ACCEPT_SNAPSHOTS";

    /// <summary>Compares <paramref name="actual"/> with the verified snapshot named after the calling test and <paramref name="name"/>.</summary>
    /// <param name="actual">The text to check.</param>
    /// <param name="name">The snapshot's name within the test.</param>
    /// <param name="extension">The snapshot's file extension: <c>cs</c> for generated code, <c>txt</c> for other text.</param>
    /// <param name="testFile">Filled in by the compiler.</param>
    /// <param name="testMethod">Filled in by the compiler.</param>
    public static void Verify(
        string actual,
        string name,
        string extension = "cs",
        [CallerFilePath] string testFile = "",
        [CallerMemberName] string testMethod = "")
    {
        string directory = Path.Combine(Path.GetDirectoryName(testFile)!, "Snapshots");
        string stem = $"{Path.GetFileNameWithoutExtension(testFile)}.{testMethod}#{name}";
        string verifiedPath = Path.Combine(directory, stem + ".verified." + extension);
        string receivedPath = Path.Combine(directory, stem + ".received." + extension);
        actual = actual.Replace("\r\n", "\n");

        string? verified = File.Exists(verifiedPath) ? File.ReadAllText(verifiedPath).Replace("\r\n", "\n") : null;
        if (verified == actual)
        {
            File.Delete(receivedPath);
            return;
        }

        Directory.CreateDirectory(directory);
        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            File.WriteAllText(verifiedPath, actual, new UTF8Encoding(false));
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, actual, new UTF8Encoding(false));
        string message = verified is null
            ? $"No verified snapshot {verifiedPath} yet; the output is in {receivedPath}. Review it and rename it to .verified.cs, or rerun with {AcceptVariable}=1."
            : $"The output differs from {verifiedPath} (received in {receivedPath}; rerun with {AcceptVariable}=1 to accept):\n{Diff(verified, actual)}";
        throw new XunitException(message);
    }

    /// <summary>A unified-style line diff (<c>-</c> verified, <c>+</c> received) with two lines of context, from a longest common subsequence.</summary>
    public static string Diff(string expected, string actual)
    {
        string[] a = expected.Split('\n');
        string[] b = actual.Split('\n');
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (int i = a.Length - 1; i >= 0; i--)
        {
            for (int j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var lines = new List<(char Kind, string Text)>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                lines.Add((' ', a[x++]));
                y++;
            }
            else if (x < a.Length && (y == b.Length || lcs[x + 1, y] >= lcs[x, y + 1]))
            {
                // On a tie the removed line comes first, as in a unified diff.
                lines.Add(('-', a[x++]));
            }
            else
            {
                lines.Add(('+', b[y++]));
            }
        }

        // Runs of unchanged lines far from any change are elided as one "…" line.
        var text = new StringBuilder();
        const int context = 2;
        bool elided = false;
        for (int i = 0; i < lines.Count; i++)
        {
            bool near = false;
            for (int k = Math.Max(0, i - context); k <= Math.Min(lines.Count - 1, i + context); k++)
            {
                near |= lines[k].Kind != ' ';
            }

            if (!near)
            {
                elided = true;
                continue;
            }

            if (elided)
            {
                text.Append("  …\n");
                elided = false;
            }

            text.Append(lines[i].Kind).Append(' ').Append(lines[i].Text).Append('\n');
        }

        if (elided)
        {
            text.Append("  …\n");
        }

        return text.ToString();
    }
}
