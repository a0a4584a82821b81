using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using System.Text;
using CompiledNN.Persistence;
using CompiledNN.Tests.Networks;
using Xunit;

namespace CompiledNN.Tests.Persistence;

public sealed class SafeTensorsTests
{
    /// <summary>Softmax outputs of float32 PyTorch and CompiledNN differ by rounding only: a few ulps of values at most 1.</summary>
    private const float Tolerance = 1e-6f;

    [Theory]
    [InlineData("torch-4-8-3")]
    [InlineData("torch-40-32-4")]
    public void File_saved_from_PyTorch_predicts_like_PyTorch(string fixture)
    {
        IPersistentNetwork network = fixture == "torch-4-8-3" ? new TorchNet() : new WideTorchNet();
        (float[][] inputs, float[][] expected) = Fixtures.Expected(fixture);

        SafeTensors.Import(network, Fixtures.Path(fixture + ".safetensors"));

        var output = new float[network.OutputSize];
        for (int row = 0; row < inputs.Length; row++)
        {
            network.Predict(inputs[row], output);
            for (int k = 0; k < output.Length; k++)
            {
                Assert.True(Math.Abs(output[k] - expected[row][k]) <= Tolerance, $"Row {row}, output {k}: {output[k]} here, {expected[row][k]} in PyTorch.");
            }
        }
    }

    [Fact]
    public void Import_gives_the_same_parameters_as_the_weights_file_of_the_same_model()
    {
        var fromSafeTensors = new TorchNet();
        SafeTensors.Import(fromSafeTensors, Fixtures.Path("torch-4-8-3.safetensors"));

        Assert.Equal(Fixtures.Bits(TorchNet.Load(Fixtures.Path("torch-4-8-3.weights.json"))), Fixtures.Bits(fromSafeTensors));
    }

    /// <summary>The PyTorch fixture as Export writes it: the same tensors and bytes, plus the data's CRC-32 in the metadata.</summary>
    private static byte[] ExportedFixture()
    {
        // zlib.crc32 of the fixture's 268 data bytes, computed by Python.
        const string DataCrc32 = "ca6954d1";
        byte[] file = Fixtures.Bytes("torch-4-8-3.safetensors");
        string header = Encoding.UTF8.GetString(file, 8, (int)BinaryPrimitives.ReadUInt64LittleEndian(file)).TrimEnd()
            .Replace("{\"format\":\"pt\"}", $"{{\"format\":\"pt\",\"{SafeTensors.ChecksumKey}\":\"{DataCrc32}\"}}", StringComparison.Ordinal);
        return WithHeader(file, header.PadRight((header.Length + 7) / 8 * 8));
    }

    [Fact]
    public void Export_writes_the_bytes_PyTorch_names_and_layout_give()
    {
        var network = new TorchNet();
        SafeTensors.Import(network, Fixtures.Path("torch-4-8-3.safetensors"));
        using var exported = new MemoryStream();

        SafeTensors.Export(network, exported);

        Assert.Equal(ExportedFixture(), exported.ToArray());
    }

    [Fact]
    public void Export_to_a_path_replaces_the_file_whole_and_a_rejected_export_leaves_it_untouched()
    {
        string directory = Directory.CreateTempSubdirectory("compilednn-").FullName;
        try
        {
            string path = Path.Combine(directory, "model.safetensors");
            var network = new TorchNet();
            SafeTensors.Import(network, Fixtures.Path("torch-4-8-3.safetensors"));
            File.WriteAllText(path, "an older file");

            SafeTensors.Export(network, path);
            Assert.Equal(ExportedFixture(), File.ReadAllBytes(path));

            Assert.Throws<ArgumentException>(() => SafeTensors.Export(new TorchNet(seed: 9), path, ["only one name"]));
            Assert.Equal(ExportedFixture(), File.ReadAllBytes(path));
            Assert.Equal(["model.safetensors"], Directory.GetFiles(directory).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Round_trip_with_custom_names_is_bit_identical_and_the_default_names_then_do_not_match()
    {
        var original = new IrisNet(seed: 8);
        string[] names = ["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias", "out.weight", "out.bias"];
        using var file = new MemoryStream();
        SafeTensors.Export(original, file, names);

        var loaded = new IrisNet(seed: 9);
        int[] before = Fixtures.Bits(loaded);
        var error = Assert.Throws<InvalidDataException>(() => SafeTensors.Import(loaded, new MemoryStream(file.ToArray())));
        Assert.Contains("there is no tensor '0.weight'", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Fixtures.Bits(loaded));

        SafeTensors.Import(loaded, new MemoryStream(file.ToArray()), names);
        Assert.Equal(Fixtures.Bits(original), Fixtures.Bits(loaded));
    }

    [Fact]
    public void Sequential_names_follow_the_module_indices()
    {
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias"], SafeTensors.SequentialNames(3));
        Assert.Equal(["0.weight", "0.bias", "1.weight", "1.bias"], SafeTensors.SequentialNames(2, modulesPerLayer: 1));
    }

    [Theory]
    [InlineData("\"dtype\":\"F32\",\"shape\":[8,4]", "\"dtype\":\"F64\",\"shape\":[8,4]", "tensor '0.weight' has dtype F64")]
    [InlineData("\"shape\":[8,4]", "\"shape\":[4,8]", "tensor '0.weight' has shape [4, 8], but the weight of layer 1 of this 4-8-3 network has shape [8, 4]")]
    [InlineData("\"2.bias\"", "\"3.bias\"", "there is no tensor '2.bias'")]
    [InlineData("\"data_offsets\":[0,128]", "\"data_offsets\":[4,132]", "starts at byte 4")]
    [InlineData("\"data_offsets\":[128,160]", "\"data_offsets\":[124,156]", "without gaps or overlaps")]
    [InlineData("{\"__metadata__\"", "{\"x\":1,\"__metadata__\"", "tensor 'x' is not described by an object")]
    [InlineData("\"dtype\":\"F32\",\"shape\":[8,4]", "\"dtype\":\"F32\",\"dtype\":\"F32\",\"shape\":[8,4]", "unexpected or repeated field 'dtype'")]
    public void Damaged_headers_are_rejected_and_the_network_is_unchanged(string part, string replacement, string message)
    {
        byte[] file = Fixtures.Bytes("torch-4-8-3.safetensors");
        string header = Encoding.UTF8.GetString(file, 8, (int)BinaryPrimitives.ReadUInt64LittleEndian(file));
        Assert.Contains(part, header, StringComparison.Ordinal);
        byte[] damaged = WithHeader(file, header.Replace(part, replacement).TrimEnd());
        var network = new TorchNet(seed: 3);
        int[] before = Fixtures.Bits(network);

        var error = Assert.Throws<InvalidDataException>(() => SafeTensors.Import(network, new MemoryStream(damaged)));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Fixtures.Bits(network));
    }

    [Fact]
    public void Bad_lengths_truncation_and_trailing_bytes_are_rejected()
    {
        byte[] file = Fixtures.Bytes("torch-4-8-3.safetensors");
        var network = new TorchNet(seed: 3);
        int[] before = Fixtures.Bits(network);
        byte[] huge = (byte[])file.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(huge, ulong.MaxValue);

        Assert.Contains("header length", Assert.Throws<InvalidDataException>(() => SafeTensors.Import(network, new MemoryStream(huge))).Message, StringComparison.Ordinal);
        for (int length = 0; length < file.Length; length++)
        {
            Assert.Throws<InvalidDataException>(() => SafeTensors.Import(network, new MemoryStream(file, 0, length)));
        }

        Assert.Contains("after the last tensor", Assert.Throws<InvalidDataException>(() => SafeTensors.Import(network, new MemoryStream([.. file, 0]))).Message, StringComparison.Ordinal);
        Assert.Equal(before, Fixtures.Bits(network));
    }

    [Fact]
    public void Non_finite_values_are_rejected()
    {
        byte[] file = Fixtures.Bytes("torch-4-8-3.safetensors");
        int data = 8 + (int)BinaryPrimitives.ReadUInt64LittleEndian(file);
        BinaryPrimitives.WriteSingleLittleEndian(file.AsSpan(data + 20), float.NaN);
        var network = new TorchNet(seed: 3);
        int[] before = Fixtures.Bits(network);

        var error = Assert.Throws<InvalidDataException>(() => SafeTensors.Import(network, new MemoryStream(file)));

        Assert.Contains("parameter 5", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Fixtures.Bits(network));
    }

    [Fact]
    public void Random_mutations_only_ever_give_a_valid_network_or_InvalidDataException()
    {
        byte[] file = Fixtures.Bytes("torch-4-8-3.safetensors");
        var random = new Random(7);
        for (int i = 0; i < 5000; i++)
        {
            byte[] mutated = (byte[])file.Clone();
            for (int e = random.Next(1, 4); e > 0; e--)
            {
                mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
            }

            var network = new TorchNet(seed: 1);
            try
            {
                SafeTensors.Import(network, new MemoryStream(mutated));
            }
            catch (InvalidDataException)
            {
            }

            Assert.All(Fixtures.Parameters(network), static p => Assert.True(float.IsFinite(p)));
        }
    }

    internal static byte[] WithHeader(byte[] file, string header)
    {
        int oldLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(file);
        byte[] headerBytes = Encoding.UTF8.GetBytes(header);
        var result = new byte[8 + headerBytes.Length + (file.Length - 8 - oldLength)];
        BinaryPrimitives.WriteUInt64LittleEndian(result, (ulong)headerBytes.Length);
        headerBytes.CopyTo(result, 8);
        file.AsSpan(8 + oldLength).CopyTo(result.AsSpan(8 + headerBytes.Length));
        return result;
    }
}
