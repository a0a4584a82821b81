using System;
using System.Buffers.Binary;

namespace CompiledNN.Tests.Data;

/// <summary>IDX files built byte by byte, so that tests state exactly what a file holds.</summary>
internal static class IdxBytes
{
    /// <summary>The magic number for <paramref name="type"/> and the dimensions, big-endian.</summary>
    public static byte[] Header(byte type, params int[] dimensions)
    {
        var header = new byte[4 + (4 * dimensions.Length)];
        header[2] = type;
        header[3] = (byte)dimensions.Length;
        for (int d = 0; d < dimensions.Length; d++)
        {
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 + (4 * d)), dimensions[d]);
        }

        return header;
    }
}
