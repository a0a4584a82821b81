using System.Collections.Generic;
using System.IO;
using System.Text;

namespace CompiledNN.Data;

/// <summary>
/// Reads the records of a CSV text as RFC 4180 defines them: fields split by a separator, records by CRLF or LF,
/// fields in double quotes may hold separators, line breaks and doubled quotes (<c>""</c>).
/// </summary>
/// <remarks>
/// Why not CsvHelper: the runtime library must stay light and NativeAOT-clean, and a dataset needs only strings per
/// field (the numbers are parsed by <see cref="CsvDataset"/>) — CsvHelper's value is its reflection-based class
/// mapping, which is exactly what this library cannot use. The grammar is small enough to read in one screen and to
/// test exhaustively, and being strict (a stray quote is an error, not a guess) gives errors that name the line.
/// Blank lines are skipped, since numeric data has no single empty field to lose.
/// </remarks>
internal sealed class CsvRecordReader
{
    private readonly TextReader _reader;
    private readonly char _separator;
    private readonly StringBuilder _field = new();
    private int _line = 1;

    public CsvRecordReader(TextReader reader, char separator)
    {
        _reader = reader;
        _separator = separator;
    }

    /// <summary>Reads the next record into <paramref name="fields"/>.</summary>
    /// <param name="fields">Cleared, then filled with the record's fields.</param>
    /// <param name="line">The line on which the record starts (1-based).</param>
    /// <returns><see langword="false"/> at the end of the text.</returns>
    /// <exception cref="InvalidDataException">The text breaks the grammar; the message names the line.</exception>
    public bool TryRead(List<string> fields, out int line)
    {
        fields.Clear();
        SkipBlankLines();
        line = _line;
        if (_reader.Peek() < 0)
        {
            return false;
        }

        while (true)
        {
            _field.Clear();
            int next = _reader.Peek() == '"' ? ReadQuotedField() : ReadPlainField();
            fields.Add(_field.ToString());
            if (next == _separator)
            {
                continue;
            }

            // The record ends at a line break or at the end of the text.
            return true;
        }
    }

    private void SkipBlankLines()
    {
        while (true)
        {
            int c = _reader.Peek();
            if (c == '\n')
            {
                _reader.Read();
                _line++;
            }
            else if (c == '\r')
            {
                _reader.Read();
                ExpectLineFeed();
            }
            else
            {
                return;
            }
        }
    }

    // Reads up to and including the separator or line break that ends the field, and returns it (-1 at the end).
    private int ReadPlainField()
    {
        while (true)
        {
            int c = _reader.Read();
            if (IsFieldEnd(c))
            {
                return EndField(c);
            }

            if (c == '"')
            {
                throw Error(_line, "a double quote inside an unquoted field; quote the whole field and double the quote (\"\")");
            }

            _field.Append((char)c);
        }
    }

    private int ReadQuotedField()
    {
        int startLine = _line;
        _reader.Read();
        while (true)
        {
            int c = _reader.Read();
            if (c < 0)
            {
                throw Error(startLine, "a quoted field that is never closed");
            }

            if (c == '"')
            {
                if (_reader.Peek() == '"')
                {
                    _reader.Read();
                    _field.Append('"');
                    continue;
                }

                int after = _reader.Read();
                if (IsFieldEnd(after))
                {
                    return EndField(after);
                }

                throw Error(_line, $"'{(char)after}' after the closing quote of a field; expected the separator '{_separator}' or the end of the line");
            }

            if (c == '\n')
            {
                _line++;
            }

            _field.Append((char)c);
        }
    }

    private bool IsFieldEnd(int c) => c < 0 || c == _separator || c == '\n' || c == '\r';

    // Consumes the rest of a line break and returns what ended the field: the separator, '\n' or -1.
    private int EndField(int c)
    {
        if (c == '\r')
        {
            ExpectLineFeed();
            return '\n';
        }

        if (c == '\n')
        {
            _line++;
        }

        return c;
    }

    // RFC 4180 ends lines with CRLF; a CR alone is not a line break and would silently merge lines.
    private void ExpectLineFeed()
    {
        if (_reader.Read() != '\n')
        {
            throw Error(_line, "a carriage return not followed by a line feed");
        }

        _line++;
    }

    private static InvalidDataException Error(int line, string what) => new($"CSV line {line}: {what}.");
}
