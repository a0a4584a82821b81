// Re-record the sample's expected outputs (then commit samples/NativeLibrary/expected.txt):
//   COMPILEDNN_RECORD_NATIVE_EXPECTED=1 dotnet test tests/CompiledNN.Tests -c Release --filter FullyQualifiedName~NativeLibrarySample
using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using CompiledNN.Samples.NativeLibrary;
using Xunit;

namespace CompiledNN.Tests.NativeExport;

/// <summary>
/// The C# outputs that samples/NativeLibrary's C and Python callers must reproduce bit for bit (its check-native.sh
/// compares them with <c>expected.txt</c>): the sample's Iris network on the 150 flowers, printed as the callers print.
/// </summary>
public sealed class NativeLibrarySampleTests
{
    private static readonly string[] Classes = ["setosa", "versicolor", "virginica"];

    [Fact]
    public void The_expected_outputs_are_the_CSharp_networks_bits()
    {
        string sample = SampleDirectory();
        string[] flowers = File.ReadAllLines(Path.Combine(sample, "..", "EmbeddedInference", "inputs.txt")).Where(static l => l.Trim().Length > 0).ToArray();
        var text = new StringBuilder();
        float[] output = new float[IrisNet.OutputSize];
        foreach (string flower in flowers)
        {
            float[] input = flower.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(static v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            IrisNet.Predict(input, output);
            text.Append(CultureInfo.InvariantCulture, $"{Classes[IrisNet.PredictClass(input)]} {output[0]:F6} {output[1]:F6} {output[2]:F6} ")
                .AppendJoin(' ', output.Select(static p => BitConverter.SingleToUInt32Bits(p).ToString("x8", CultureInfo.InvariantCulture)))
                .Append('\n');
        }

        string path = Path.Combine(sample, "expected.txt");
        if (Environment.GetEnvironmentVariable("COMPILEDNN_RECORD_NATIVE_EXPECTED") == "1")
        {
            File.WriteAllText(path, text.ToString());
        }

        Assert.Equal(150, flowers.Length);
        Assert.Equal(File.ReadAllText(path), text.ToString());
    }

    private static string SampleDirectory([CallerFilePath] string testFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(testFile)!, "..", "..", "..", "samples", "NativeLibrary"));
}
