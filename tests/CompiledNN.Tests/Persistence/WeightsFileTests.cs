using System;
using System.IO;
using System.Linq;
using System.Text;
using CompiledNN.Persistence;
using CompiledNN.Tests.Networks;
using Xunit;

namespace CompiledNN.Tests.Persistence;

public sealed class WeightsFileTests
{
    private static byte[] Saved(IPersistentNetwork network)
    {
        using var stream = new MemoryStream();
        WeightsFile.Save(network, stream);
        return stream.ToArray();
    }

    [Fact]
    public void Stream_round_trip_is_bit_identical()
    {
        var original = new IrisNet(seed: 7);
        byte[] file = Saved(original);

        IrisNet loaded = IrisNet.Load(new MemoryStream(file));

        Assert.Equal(Fixtures.Bits(original), Fixtures.Bits(loaded));
        Assert.Equal(file, Saved(loaded));
    }

    [Fact]
    public void Path_round_trip_is_bit_identical_and_leaves_no_temporary_file()
    {
        string directory = Directory.CreateTempSubdirectory("compilednn-").FullName;
        try
        {
            string path = Path.Combine(directory, "iris.weights.json");
            File.WriteAllText(path, "an older file that Save replaces");
            var original = new IrisNet(seed: 3);

            original.Save(path);
            var loaded = new IrisNet(seed: 4);
            loaded.LoadParameters(path);

            Assert.Equal(Fixtures.Bits(original), Fixtures.Bits(loaded));
            Assert.Equal(Fixtures.Bits(original), Fixtures.Bits(IrisNet.Load(path)));
            Assert.Equal(["iris.weights.json"], Directory.GetFiles(directory).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Save_into_a_missing_directory_throws_and_creates_nothing()
    {
        string directory = Path.Combine(Path.GetTempPath(), "compilednn-missing-" + Guid.NewGuid().ToString("N"));
        Assert.Throws<DirectoryNotFoundException>(() => new IrisNet().Save(Path.Combine(directory, "x.json")));
        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public void File_written_by_the_python_script_from_the_specification_is_read_and_written_byte_for_byte()
    {
        // The fixture was written by make_torch_fixtures.py from docs/weights-format.md, independently of the C# writer.
        byte[] python = Fixtures.Bytes("torch-4-8-3.weights.json");
        TorchNet network = TorchNet.Load(new MemoryStream(python));

        Assert.Equal(Encoding.ASCII.GetString(python), Encoding.ASCII.GetString(Saved(network)));
    }

    [Fact]
    public void Format_records_the_architecture_and_alpha()
    {
        string text = Encoding.UTF8.GetString(Saved(new LeakyNet()));

        Assert.Contains("\"format\": \"compilednn-weights\"", text, StringComparison.Ordinal);
        Assert.Contains("\"version\": 1", text, StringComparison.Ordinal);
        Assert.Contains("\"elementType\": \"float32\"", text, StringComparison.Ordinal);
        Assert.Contains("{ \"units\": 5, \"activation\": \"LeakyReLU\", \"alpha\": 0.2 }", text, StringComparison.Ordinal);
        Assert.Contains("{ \"units\": 2, \"activation\": \"Sigmoid\" }", text, StringComparison.Ordinal);
        Assert.Contains($"\"parameterCount\": {LeakyNet.ParameterCount}", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_architecture_is_rejected_naming_both_and_the_network_is_unchanged()
    {
        var network = new IrisNet(seed: 1);
        int[] before = Fixtures.Bits(network);

        var error = Assert.Throws<InvalidDataException>(() => network.LoadParameters(new MemoryStream(Fixtures.Bytes("torch-4-8-3.weights.json"))));

        Assert.Contains("saved for 4-8-3, this network is 4-16-16-3", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Fixtures.Bits(network));
    }

    [Theory]
    [InlineData("\"activation\": \"Tanh\"", "\"activation\": \"ReLU\"", "layer 1 was saved with activation ReLU, this network's layer 1 uses Tanh")]
    [InlineData("\"version\": 1", "\"version\": 2", "version 2 is not supported")]
    [InlineData("\"elementType\": \"float32\"", "\"elementType\": \"float64\"", "the element type is \"float64\"")]
    [InlineData("\"parameterCount\": 67", "\"parameterCount\": 68", "parameterCount is 68, but a 4-8-3 network has 67 parameters")]
    [InlineData("\"checksum\": \"crc32:ca6954d1\"", "\"checksum\": \"crc32:ca6954d2\"", "do not match their checksum")]
    [InlineData("\"format\": \"compilednn-weights\"", "\"format\": \"onnx\"", "the format is \"onnx\"")]
    [InlineData("\"version\": 1,", "\"version\": 1, \"extra\": 0,", "unknown field \"extra\"")]
    public void Each_header_field_is_checked(string field, string replacement, string message)
    {
        string text = Encoding.ASCII.GetString(Fixtures.Bytes("torch-4-8-3.weights.json"));
        Assert.Contains(field, text, StringComparison.Ordinal);
        var network = new TorchNet(seed: 2);
        int[] before = Fixtures.Bits(network);

        var error = Assert.Throws<InvalidDataException>(() => network.LoadParameters(new MemoryStream(Encoding.ASCII.GetBytes(text.Replace(field, replacement)))));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Fixtures.Bits(network));
    }

    [Fact]
    public void Every_truncation_is_rejected_and_the_network_is_unchanged()
    {
        byte[] file = Saved(new LeakyNet(seed: 5));
        var network = new LeakyNet(seed: 6);
        int[] before = Fixtures.Bits(network);

        // Cutting the final line end leaves a complete document, which is still the whole file.
        for (int length = 0; length < file.Length - 1; length++)
        {
            Assert.Throws<InvalidDataException>(() => network.LoadParameters(new MemoryStream(file, 0, length)));
        }

        Assert.Equal(before, Fixtures.Bits(network));
    }

    [Fact]
    public void Every_single_bit_flip_is_rejected_and_the_network_is_unchanged()
    {
        byte[] file = Saved(new LeakyNet(seed: 5));
        var network = new LeakyNet(seed: 6);
        int[] before = Fixtures.Bits(network);

        for (int position = 0; position < file.Length; position++)
        {
            for (int bit = 0; bit < 8; bit++)
            {
                byte[] damaged = (byte[])file.Clone();
                damaged[position] ^= (byte)(1 << bit);
                var error = Record.Exception(() => network.LoadParameters(new MemoryStream(damaged)));
                Assert.True(error is InvalidDataException, $"Flipping bit {bit} of byte {position} gave {error?.GetType().Name ?? "no exception"}.");
            }
        }

        Assert.Equal(before, Fixtures.Bits(network));
    }

    [Fact]
    public void Bit_flips_in_a_large_file_are_rejected()
    {
        byte[] file = Saved(new IrisNet(seed: 5));
        var network = new IrisNet(seed: 6);
        int[] before = Fixtures.Bits(network);
        var random = new Random(42);

        for (int i = 0; i < 3000; i++)
        {
            byte[] damaged = (byte[])file.Clone();
            damaged[random.Next(damaged.Length)] ^= (byte)(1 << random.Next(8));
            Assert.Throws<InvalidDataException>(() => network.LoadParameters(new MemoryStream(damaged)));
        }

        Assert.Equal(before, Fixtures.Bits(network));
    }

    [Fact]
    public void Oversized_and_endless_streams_are_rejected_without_reading_them_to_the_end()
    {
        byte[] file = Saved(new LeakyNet());
        var network = new LeakyNet(seed: 9);
        int[] before = Fixtures.Bits(network);
        byte[] padded = [.. file, .. Enumerable.Repeat((byte)' ', WeightsFormat.MaxHeaderLength)];

        var oversized = Assert.Throws<InvalidDataException>(() => network.LoadParameters(new MemoryStream(padded)));
        var endless = new EndlessStream();
        Assert.Throws<InvalidDataException>(() => network.LoadParameters(endless));
        var trailing = Assert.Throws<InvalidDataException>(() => network.LoadParameters(new MemoryStream([.. file, (byte)'x'])));

        Assert.Contains("longer than", oversized.Message, StringComparison.Ordinal);
        Assert.True(endless.BytesRead <= WeightsFormat.MaxLength(LeakyNet.Architecture) + 81920);
        Assert.Contains("end of the file", trailing.Message, StringComparison.Ordinal);
        Assert.Equal(before, Fixtures.Bits(network));
    }

    [Fact]
    public void Random_mutations_only_ever_give_a_valid_network_or_InvalidDataException()
    {
        byte[] file = Saved(new LeakyNet(seed: 11));
        var random = new Random(2024);
        int accepted = 0;
        for (int i = 0; i < 20000; i++)
        {
            byte[] mutated = Mutate(file, random);
            var network = new LeakyNet(seed: 12);
            int[] before = Fixtures.Bits(network);
            try
            {
                network.LoadParameters(new MemoryStream(mutated));
                accepted++;
                Assert.All(Fixtures.Parameters(network), static p => Assert.True(float.IsFinite(p)));
            }
            catch (InvalidDataException)
            {
                Assert.Equal(before, Fixtures.Bits(network));
            }
        }

        // Whitespace edits (and the odd mutation that restores the file) may survive; almost everything else must not.
        Assert.True(accepted < 2000, $"{accepted} of 20000 mutated files were accepted.");
    }

    /// <summary>One to four random edits: a byte set to a random value, a byte inserted or removed, a bit flipped, a tail cut.</summary>
    private static byte[] Mutate(byte[] file, Random random)
    {
        var bytes = file.ToList();
        int edits = random.Next(1, 5);
        for (int e = 0; e < edits && bytes.Count > 0; e++)
        {
            int at = random.Next(bytes.Count);
            switch (random.Next(5))
            {
                case 0: bytes[at] = (byte)random.Next(256); break;
                case 1: bytes.Insert(at, (byte)random.Next(256)); break;
                case 2: bytes.RemoveAt(at); break;
                case 3: bytes[at] ^= (byte)(1 << random.Next(8)); break;
                default: bytes.RemoveRange(at, bytes.Count - at); break;
            }
        }

        return [.. bytes];
    }

    /// <summary>A stream of spaces without end, counting what is read.</summary>
    private sealed class EndlessStream : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)' ', offset, count);
            BytesRead += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
