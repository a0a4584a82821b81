using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using CompiledNN.Data;
using CompiledNN.Tests.Data;
using Xunit;
using Xunit.Sdk;

namespace CompiledNN.Tests.Fuzz;

[Trait("Category", "Fuzz")]
public sealed class IdxFuzzTests
{
    // Deflate expands at most 1032 to 1; each value becomes a 4-byte float, in an array that grows by doubling.
    private const long InflatedAllocationPerByte = 1032 * 4 * 2;

    // The header, then every value's bytes set to a pattern.
    private static byte[] Patterned(byte type, int[] dimensions, int elementSize)
    {
        byte[] header = IdxBytes.Header(type, dimensions);
        var body = new byte[dimensions.Aggregate(1, static (a, b) => a * b) * elementSize];
        for (int i = 0; i < body.Length; i++)
        {
            body[i] = (byte)(i * 37);
        }

        return [.. header, .. body];
    }

    private static byte[] Gzip(byte[] plain)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(plain);
        }

        return compressed.ToArray();
    }

    private static readonly byte[][] Seeds =
    [
        Patterned(0x08, [4, 3, 3], 1),
        Patterned(0x09, [6], 1),
        Patterned(0x0B, [5], 2),
        Patterned(0x0C, [2, 2], 4),
        [.. IdxBytes.Header(0x0D, 2, 3), 0x3F, 0x80, 0, 0, 0xC0, 0, 0, 0, 0, 0, 0, 0, 0x41, 0x20, 0, 0, 0x3F, 0, 0, 0, 0xBF, 0, 0, 0],
        [.. IdxBytes.Header(0x0E, 2), 0x3F, 0xF0, 0, 0, 0, 0, 0, 0, 0xC0, 0, 0, 0, 0, 0, 0, 0],
    ];

    private static void Read(Stream stream)
    {
        var tensor = IdxFile.Read(stream);
        long count = tensor.Dimensions.Aggregate(1L, static (a, b) => a * b);
        if (tensor.Dimensions.Any(static d => d < 1) || tensor.Values.Length != count)
        {
            throw new XunitException($"accepted as {string.Join(" x ", tensor.Dimensions)} with {tensor.Values.Length} values");
        }
    }

    private static bool IsDocumented(Exception e) => e is InvalidDataException;

    [Fact]
    public void Damaged_idx_files_are_read_or_rejected_as_invalid_data() =>
        FuzzRunner.Run(
            "idx",
            Seeds,
            iterations: 3000,
            seed: 24_05,
            static input => Read(new MemoryStream(input)),
            IsDocumented,
            static input => FuzzRunner.BaseAllocation + (64L * input.Length));

    [Fact]
    public void Damaged_gzip_streams_are_read_or_rejected_as_invalid_data() =>
        FuzzRunner.Run(
            "idx-gz",
            Seeds.Select(Gzip).ToArray(),
            iterations: 3000,
            seed: 24_06,
            static input => Read(new MemoryStream(input)),
            IsDocumented,
            static input => FuzzRunner.BaseAllocation + (InflatedAllocationPerByte * input.Length));

    [Fact]
    public void Damaged_idx_data_behind_gzip_is_read_or_rejected_as_invalid_data() =>
        FuzzRunner.Run(
            "idx-in-gz",
            Seeds,
            iterations: 3000,
            seed: 24_07,
            static input => Read(new MemoryStream(Gzip(input))),
            IsDocumented,
            static input => FuzzRunner.BaseAllocation + (64L * input.Length));

    [Fact]
    public void Damaged_image_files_load_as_a_dataset_or_are_rejected_as_invalid_data()
    {
        string directory = Directory.CreateTempSubdirectory("compilednn-fuzz-").FullName;
        string labels = Path.Combine(directory, "labels.idx");
        File.WriteAllBytes(labels, [.. IdxBytes.Header(0x08, 2), 0, 1]);
        string images = Path.Combine(directory, "images.idx");
        try
        {
            FuzzRunner.Run(
                "idx-dataset",
                [Patterned(0x08, [2, 2, 2], 1), Seeds[4]],
                iterations: 1000,
                seed: 24_08,
                input =>
                {
                    File.WriteAllBytes(images, input);
                    var data = IdxDataset.Load(images, labels, classCount: 2);
                    if (data.Count != 2 || data.TargetCount != 2)
                    {
                        throw new XunitException($"accepted as {data.Count} rows of {data.TargetCount} targets");
                    }
                },
                IsDocumented,
                static input => FuzzRunner.BaseAllocation + (64L * input.Length));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
