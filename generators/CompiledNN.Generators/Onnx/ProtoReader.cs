using System;
using System.Text;

namespace CompiledNN.Generators.Onnx;

/// <summary>A protobuf field or value that cannot be read: the file is damaged, truncated or not protobuf at all.</summary>
internal sealed class OnnxFormatException(string message) : Exception(message);

/// <summary>
/// Reads the protobuf wire format over one message's bytes. Every length is checked against the bytes that remain
/// before anything is read or allocated, so a damaged or hostile file fails with <see cref="OnnxFormatException"/>
/// and never reads out of bounds, loops or allocates more than the file's own size.
/// </summary>
internal struct ProtoReader
{
    private readonly byte[] _bytes;
    private readonly int _end;
    private int _position;

    public ProtoReader(byte[] bytes, int start, int end)
    {
        _bytes = bytes;
        _position = start;
        _end = end;
    }

    /// <summary>Whether the message has more fields.</summary>
    public readonly bool HasMore => _position < _end;

    /// <summary>The number of the next field, with its wire type in <paramref name="wireType"/>.</summary>
    public int ReadTag(out int wireType)
    {
        ulong tag = ReadVarint();
        wireType = (int)(tag & 7);
        ulong field = tag >> 3;
        if (field == 0 || field > int.MaxValue)
        {
            throw new OnnxFormatException($"a field number of {field} at byte {_position}");
        }

        return (int)field;
    }

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (_position >= _end)
            {
                throw Truncated();
            }

            byte b = _bytes[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new OnnxFormatException($"a variable-length integer longer than 10 bytes at byte {_position}");
    }

    public long ReadInt64() => (long)ReadVarint();

    public float ReadFloat()
    {
        Require(4);
        float value = BitConverter.ToSingle(_bytes, _position);
        _position += 4;
        return value;
    }

    /// <summary>A length-delimited field: the bounds of its bytes, checked to lie within this message.</summary>
    public (int Start, int End) ReadLengthDelimited()
    {
        ulong length = ReadVarint();
        if (length > (ulong)(_end - _position))
        {
            throw new OnnxFormatException($"a field of {length} bytes at byte {_position}, where only {_end - _position} remain");
        }

        int start = _position;
        _position += (int)length;
        return (start, _position);
    }

    /// <summary>A nested message.</summary>
    public ProtoReader ReadMessage()
    {
        (int start, int end) = ReadLengthDelimited();
        return new ProtoReader(_bytes, start, end);
    }

    public string ReadString()
    {
        (int start, int end) = ReadLengthDelimited();
        return Encoding.UTF8.GetString(_bytes, start, end - start);
    }

    /// <summary>A copy of a bytes field.</summary>
    public byte[] ReadBytes()
    {
        (int start, int end) = ReadLengthDelimited();
        byte[] copy = new byte[end - start];
        Buffer.BlockCopy(_bytes, start, copy, 0, copy.Length);
        return copy;
    }

    /// <summary>Passes over a field this reader does not need.</summary>
    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case 0:
                ReadVarint();
                break;
            case 1:
                Require(8);
                _position += 8;
                break;
            case 2:
                ReadLengthDelimited();
                break;
            case 5:
                Require(4);
                _position += 4;
                break;
            default:
                throw new OnnxFormatException($"wire type {wireType} at byte {_position}, which ONNX does not use");
        }
    }

    private readonly void Require(int count)
    {
        if (_end - _position < count)
        {
            throw Truncated();
        }
    }

    private readonly OnnxFormatException Truncated() => new($"the data ends inside a value at byte {_position}");
}
