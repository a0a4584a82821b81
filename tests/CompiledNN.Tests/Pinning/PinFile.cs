using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace CompiledNN.Tests.Pinning;

/// <summary>
/// The pins file: comment lines (<c>#</c>), then one section per instruction-set key and network, headed
/// <c>[key] Network</c>, of <c>name = value</c> lines, sections separated by blank lines.
/// </summary>
internal sealed class PinFile
{
    private const string DefaultHeader = "Bit-for-bit pins of PinningTests, one section per instruction-set key and network. Written by the recorder; see PinningTests.cs.";

    private readonly List<string> _header = [];
    private readonly List<Section> _sections = [];

    /// <summary>The file at <paramref name="path"/>, or an empty one when there is none.</summary>
    public static PinFile Read(string path) => File.Exists(path) ? Parse(File.ReadLines(path), path) : Empty(DefaultHeader);

    /// <summary>A file of no sections, headed by the comment <paramref name="header"/>.</summary>
    public static PinFile Empty(string header)
    {
        var file = new PinFile();
        file._header.Add($"# {header}");
        return file;
    }

    /// <summary>The file whose lines are <paramref name="lines"/>; <paramref name="source"/> names it in errors.</summary>
    public static PinFile Parse(IEnumerable<string> lines, string source)
    {
        var file = new PinFile();
        Section? section = null;
        int number = 0;
        foreach (string raw in lines)
        {
            number++;
            string line = raw.Trim();
            if (line.Length == 0)
            {
                section = null;
            }
            else if (line.StartsWith('#'))
            {
                if (file._sections.Count == 0)
                {
                    file._header.Add(line);
                }
            }
            else if (line.StartsWith('['))
            {
                int close = line.IndexOf(']', StringComparison.Ordinal);
                if (close < 0)
                {
                    throw new FormatException($"{source}:{number}: a section heading is [key] Network.");
                }

                section = new Section(line[1..close], line[(close + 1)..].Trim(), []);
                file._sections.Add(section);
            }
            else
            {
                int equals = line.IndexOf(" = ", StringComparison.Ordinal);
                if (section is null || equals < 0)
                {
                    throw new FormatException($"{source}:{number}: expected 'name = value' inside a [key] Network section.");
                }

                section.Lines.Add(new(line[..equals], line[(equals + 3)..]));
            }
        }

        return file;
    }

    /// <summary>The keys that have pins, in file order.</summary>
    public IEnumerable<string> Keys => _sections.Select(static s => s.Key).Distinct();

    /// <summary>The pinned lines of <paramref name="network"/> under <paramref name="key"/>, or null.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? Find(string key, string network) =>
        _sections.Find(s => s.Key == key && s.Network == network)?.Lines;

    /// <summary>Replaces the section of <paramref name="network"/> under <paramref name="key"/>, or adds it after the key's last section.</summary>
    public void Set(string key, string network, List<KeyValuePair<string, string>> lines)
    {
        int existing = _sections.FindIndex(s => s.Key == key && s.Network == network);
        var section = new Section(key, network, lines);
        if (existing >= 0)
        {
            _sections[existing] = section;
            return;
        }

        int last = _sections.FindLastIndex(s => s.Key == key);
        _sections.Insert(last >= 0 ? last + 1 : _sections.Count, section);
    }

    /// <summary>Orders the sections by key, then by <paramref name="networks"/>, so that re-recording in any order writes the same file.</summary>
    public void Sort(IReadOnlyList<string> networks)
    {
        Section[] sorted = [.. _sections.OrderBy(static s => s.Key, StringComparer.Ordinal).ThenBy(s => IndexOf(networks, s.Network))];
        _sections.Clear();
        _sections.AddRange(sorted);
    }

    public void Write(string path)
    {
        using var writer = new StreamWriter(path) { NewLine = "\n" };
        Write(writer);
    }

    public void Write(TextWriter writer)
    {
        foreach (string line in _header)
        {
            writer.WriteLine(line);
        }

        foreach (Section section in _sections)
        {
            writer.WriteLine();
            writer.WriteLine($"[{section.Key}] {section.Network}");
            foreach (KeyValuePair<string, string> line in section.Lines)
            {
                writer.WriteLine($"{line.Key} = {line.Value}");
            }
        }
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        return names.Count;
    }

    private sealed record Section(string Key, string Network, List<KeyValuePair<string, string>> Lines);
}
