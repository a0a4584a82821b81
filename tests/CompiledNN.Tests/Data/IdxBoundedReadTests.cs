using System;
using System.IO;
using System.IO.Compression;
using CompiledNN.Data;
using Xunit;

namespace CompiledNN.Tests.Data;

/// <summary>An IDX header declares exactly how much data follows: no more is read or decompressed, and memory follows the data present.</summary>
public sealed class IdxBoundedReadTests
{
    private static MemoryStream Gzip(byte[] header, int zeros)
    {
        var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(header);
            var block = new byte[1024 * 1024];
            for (int written = 0; written < zeros; written += block.Length)
            {
                gzip.Write(block, 0, Math.Min(block.Length, zeros - written));
            }
        }

        compressed.Position = 0;
        return compressed;
    }

    private static (T Result, long Allocated) Measure<T>(Func<T> action)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        T result = action();
        return (result, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void A_gzip_bomb_behind_a_small_header_stops_after_the_declared_bytes()
    {
        // 64 MiB of zeros compress to about 64 KB; the header declares one byte.
        using var bomb = Gzip(IdxBytes.Header(0x08, 1), 64 * 1024 * 1024);

        (InvalidDataException error, long allocated) = Measure(() => Assert.Throws<InvalidDataException>(() => IdxFile.Read(bomb)));

        Assert.Contains("IDX byte offset 9: the dimensions 1 need 1 data bytes after the 8-byte header (9 in all), but more bytes follow", error.Message, StringComparison.Ordinal);
        Assert.True(allocated < 2 * 1024 * 1024, $"{allocated} bytes allocated");
    }

    [Fact]
    public void A_header_declaring_a_gigabyte_over_a_few_bytes_allocates_for_the_bytes_present()
    {
        using var file = new MemoryStream([.. IdxBytes.Header(0x0D, 1 << 28), 1, 2, 3, 4, 5, 6, 7, 8]);

        (InvalidDataException error, long allocated) = Measure(() => Assert.Throws<InvalidDataException>(() => IdxFile.Read(file)));

        Assert.Contains("IDX byte offset 16: the dimensions 268435456 need 1073741824 data bytes", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("but the data ends after 16 bytes.", error.Message, StringComparison.Ordinal);
        Assert.True(allocated < 2 * 1024 * 1024, $"{allocated} bytes allocated");
    }

    [Fact]
    public void Data_longer_than_one_read_is_read_whole_from_plain_and_gzip_streams()
    {
        // 300,000 values cross the read buffer several times and grow the values array from its initial size.
        byte[] body = new byte[300_000];
        for (int i = 0; i < body.Length; i++)
        {
            body[i] = (byte)(i * 7);
        }

        byte[] file = [.. IdxBytes.Header(0x08, 300, 1000), .. body];
        using var gzip = Gzip(file, 0);

        foreach (IdxTensor tensor in new[] { IdxFile.Read(new MemoryStream(file)), IdxFile.Read(gzip) })
        {
            Assert.Equal([300, 1000], tensor.Dimensions);
            Assert.Equal(body.Length, tensor.Values.Length);
            Assert.Equal(body[^1], tensor.Values[^1]);
            Assert.Equal(body[123_456], tensor.Values[123_456]);
        }
    }

    [Fact]
    public void Damaged_gzip_is_invalid_data()
    {
        using var gzip = Gzip([.. IdxBytes.Header(0x08, 4), 1, 2, 3, 4], 0);
        byte[] damaged = gzip.ToArray();
        damaged[12] ^= 0xFF;

        Assert.Throws<InvalidDataException>(() => IdxFile.Read(new MemoryStream(damaged)));
    }
}
