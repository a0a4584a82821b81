using System;
using System.Collections.Generic;
using System.Diagnostics;
using CompiledNN.Generators.Onnx;
using Xunit;

namespace CompiledNN.Generators.Tests.Onnx;

/// <summary>
/// Damaged ONNX files: random mutations of valid exports must end in <see cref="OnnxFormatException"/> or an import
/// result (a network or a problem), never another exception, and quickly. Seeded, so a failure reproduces.
/// </summary>
public sealed class OnnxFuzzTests
{
    private const int Cases = 3000;

    [Theory]
    [InlineData("mlp-4-16-16-3.onnx", 1)]
    [InlineData("bn-dropout-6-12-8-2.onnx", 2)]
    [InlineData("ops-reshape-dropout-3x2-5-4.onnx", 3)]
    public void Mutated_models_are_rejected_or_imported_without_crashing(string fixture, int seed)
    {
        byte[] valid = OnnxHarness.Fixture(fixture);
        Assert.Null(Import(valid).Problem);
        var random = new Random(seed);
        var outcomes = new Dictionary<string, int>();
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < Cases; i++)
        {
            byte[] mutated = Mutate(valid, random);
            string outcome;
            try
            {
                ImportedNetwork network = Import(mutated);
                outcome = network.Problem?.Descriptor.Id ?? "imported";
            }
            catch (OnnxFormatException)
            {
                outcome = "format";
            }

            outcomes[outcome] = outcomes.TryGetValue(outcome, out int count) ? count + 1 : 1;
        }

        // Both outcomes occur, so the mutations reach past the framing into the graph.
        Assert.True(outcomes.ContainsKey("format"), string.Join(", ", outcomes));
        Assert.True(outcomes.Count > 2, string.Join(", ", outcomes));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"{Cases} cases took {clock.Elapsed}");
    }

    [Fact]
    public void Length_prefix_larger_than_the_file_is_a_format_error_without_allocating_it()
    {
        // Field 7 (graph), length-delimited, with a length of 2^62.
        byte[] bytes = [0x08, 0x07, 0x3A, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x40];
        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<OnnxFormatException>(() => OnnxModelReader.Read(bytes));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 100_000);
    }

    [Fact]
    public void Tensor_whose_dimensions_promise_more_values_than_it_has_is_a_format_error()
    {
        // ModelProto { ir_version 7, graph { initializer { dims [1 << 40], data_type FLOAT, name "W" } } }
        byte[] tensor = [0x08, 0x80, 0x80, 0x80, 0x80, 0x80, 0x20, 0x10, 0x01, 0x42, 0x01, 0x57];
        byte[] graph = [0x2A, (byte)tensor.Length, .. tensor];
        byte[] bytes = [0x08, 0x07, 0x3A, (byte)graph.Length, .. graph];
        OnnxFormatException exception = Assert.Throws<OnnxFormatException>(() => OnnxModelReader.Read(bytes));
        Assert.Contains("tensor 'W'", exception.Message, StringComparison.Ordinal);
    }

    private static ImportedNetwork Import(byte[] bytes) => OnnxImporter.Import(OnnxModelReader.Read(bytes), "model.onnx", 0);

    private static byte[] Mutate(byte[] valid, Random random)
    {
        var bytes = new List<byte>(valid);
        int edits = 1 + random.Next(4);
        for (int e = 0; e < edits && bytes.Count > 0; e++)
        {
            int at = random.Next(bytes.Count);
            switch (random.Next(5))
            {
                case 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 2:
                    bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + random.Next(16)));
                    break;
                case 3:
                    bytes.InsertRange(at, [(byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)]);
                    break;
                default:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
            }
        }

        return [.. bytes];
    }
}
