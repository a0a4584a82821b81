using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using CompiledNN.Persistence;
using Xunit;

namespace CompiledNN.Tests.Parity.Normalization;

/// <summary>Saving and loading [BatchNorm] and [LayerNorm] networks with their buffers: weights files, and PyTorch's safetensors.</summary>
public sealed class NormalizationPersistenceTests
{
    private static string Folder => Path.Combine(AppContext.BaseDirectory, "Parity", "NormalizationFixtures");

    public static TheoryData<string> Fixtures() => NormalizationParityTests.Fixtures();

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void PyTorchsStateDictImportsWithItsDefaultNamesBuffersIncluded(string name)
    {
        using JsonDocument fixture = Load(name);
        IPersistentNetwork network = Create(name);

        // The default names are PyTorch's for an nn.Sequential of the layers; num_batches_tracked (int64) is ignored.
        SafeTensors.Import(network, Path.Combine(Folder, name + ".safetensors"));

        Assert.Equal(Floats(fixture, "initialParameters"), Parameters(network));
        Assert.Equal(Floats(fixture, "initialBuffers"), Buffers(network));

        using var exported = new MemoryStream();
        SafeTensors.Export(network, exported);
        byte[] file = exported.ToArray();
        using JsonDocument header = JsonDocument.Parse(Encoding.UTF8.GetString(file, 8, (int)BitConverter.ToUInt64(file, 0)));
        string[] expectedNames = fixture.RootElement.GetProperty("tensorNames").EnumerateArray().Select(static n => n.GetString()!)
            .Where(static n => !n.EndsWith(".num_batches_tracked", StringComparison.Ordinal)).ToArray();
        Assert.Equal(expectedNames, header.RootElement.EnumerateObject().Select(static p => p.Name).Where(static n => n != "__metadata__").ToArray());
        IPersistentNetwork again = Create(name);
        SafeTensors.Import(again, new MemoryStream(file));
        Assert.Equal(Parameters(network), Parameters(again));
        Assert.Equal(Buffers(network), Buffers(again));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void SaveAndLoadCarryTheKindsAndTheBuffers(string name)
    {
        using JsonDocument fixture = Load(name);
        IPersistentNetwork network = Create(name);
        network.SetParameters(Floats(fixture, "initialParameters"));
        network.SetBuffers(Floats(fixture, "initialBuffers"));
        ((ITrainableNetwork)network).TrainBatch(Floats(fixture, "inputs"), Floats(fixture, "targets"));
        using var saved = new MemoryStream();
        WeightsFile.Save(network, saved);
        string text = Encoding.UTF8.GetString(saved.ToArray());
        Assert.Contains(name.Contains("BatchNorm", StringComparison.Ordinal) ? "\"kind\": \"BatchNorm\"" : "\"kind\": \"LayerNorm\"", text, StringComparison.Ordinal);
        Assert.Equal(network.BufferCount > 0, text.Contains("\"buffers\"", StringComparison.Ordinal));

        IPersistentNetwork loaded = Create(name);
        WeightsFile.Load(loaded, new MemoryStream(saved.ToArray()));
        Assert.Equal(Parameters(network), Parameters(loaded));
        Assert.Equal(Buffers(network), Buffers(loaded));
    }

    [Fact]
    public void DamagedOrMismatchedBuffersAreRefusedAndNothingIsLoaded()
    {
        const string Name = "DenseBatchNormSgdMse";
        using JsonDocument fixture = Load(Name);
        IPersistentNetwork source = Create(Name);
        source.SetParameters(Floats(fixture, "initialParameters"));
        source.SetBuffers(Floats(fixture, "initialBuffers"));
        using var saved = new MemoryStream();
        WeightsFile.Save(source, saved);
        string text = Encoding.ASCII.GetString(saved.ToArray());

        int at = text.IndexOf("\"buffers\": \"", StringComparison.Ordinal) + 12;
        string damaged = text[..at] + (text[at] == 'A' ? 'B' : 'A') + text[(at + 1)..];
        string withoutBuffers = text[..text.IndexOf(",\n  \"bufferCount\"", StringComparison.Ordinal)] + "\n}\n";
        IPersistentNetwork target = Create(Name);
        float[] parameters = Parameters(target);
        float[] buffers = Buffers(target);
        foreach ((string file, string problem) in new[] { (damaged, "buffers do not match their checksum"), (withoutBuffers, "bufferCount") })
        {
            var error = Assert.Throws<InvalidDataException>(() => WeightsFile.Load(target, new MemoryStream(Encoding.ASCII.GetBytes(file))));
            Assert.Contains(problem, error.Message, StringComparison.Ordinal);
            Assert.Equal(parameters, Parameters(target));
            Assert.Equal(buffers, Buffers(target));
        }

        // A file of the same sizes without the BatchNorm (a Dense network) does not fit either.
        var error2 = Assert.Throws<InvalidDataException>(() => WeightsFile.Load(Create("DenseLayerNormGeluAdamCrossEntropy"), new MemoryStream(saved.ToArray())));
        Assert.Contains("saved for", error2.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BuffersAreCheckedAndWithoutBatchNormThereAreNone()
    {
        var network = new DenseBatchNormSgdMseNet();
        Assert.Equal(16, DenseBatchNormSgdMseNet.BufferCount);
        float[] buffers = new float[16];
        network.GetBuffers(buffers);
        Assert.Equal([.. new float[8], .. Enumerable.Repeat(1f, 8)], buffers);
        var length = Assert.Throws<ArgumentException>(() => network.SetBuffers(new float[15]));
        Assert.Contains("16", length.Message, StringComparison.Ordinal);
        buffers[12] = -1f;
        Assert.Throws<ArgumentException>(() => network.SetBuffers(buffers));
        buffers[12] = float.NaN;
        Assert.Throws<ArgumentException>(() => network.SetBuffers(buffers));
        network.GetBuffers(buffers);
        Assert.Equal(1f, buffers[12]);

        var layerNorm = new DenseLayerNormGeluAdamCrossEntropyNet();
        Assert.Equal(0, DenseLayerNormGeluAdamCrossEntropyNet.BufferCount);
        layerNorm.GetBuffers([]);
        layerNorm.SetBuffers([]);
        Assert.Throws<ArgumentException>(() => layerNorm.GetBuffers(new float[1]));
    }

    [Fact]
    public void OnnxExportRefusesANormalisationByName()
    {
        using var stream = new MemoryStream();
        var error = Assert.Throws<NotSupportedException>(() => Onnx.Export(new DenseBatchNormSgdMseNet(), stream));
        Assert.Contains("BatchNorm", error.Message, StringComparison.Ordinal);
        error = Assert.Throws<NotSupportedException>(() => Onnx.Export(new DenseLayerNormGeluAdamCrossEntropyNet(), stream));
        Assert.Contains("LayerNorm", error.Message, StringComparison.Ordinal);
    }

    private static JsonDocument Load(string name) => JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Folder, name + ".json")));

    private static float[] Floats(JsonDocument fixture, string property) => fixture.RootElement.GetProperty(property).EnumerateArray().Select(static v => (float)v.GetDouble()).ToArray();

    private static IPersistentNetwork Create(string name) =>
        (IPersistentNetwork)Activator.CreateInstance(typeof(NormalizationParityTests).Assembly.GetType($"{typeof(NormalizationParityTests).Namespace}.{name}Net")!)!;

    private static float[] Parameters(INetwork network)
    {
        float[] values = new float[network.ParameterCount];
        network.GetParameters(values);
        return values;
    }

    private static float[] Buffers(IPersistentNetwork network)
    {
        float[] values = new float[network.BufferCount];
        network.GetBuffers(values);
        return values;
    }
}
