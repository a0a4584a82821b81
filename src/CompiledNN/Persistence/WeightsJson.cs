using System.Collections.Generic;
using System.IO;

// Shared with the generator (see NetworkArchitecture.cs): netstandard2.0 has no JSON reader an analyzer may ship, so
// this is a small strict one for exactly the subset a weights file uses.
namespace CompiledNN.Persistence;

/// <summary>A value of the JSON subset a weights file uses: objects, arrays, strings without escapes, and numbers.</summary>
internal sealed class WeightsJsonValue
{
    public WeightsJsonValue(WeightsJsonKind kind, int position, string text, List<KeyValuePair<string, WeightsJsonValue>>? members, List<WeightsJsonValue>? items)
    {
        Kind = kind;
        Position = position;
        Text = text;
        Members = members ?? [];
        Items = items ?? [];
    }

    public WeightsJsonKind Kind { get; }

    /// <summary>The character offset where the value starts, for messages.</summary>
    public int Position { get; }

    /// <summary>A string's content or a number's text as written.</summary>
    public string Text { get; }

    /// <summary>An object's members in file order.</summary>
    public List<KeyValuePair<string, WeightsJsonValue>> Members { get; }

    /// <summary>An array's items.</summary>
    public List<WeightsJsonValue> Items { get; }
}

internal enum WeightsJsonKind
{
    Object,
    Array,
    String,
    Number,
}

/// <summary>
/// Parses the JSON subset of a weights file. Everything outside it (escapes, literals, control characters, nesting
/// deeper than <see cref="MaxDepth"/>, arrays longer than <see cref="MaxItems"/>, text after the document) is rejected
/// with an <see cref="InvalidDataException"/> that says what was found where.
/// </summary>
internal sealed class WeightsJsonReader
{
    public const int MaxDepth = 4;
    public const int MaxItems = 4096;

    private readonly string _text;
    private int _position;

    private WeightsJsonReader(string text) => _text = text;

    /// <summary>Parses <paramref name="text"/>, which must hold exactly one JSON object.</summary>
    public static WeightsJsonValue Parse(string text)
    {
        var reader = new WeightsJsonReader(text);
        reader.SkipWhitespace();
        if (reader.Peek() != '{')
        {
            throw reader.Error("expected '{' at the start of the file");
        }

        WeightsJsonValue document = reader.ReadValue(1);
        reader.SkipWhitespace();
        if (reader._position != text.Length)
        {
            throw reader.Error("expected the end of the file after the closing '}'");
        }

        return document;
    }

    private WeightsJsonValue ReadValue(int depth)
    {
        if (depth > MaxDepth)
        {
            throw Error($"nesting deeper than {MaxDepth} levels");
        }

        SkipWhitespace();
        char c = Peek();
        return c switch
        {
            '{' => ReadObject(depth),
            '[' => ReadArray(depth),
            '"' => new WeightsJsonValue(WeightsJsonKind.String, _position, ReadString(), null, null),
            _ when c == '-' || (c >= '0' && c <= '9') => ReadNumber(),
            _ => throw Error("expected an object, an array, a string or a number"),
        };
    }

    private WeightsJsonValue ReadObject(int depth)
    {
        int start = _position++;
        var members = new List<KeyValuePair<string, WeightsJsonValue>>();
        SkipWhitespace();
        if (Peek() == '}')
        {
            _position++;
            return new WeightsJsonValue(WeightsJsonKind.Object, start, "", members, null);
        }

        while (true)
        {
            SkipWhitespace();
            if (Peek() != '"')
            {
                throw Error("expected a property name in double quotes");
            }

            string name = ReadString();
            SkipWhitespace();
            Expect(':');
            if (members.Count == MaxItems)
            {
                throw Error($"an object with more than {MaxItems} properties");
            }

            members.Add(new KeyValuePair<string, WeightsJsonValue>(name, ReadValue(depth + 1)));
            SkipWhitespace();
            if (Peek() == ',')
            {
                _position++;
                continue;
            }

            Expect('}');
            return new WeightsJsonValue(WeightsJsonKind.Object, start, "", members, null);
        }
    }

    private WeightsJsonValue ReadArray(int depth)
    {
        int start = _position++;
        var items = new List<WeightsJsonValue>();
        SkipWhitespace();
        if (Peek() == ']')
        {
            _position++;
            return new WeightsJsonValue(WeightsJsonKind.Array, start, "", null, items);
        }

        while (true)
        {
            if (items.Count == MaxItems)
            {
                throw Error($"an array with more than {MaxItems} items");
            }

            items.Add(ReadValue(depth + 1));
            SkipWhitespace();
            if (Peek() == ',')
            {
                _position++;
                continue;
            }

            Expect(']');
            return new WeightsJsonValue(WeightsJsonKind.Array, start, "", null, items);
        }
    }

    /// <summary>Reads a string of printable ASCII; a weights file never needs escapes, so none are accepted.</summary>
    private string ReadString()
    {
        int start = ++_position;
        while (_position < _text.Length)
        {
            char c = _text[_position];
            if (c == '"')
            {
                return _text.Substring(start, _position++ - start);
            }

            if (c == '\\' || c < ' ' || c > '~')
            {
                throw Error(c == '\\' ? "an escape sequence in a string" : $"the character U+{(int)c:X4} in a string");
            }

            _position++;
        }

        throw Error("a string that does not end");
    }

    /// <summary>Reads a number in the JSON grammar: <c>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</c>.</summary>
    private WeightsJsonValue ReadNumber()
    {
        int start = _position;
        if (Peek() == '-')
        {
            _position++;
        }

        if (Peek() == '0')
        {
            _position++;
        }
        else
        {
            Digits();
        }

        if (Peek() == '.')
        {
            _position++;
            Digits();
        }

        if (Peek() is 'e' or 'E')
        {
            _position++;
            if (Peek() is '+' or '-')
            {
                _position++;
            }

            Digits();
        }

        return new WeightsJsonValue(WeightsJsonKind.Number, start, _text.Substring(start, _position - start), null, null);
    }

    private void Digits()
    {
        if (!IsDigit(Peek()))
        {
            throw Error("expected a digit");
        }

        while (IsDigit(Peek()))
        {
            _position++;
        }
    }

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    private void Expect(char expected)
    {
        if (Peek() != expected)
        {
            throw Error($"expected '{expected}'");
        }

        _position++;
    }

    private char Peek() => _position < _text.Length ? _text[_position] : '\0';

    private void SkipWhitespace()
    {
        while (_position < _text.Length && _text[_position] is ' ' or '\t' or '\n' or '\r')
        {
            _position++;
        }
    }

    private InvalidDataException Error(string what)
    {
        string found = _position >= _text.Length ? "the end of the file" : $"'{Printable(_text[_position])}'";
        return new InvalidDataException($"Not a CompiledNN weights file: {what}, but found {found} at character {_position}.");
    }

    private static string Printable(char c) => c >= ' ' && c <= '~' ? c.ToString() : $"U+{(int)c:X4}";
}
