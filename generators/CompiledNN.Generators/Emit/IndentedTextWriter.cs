using System;
using System.Globalization;
using System.Text;

namespace CompiledNN.Generators.Emit;

/// <summary>
/// Writes C# with four-space indentation and <c>\n</c> line ends whatever the machine, so that generated files are
/// the same bytes everywhere. <see cref="Block"/> opens a brace block that closes when disposed.
/// </summary>
internal sealed class IndentedTextWriter
{
    private readonly StringBuilder _text = new();
    private int _depth;

    /// <summary>
    /// Whether <c>///</c> lines are left out: set for the hidden implementation class, whose doc comments no one reads in an
    /// editor, but whose bytes every build compiles.
    /// </summary>
    public bool OmitsDocumentation { get; set; }

    /// <summary>Writes one line at the current indentation (an empty line without trailing spaces).</summary>
    public IndentedTextWriter Line(string line = "")
    {
        if (OmitsDocumentation && line.StartsWith("///", StringComparison.Ordinal))
        {
            return this;
        }

        if (line.Length > 0)
        {
            _text.Append(' ', _depth * 4).Append(line);
        }

        _text.Append('\n');
        return this;
    }

    /// <summary>Writes one line at column 0, whatever the indentation: the content of a raw string literal that must be kept as it is.</summary>
    public IndentedTextWriter Verbatim(string line)
    {
        _text.Append(line).Append('\n');
        return this;
    }

    /// <summary>Writes each line of <paramref name="text"/> at the current indentation.</summary>
    public IndentedTextWriter Lines(string text)
    {
        foreach (string line in text.Replace("\r\n", "\n").Split('\n'))
        {
            Line(line);
        }

        return this;
    }

    /// <summary>Writes <paramref name="header"/>, then <c>{</c>, and indents until the result is disposed, which writes <c>}</c>.</summary>
    public Scope Block(string header, string close = "}")
    {
        Line(header);
        Line("{");
        _depth++;
        return new Scope(this, close);
    }

    /// <summary>
    /// <see cref="Block"/> for a method that runs on every call (a pass, or what a pass calls), marked to be compiled fully
    /// optimized from its first call: at tier 0 every vector operation and helper is a call, and a process that keeps
    /// compiling (an application starting up, a benchmark creating sessions) holds methods there for as long as it does.
    /// </summary>
    public Scope OptimizedMethod(string signature)
    {
        Line("[Rcs::MethodImpl(Rcs::MethodImplOptions.AggressiveOptimization)]");
        return Block(signature);
    }

    /// <summary>Indents until the result is disposed, without braces.</summary>
    public Scope Indent()
    {
        _depth++;
        return new Scope(this, null);
    }

    public override string ToString() => _text.ToString();

    /// <summary>A float as a C# literal that round-trips, in the invariant culture (a comma would not compile).</summary>
    public static string Float(float value) => value switch
    {
        float.PositiveInfinity => "float.PositiveInfinity",
        float.NegativeInfinity => "float.NegativeInfinity",
        _ when float.IsNaN(value) => "float.NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture) + "f",
    };

    /// <summary>An integer in the invariant culture.</summary>
    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Closes what <see cref="Block"/> or <see cref="Indent"/> opened.</summary>
    internal readonly struct Scope(IndentedTextWriter writer, string? close) : IDisposable
    {
        public void Dispose()
        {
            writer._depth--;

            // Members are written each followed by a blank line; the last one's does not belong before the brace.
            int length = writer._text.Length;
            if (length >= 2 && writer._text[length - 1] == '\n' && writer._text[length - 2] == '\n')
            {
                writer._text.Length--;
            }

            if (close is not null)
            {
                writer.Line(close);
            }
        }
    }
}
