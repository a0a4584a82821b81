using System;
using System.Buffers.Binary;
using System.IO;
using CompiledNN.Persistence;
using CompiledNN.Tests.Networks;
using Xunit;

namespace CompiledNN.Tests.Persistence;

/// <summary>Headers that JSON allows but no tensor name can be, and damaged data under Export's checksum, are rejected with nothing changed.</summary>
public sealed class SafeTensorsIntegrityTests
{
    private static void AssertRejected(byte[] file, string message)
    {
        var network = new TorchNet(seed: 3);
        int[] before = Fixtures.Bits(network);

        var error = Assert.Throws<InvalidDataException>(() => SafeTensors.Import(network, new MemoryStream(file)));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Fixtures.Bits(network));
    }

    private static byte[] Exported()
    {
        using var file = new MemoryStream();
        SafeTensors.Export(new TorchNet(seed: 5), file);
        return file.ToArray();
    }

    [Theory]
    [InlineData("{\"\\ud800\":{}}")]
    [InlineData("{\"0.weight\":{\"dtype\":\"F\\udc00\",\"shape\":[8,4],\"data_offsets\":[0,128]}}")]
    [InlineData("{\"0.weight\":{\"\\ud800\\u0041\":1}}")]
    [InlineData("{\"__metadata__\":{\"\\udfff\":\"x\"}}")]
    public void A_lone_surrogate_escape_is_invalid_data(string header)
    {
        AssertRejected(SafeTensorsTests.WithHeader(Fixtures.Bytes("torch-4-8-3.safetensors"), header), "not valid Unicode (a lone surrogate)");
    }

    [Fact]
    public void Export_records_a_checksum_and_a_damaged_finite_value_is_rejected()
    {
        byte[] file = Exported();
        int data = 8 + (int)BinaryPrimitives.ReadUInt64LittleEndian(file);
        // The lowest mantissa bit of a weight: still finite, so only the checksum can tell.
        file[data + 12] ^= 1;

        AssertRejected(file, "does not match the CRC-32");
    }

    [Fact]
    public void An_exported_file_round_trips_through_its_checksum()
    {
        var network = new TorchNet(seed: 3);

        SafeTensors.Import(network, new MemoryStream(Exported()));

        Assert.Equal(Fixtures.Bits(new TorchNet(seed: 5)), Fixtures.Bits(network));
    }

    [Theory]
    [InlineData("\"ca6954d1\"", "\"ca6954d\"")]
    [InlineData("\"ca6954d1\"", "\"zzzzzzzz\"")]
    [InlineData("\"ca6954d1\"", "3395900625")]
    public void A_malformed_checksum_entry_is_invalid_data(string checksum, string replacement)
    {
        string header = $"{{\"__metadata__\":{{\"format\":\"pt\",\"{SafeTensors.ChecksumKey}\":{checksum}}},"
            + "\"0.weight\":{\"dtype\":\"F32\",\"shape\":[8,4],\"data_offsets\":[0,128]},\"0.bias\":{\"dtype\":\"F32\",\"shape\":[8],\"data_offsets\":[128,160]},"
            + "\"2.weight\":{\"dtype\":\"F32\",\"shape\":[3,8],\"data_offsets\":[160,256]},\"2.bias\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[256,268]}}";
        byte[] fixture = Fixtures.Bytes("torch-4-8-3.safetensors");
        var network = new TorchNet(seed: 3);
        SafeTensors.Import(network, new MemoryStream(SafeTensorsTests.WithHeader(fixture, header)));

        AssertRejected(SafeTensorsTests.WithHeader(fixture, header.Replace(checksum, replacement, StringComparison.Ordinal)), "is not a CRC-32 as 8 hex digits");
    }
}
