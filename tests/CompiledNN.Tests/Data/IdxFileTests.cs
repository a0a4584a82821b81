using System;
using System.IO;
using System.IO.Compression;
using CompiledNN.Data;
using Xunit;

namespace CompiledNN.Tests.Data;

public sealed class IdxFileTests
{
    private static string WriteTemp(byte[] bytes, bool gzip)
    {
        string path = Path.Combine(Path.GetTempPath(), $"compilednn-{Guid.NewGuid():N}.idx");
        using var file = File.Create(path);
        if (gzip)
        {
            using var compressed = new GZipStream(file, CompressionLevel.Fastest);
            compressed.Write(bytes);
        }
        else
        {
            file.Write(bytes);
        }

        return path;
    }

    [Fact]
    public void Reads_unsigned_bytes_with_their_dimensions()
    {
        byte[] file = [.. IdxBytes.Header(0x08, 2, 2, 3), 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 255];

        var tensor = IdxFile.Parse(file);

        Assert.Equal([2, 2, 3], tensor.Dimensions);
        Assert.Equal([0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f, 10f, 255f], tensor.Values);
        Assert.True(tensor.IsUnsignedByte);
    }

    [Fact]
    public void Reads_big_endian_signed_integers_and_floats()
    {
        Assert.Equal([-1f, 127f], IdxFile.Parse([.. IdxBytes.Header(0x09, 2), 0xFF, 0x7F]).Values);
        Assert.Equal([-2f, 258f], IdxFile.Parse([.. IdxBytes.Header(0x0B, 2), 0xFF, 0xFE, 0x01, 0x02]).Values);
        Assert.Equal([16909060f], IdxFile.Parse([.. IdxBytes.Header(0x0C, 1), 0x01, 0x02, 0x03, 0x04]).Values);
        Assert.Equal([1.5f], IdxFile.Parse([.. IdxBytes.Header(0x0D, 1), 0x3F, 0xC0, 0x00, 0x00]).Values);
        Assert.Equal([-2.25f], IdxFile.Parse([.. IdxBytes.Header(0x0E, 1), 0xC0, 0x02, 0x00, 0, 0, 0, 0, 0]).Values);
        Assert.False(IdxFile.Parse([.. IdxBytes.Header(0x0D, 1), 0x3F, 0xC0, 0x00, 0x00]).IsUnsignedByte);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reads_plain_and_gzip_files_alike(bool gzip)
    {
        string path = WriteTemp([.. IdxBytes.Header(0x08, 3), 7, 8, 9], gzip);
        try
        {
            Assert.Equal([7f, 8f, 9f], IdxFile.Read(path).Values);
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static TheoryData<byte[], string> Malformed => new()
    {
        { [0, 0], "offset 2: the file ends after 2 bytes, inside the 4-byte magic number" },
        { [0, 1, 8, 1, 0, 0, 0, 1, 5], "offset 0: the magic number starts with 0x00 0x01" },
        { [0, 0, 0x0A, 1, 0, 0, 0, 1, 5], "offset 2: unknown type code 0x0A" },
        { [0, 0, 8, 0], "offset 3: the file declares 0 dimensions" },
        { [0, 0, 8, 2, 0, 0, 0, 1, 0, 0], "offset 10: the file ends after 10 bytes, inside the 2 dimension sizes" },
        { [0, 0, 8, 1, 0xFF, 0xFF, 0xFF, 0xFF], "offset 4: dimension 0 has size -1" },
        { [.. IdxBytes.Header(0x08, 2, 3), 1, 2, 3, 4], "offset 16: the dimensions 2 x 3 need 6 data bytes after the 12-byte header (18 in all), but the file has 16 bytes" },
        { [.. IdxBytes.Header(0x0B, 2), 1, 2, 3, 4, 5], "offset 12: the dimensions 2 need 4 data bytes after the 8-byte header (12 in all), but the file has 13 bytes" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_data_names_the_byte_offset(byte[] data, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => IdxFile.Parse(data));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Read_names_the_file_in_errors()
    {
        string path = WriteTemp([0, 0, 8], gzip: true);
        try
        {
            var error = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path));
            Assert.StartsWith(path + ": IDX byte offset 3", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_dataset_pairs_scaled_images_with_one_hot_labels()
    {
        string images = WriteTemp([.. IdxBytes.Header(0x08, 2, 1, 2), 0, 255, 51, 102], gzip: true);
        string labels = WriteTemp([.. IdxBytes.Header(0x08, 2), 2, 0], gzip: false);
        try
        {
            var data = IdxDataset.Load(images, labels, classCount: 3);

            Assert.Equal(2, data.Count);
            Assert.Equal(2, data.FeatureCount);
            Assert.Equal([0f, 1f, 0.2f, 0.4f], data.Features.ToArray());
            Assert.Equal([0f, 0f, 1f, 1f, 0f, 0f], data.Targets.ToArray());
        }
        finally
        {
            File.Delete(images);
            File.Delete(labels);
        }
    }

    [Fact]
    public void A_dataset_rejects_mismatched_counts_and_out_of_range_labels()
    {
        string images = WriteTemp([.. IdxBytes.Header(0x08, 2, 1), 1, 2], gzip: false);
        string threeLabels = WriteTemp([.. IdxBytes.Header(0x08, 3), 0, 1, 1], gzip: false);
        string badLabel = WriteTemp([.. IdxBytes.Header(0x08, 2), 0, 10], gzip: false);
        try
        {
            Assert.Contains("3 labels, but", Assert.Throws<InvalidDataException>(() => IdxDataset.Load(images, threeLabels)).Message);
            Assert.Contains("label 1 is 10", Assert.Throws<InvalidDataException>(() => IdxDataset.Load(images, badLabel)).Message);
        }
        finally
        {
            File.Delete(images);
            File.Delete(threeLabels);
            File.Delete(badLabel);
        }
    }
}
