using System;
using System.Buffers.Binary;
using System.IO;
using System.Text;

namespace CompiledNN.Persistence;

/// <summary>
/// Writes the protobuf wire format, for <see cref="Onnx"/>: varints, little-endian floats, and length-delimited
/// strings, bytes and nested messages (each nested message is written into a buffer first, to learn its length).
/// </summary>
internal sealed class ProtoWriter
{
    private readonly MemoryStream _buffer = new();

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> Written => _buffer.GetBuffer().AsSpan(0, (int)_buffer.Length);

    public void WriteInt64(int field, long value)
    {
        WriteTag(field, 0);
        WriteVarint((ulong)value);
    }

    public void WriteFloat(int field, float value)
    {
        WriteTag(field, 5);
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        _buffer.Write(bytes);
    }

    public void WriteString(int field, string value) => WriteBytes(field, Encoding.UTF8.GetBytes(value));

    public void WriteBytes(int field, ReadOnlySpan<byte> value)
    {
        WriteTag(field, 2);
        WriteVarint((ulong)value.Length);
        _buffer.Write(value);
    }

    /// <summary>A repeated int64 field, packed.</summary>
    public void WritePackedInt64(int field, ReadOnlySpan<long> values)
    {
        var packed = new ProtoWriter();
        foreach (long value in values)
        {
            packed.WriteVarint((ulong)value);
        }

        WriteBytes(field, packed.Written);
    }

    /// <summary>A nested message, written by <paramref name="write"/>.</summary>
    public void WriteMessage<TState>(int field, TState state, Action<ProtoWriter, TState> write)
    {
        var message = new ProtoWriter();
        write(message, state);
        WriteBytes(field, message.Written);
    }

    private void WriteTag(int field, int wireType) => WriteVarint(((ulong)field << 3) | (uint)wireType);

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        _buffer.WriteByte((byte)value);
    }
}
