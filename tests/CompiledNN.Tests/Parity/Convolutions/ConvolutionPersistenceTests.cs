using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using CompiledNN.Persistence;
using Xunit;

namespace CompiledNN.Tests.Parity.Convolutions;

/// <summary>Saving and loading convolutional networks: weights files with their architecture, and PyTorch's safetensors.</summary>
public sealed class ConvolutionPersistenceTests
{
    private static string Folder => Path.Combine(AppContext.BaseDirectory, "Parity", "ConvolutionFixtures");

    public static TheoryData<string> Fixtures() => ConvolutionParityTests.Fixtures();

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void PyTorchsStateDictImportsWithItsNamesAndShapes(string name)
    {
        using JsonDocument fixture = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Folder, name + ".json")));
        string[] names = fixture.RootElement.GetProperty("tensorNames").EnumerateArray().Select(static n => n.GetString()!).ToArray();
        float[] initial = fixture.RootElement.GetProperty("initialParameters").EnumerateArray().Select(static v => (float)v.GetDouble()).ToArray();
        var network = (IPersistentNetwork)Activator.CreateInstance(typeof(ConvolutionParityTests).Assembly.GetType($"{typeof(ConvolutionParityTests).Namespace}.{name}Net")!)!;

        SafeTensors.Import(network, Path.Combine(Folder, name + ".safetensors"), names);

        float[] parameters = new float[network.ParameterCount];
        network.GetParameters(parameters);
        Assert.Equal(initial, parameters);

        // And back: the export has the file's tensors, shapes and bytes (the header's whitespace aside).
        using var exported = new MemoryStream();
        SafeTensors.Export(network, exported, names);
        var again = (IPersistentNetwork)Activator.CreateInstance(network.GetType())!;
        SafeTensors.Import(again, new MemoryStream(exported.ToArray()), names);
        float[] reloaded = new float[again.ParameterCount];
        again.GetParameters(reloaded);
        Assert.Equal(initial, reloaded);
    }

    [Fact]
    public void AConvolutionsWeightIsExportedInPyTorchsShape()
    {
        var network = new TwoConvAdamWCrossEntropyNet();
        using var exported = new MemoryStream();
        SafeTensors.Export(network, exported);
        byte[] file = exported.ToArray();
        int headerLength = (int)BitConverter.ToUInt64(file, 0);
        using JsonDocument header = JsonDocument.Parse(Encoding.UTF8.GetString(file, 8, headerLength));
        int[] Shape(string tensor) => header.RootElement.GetProperty(tensor).GetProperty("shape").EnumerateArray().Select(static d => d.GetInt32()).ToArray();
        Assert.Equal([6, 3, 3, 3], Shape("0.weight"));
        Assert.Equal([6], Shape("0.bias"));
        Assert.Equal([8, 6, 3, 3], Shape("2.weight"));
        Assert.Equal([4, 8], Shape("4.weight"));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void SaveAndLoadRoundTripTheParametersAndTheArchitecture(string name)
    {
        Type type = typeof(ConvolutionParityTests).Assembly.GetType($"{typeof(ConvolutionParityTests).Namespace}.{name}Net")!;
        var original = (IPersistentNetwork)Activator.CreateInstance(type, 11)!;
        using var file = new MemoryStream();
        WeightsFile.Save(original, file);

        WeightsFileContent content = WeightsFormat.Read(Encoding.ASCII.GetString(file.ToArray()));
        Assert.Equal(original.Architecture, content.Architecture);
        Assert.Equal(original.Architecture.InputShape, content.Architecture.InputShape);

        var loaded = (IPersistentNetwork)Activator.CreateInstance(type, 12)!;
        WeightsFile.Load(loaded, new MemoryStream(file.ToArray()));
        float[] expected = new float[original.ParameterCount];
        float[] actual = new float[loaded.ParameterCount];
        original.GetParameters(expected);
        loaded.GetParameters(actual);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void TheWeightsFileRecordsTheInputShapeKernelStridePaddingAndDilation()
    {
        using var file = new MemoryStream();
        WeightsFile.Save(new ImageSgdCrossEntropyNet(), file);
        string text = Encoding.ASCII.GetString(file.ToArray());
        Assert.Contains("\"inputShape\": [2, 9, 9]", text, StringComparison.Ordinal);
        Assert.Contains("{ \"kind\": \"Conv2D\", \"filters\": 4, \"kernelSize\": 3, \"stride\": 2, \"padding\": 1, \"dilation\": 1, \"activation\": \"ReLU\" }", text, StringComparison.Ordinal);
        Assert.Contains("{ \"kind\": \"MaxPool2D\", \"size\": 2, \"stride\": 2 }", text, StringComparison.Ordinal);
        Assert.Contains("{ \"kind\": \"Flatten\" }", text, StringComparison.Ordinal);
        Assert.Contains("{ \"units\": 3, \"activation\": \"Softmax\" }", text, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadingAnotherConvolutionalArchitectureNamesTheDifference()
    {
        using var file = new MemoryStream();
        WeightsFile.Save(new ImageSgdCrossEntropyNet(), file);

        string text = Encoding.ASCII.GetString(file.ToArray());
        var error = Assert.Throws<InvalidDataException>(() => WeightsFile.Load(new DilatedImageMomentumBceNet(), new MemoryStream(file.ToArray())));
        Assert.Contains("saved for 2×9×9-Conv2D(4,k3,s2,p1,d1)-MaxPool2D(2,s2)-Flatten-3", error.Message, StringComparison.Ordinal);
        Assert.Contains("this network is 1×8×8-Conv2D(3,k3,s1,p0,d2)-AvgPool2D(2,s1)-4", error.Message, StringComparison.Ordinal);

        // The same layers with a stride of 1: the sizes after the convolution, and so the dense layer's, differ.
        string otherStride = text.Replace("\"stride\": 2, \"padding\": 1", "\"stride\": 1, \"padding\": 1", StringComparison.Ordinal);
        Assert.NotEqual(text, otherStride);
        Assert.Throws<InvalidDataException>(() => WeightsFormat.Read(otherStride));
    }
}
