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
    /// <summary>Reads the IDX file at <paramref name="path"/>.</summary>
    /// <param name="path">The file, plain or gzip-compressed.</param>
    /// <returns>Its dimensions and values.</returns>
    /// <exception cref="InvalidDataException">The file is not a well-formed IDX file; the message names the file and the byte offset.</exception>
    public static IdxTensor Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return Parse(ReadAllBytes(path));
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Parses IDX data already in memory (uncompressed).</summary>
    /// <param name="data">The bytes of the file.</param>
    /// <returns>Its dimensions and values.</returns>
    /// <exception cref="InvalidDataException">The data is not well-formed IDX; the message names the byte offset.</exception>
    public static IdxTensor Parse(ReadOnlySpan<byte> data)
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

        long expectedLength = headerLength + (count * elementSize);
        if (data.Length != expectedLength)
        {
            throw Error(
                Math.Min(data.Length, expectedLength),
                $"the dimensions {string.Join(" x ", dimensions)} need {count * elementSize} data bytes after the {headerLength}-byte header ({expectedLength} in all), but the file has {data.Length} bytes");
        }

        var values = new float[count];
        var body = data[headerLength..];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = data[2] switch
            {
                0x08 => body[i],
                0x09 => (sbyte)body[i],
                0x0B => BinaryPrimitives.ReadInt16BigEndian(body[(2 * i)..]),
                0x0C => BinaryPrimitives.ReadInt32BigEndian(body[(4 * i)..]),
                0x0D => BinaryPrimitives.ReadSingleBigEndian(body[(4 * i)..]),
                _ => (float)BinaryPrimitives.ReadDoubleBigEndian(body[(8 * i)..]),
            };
        }

        return new IdxTensor(dimensions, values, data[2] == 0x08);
    }

    private static byte[] ReadAllBytes(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length < 2 || bytes[0] != 0x1F || bytes[1] != 0x8B)
        {
            return bytes;
        }

        using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        gzip.CopyTo(plain);
        return plain.ToArray();
    }

    private static InvalidDataException Error(long offset, string what) => new($"IDX byte offset {offset}: {what}.");
}
