using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;

namespace CompiledNN.Data;

/// <summary>
/// Reads IDX files, the format of MNIST and Fashion-MNIST (<c>train-images-idx3-ubyte</c>, …), plain or gzip-compressed.
/// </summary>
/// <remarks>
/// An IDX file is a 4-byte magic number — two zero bytes, a type code (0x08 unsigned byte, 0x09 signed byte, 0x0B
/// int16, 0x0C int32, 0x0D float32, 0x0E float64) and the number of dimensions — then each dimension as a big-endian
/// int32, then the values in row-major order, big-endian. Compression is recognised by the gzip signature, not by the
/// file name. Every check names the byte offset (in the uncompressed data) where the file goes wrong.
/// </remarks>
public static class IdxFile
{
    // Reads go through a buffer of this many bytes (a multiple of every element size).
    private const int ChunkBytes = 64 * 1024;

    // The values array starts at this length and doubles as data arrives, up to what the header declares.
    private const int InitialValues = 64 * 1024;

    /// <summary>Reads the IDX file at <paramref name="path"/>.</summary>
    /// <param name="path">The file, plain or gzip-compressed.</param>
    /// <returns>Its dimensions and values.</returns>
    /// <exception cref="InvalidDataException">The file is not a well-formed IDX file; the message names the file and the byte offset.</exception>
    /// <remarks>See <see cref="Read(Stream)"/> for how much is read and allocated.</remarks>
    public static IdxTensor Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        try
        {
            return Read(file);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Reads IDX data, plain or gzip-compressed, from <paramref name="stream"/>.</summary>
    /// <param name="stream">A readable stream positioned at the start of the data; it is not closed.</param>
    /// <returns>Its dimensions and values.</returns>
    /// <exception cref="InvalidDataException">The data is not well-formed IDX (or not well-formed gzip); the message names the byte offset in the uncompressed data.</exception>
    /// <remarks>
    /// The header declares exactly how many bytes follow, so no more than those and one byte beyond (to detect
    /// trailing data) are read or decompressed. The values are allocated as the data arrives, not as the header
    /// declares them, so a short or damaged file never costs more memory than a few times the data it holds.
    /// </remarks>
    public static IdxTensor Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var signature = new byte[2];
        int signatureLength = stream.ReadAtLeast(signature, signature.Length, throwOnEndOfStream: false);
        if (signatureLength == 2 && signature[0] == 0x1F && signature[1] == 0x8B)
        {
            using var gzip = new GZipStream(new PrefixedStream(signature, stream), CompressionMode.Decompress, leaveOpen: true);
            return ReadPlain(gzip, []);
        }

        return ReadPlain(stream, signature.AsSpan(0, signatureLength));
    }

    /// <summary>Parses IDX data already in memory (uncompressed).</summary>
    /// <param name="data">The bytes of the file.</param>
    /// <returns>Its dimensions and values.</returns>
    /// <exception cref="InvalidDataException">The data is not well-formed IDX; the message names the byte offset.</exception>
    public static IdxTensor Parse(ReadOnlySpan<byte> data)
    {
        Header header = ReadHeader(data);
        if (data.Length != header.Length)
        {
            throw Error(Math.Min(data.Length, header.Length), $"{header.Describe()}, but the file has {data.Length} bytes");
        }

        var values = new float[header.Count];
        Decode(data[2], data[header.HeaderLength..], values);
        return new IdxTensor(header.Dimensions, values, data[2] == 0x08);
    }

    // Reads uncompressed IDX data from a stream whose first bytes were already read into `start`.
    private static IdxTensor ReadPlain(Stream stream, ReadOnlySpan<byte> start)
    {
        Span<byte> headerBytes = stackalloc byte[4 + (4 * byte.MaxValue)];
        start.CopyTo(headerBytes);
        int read = start.Length + stream.ReadAtLeast(headerBytes[start.Length..4], 4 - start.Length, throwOnEndOfStream: false);
        if (read == 4)
        {
            int headerLength = 4 + (4 * headerBytes[3]);
            read += stream.ReadAtLeast(headerBytes[4..headerLength], headerLength - 4, throwOnEndOfStream: false);
        }

        Header header = ReadHeader(headerBytes[..read]);
        byte type = headerBytes[2];
        var values = new float[Math.Min(header.Count, InitialValues)];
        var chunk = new byte[ChunkBytes];
        long decoded = 0;
        while (decoded < header.Count)
        {
            int wanted = (int)Math.Min(chunk.Length, (header.Count - decoded) * header.ElementSize);
            int got = stream.ReadAtLeast(chunk.AsSpan(0, wanted), wanted, throwOnEndOfStream: false);
            long position = header.HeaderLength + (decoded * header.ElementSize) + got;
            if (got < wanted)
            {
                throw Error(position, $"{header.Describe()}, but the data ends after {position} bytes");
            }

            if (decoded + (got / header.ElementSize) > values.Length)
            {
                Array.Resize(ref values, (int)Math.Min(header.Count, Math.Max(2L * values.Length, decoded + (got / header.ElementSize))));
            }

            Decode(type, chunk.AsSpan(0, got), values.AsSpan((int)decoded, got / header.ElementSize));
            decoded += got / header.ElementSize;
        }

        if (stream.ReadByte() >= 0)
        {
            throw Error(header.Length, $"{header.Describe()}, but more bytes follow");
        }

        return new IdxTensor(header.Dimensions, values, type == 0x08);
    }

    // Checks the magic number and the dimensions at the start of `data`, which may end anywhere after them.
    private static Header ReadHeader(ReadOnlySpan<byte> data)
    {
        if (data.Length < 4)
        {
            throw Error(data.Length, $"the file ends after {data.Length} bytes, inside the 4-byte magic number");
        }

        if (data[0] != 0 || data[1] != 0)
        {
            throw Error(0, $"the magic number starts with 0x{data[0]:X2} 0x{data[1]:X2}; an IDX file starts with two zero bytes");
        }

        int elementSize = data[2] switch
        {
            0x08 or 0x09 => 1,
            0x0B => 2,
            0x0C or 0x0D => 4,
            0x0E => 8,
            _ => throw Error(2, $"unknown type code 0x{data[2]:X2}; expected 0x08, 0x09, 0x0B, 0x0C, 0x0D or 0x0E"),
        };
        int rank = data[3];
        if (rank == 0)
        {
            throw Error(3, "the file declares 0 dimensions");
        }

        int headerLength = 4 + (4 * rank);
        if (data.Length < headerLength)
        {
            throw Error(data.Length, $"the file ends after {data.Length} bytes, inside the {rank} dimension sizes that end at byte {headerLength}");
        }

        var dimensions = new int[rank];
        long count = 1;
        for (int d = 0; d < rank; d++)
        {
            int offset = 4 + (4 * d);
            dimensions[d] = BinaryPrimitives.ReadInt32BigEndian(data[offset..]);
            if (dimensions[d] <= 0)
            {
                throw Error(offset, $"dimension {d} has size {dimensions[d]}; expected at least 1");
            }

            count *= dimensions[d];
            if (count > Array.MaxLength)
            {
                throw Error(offset, $"the dimensions {string.Join(" x ", dimensions[..(d + 1)])} hold more values than an array can");
            }
        }

        return new Header(dimensions, count, elementSize, headerLength);
    }

    private static void Decode(byte type, ReadOnlySpan<byte> body, Span<float> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = type switch
            {
                0x08 => body[i],
                0x09 => (sbyte)body[i],
                0x0B => BinaryPrimitives.ReadInt16BigEndian(body[(2 * i)..]),
                0x0C => BinaryPrimitives.ReadInt32BigEndian(body[(4 * i)..]),
                0x0D => BinaryPrimitives.ReadSingleBigEndian(body[(4 * i)..]),
                _ => (float)BinaryPrimitives.ReadDoubleBigEndian(body[(8 * i)..]),
            };
        }
    }

    private static InvalidDataException Error(long offset, string what) => new($"IDX byte offset {offset}: {what}.");

    /// <summary>What the header declares: the dimensions, the number of values, and the length of the whole file.</summary>
    private sealed record Header(int[] Dimensions, long Count, int ElementSize, int HeaderLength)
    {
        public long Length => HeaderLength + (Count * ElementSize);

        public string Describe() =>
            $"the dimensions {string.Join(" x ", Dimensions)} need {Count * ElementSize} data bytes after the {HeaderLength}-byte header ({Length} in all)";
    }
}
