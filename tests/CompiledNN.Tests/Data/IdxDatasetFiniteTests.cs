using System;
using System.Buffers.Binary;
using System.IO;
using CompiledNN.Data;
using Xunit;

namespace CompiledNN.Tests.Data;

/// <summary>Float IDX images may hold NaN or infinity; a dataset rejects them as bad data, naming the file and where.</summary>
public sealed class IdxDatasetFiniteTests
{
    private static string WriteTemp(byte[] bytes)
    {
        string path = Path.Combine(Path.GetTempPath(), $"compilednn-{Guid.NewGuid():N}.idx");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    // Two items of three float32 (0x0D) or float64 (0x0E) values, with `bad` at item 1, value 2.
    private static byte[] Images(byte type, double bad)
    {
        int size = type == 0x0D ? 4 : 8;
        byte[] file = [.. IdxBytes.Header(type, 2, 3), .. new byte[6 * size]];
        var at = file.AsSpan(12 + (5 * size));
        if (type == 0x0D)
        {
            BinaryPrimitives.WriteSingleBigEndian(at, (float)bad);
        }
        else
        {
            BinaryPrimitives.WriteDoubleBigEndian(at, bad);
        }

        return file;
    }

    [Theory]
    [InlineData(0x0D, double.NaN, "NaN")]
    [InlineData(0x0D, double.PositiveInfinity, "Infinity")]
    [InlineData(0x0E, double.NegativeInfinity, "-Infinity")]
    [InlineData(0x0E, 1e300, "Infinity")]
    public void A_non_finite_pixel_is_invalid_data_naming_the_file_and_position(byte type, double bad, string shown)
    {
        string images = WriteTemp(Images(type, bad));
        string labels = WriteTemp([.. IdxBytes.Header(0x08, 2), 0, 1]);
        try
        {
            var error = Assert.Throws<InvalidDataException>(() => IdxDataset.Load(images, labels, classCount: 2));

            Assert.Equal($"{images}: value 2 of item 1 (value 5 of the file) is {shown}; expected finite values.", error.Message);
        }
        finally
        {
            File.Delete(images);
            File.Delete(labels);
        }
    }
}
