using System;
using System.Collections.Immutable;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using CompiledNN.Generators.Diagnostics.Analyzers;
using CompiledNN.Generators.Tests.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace CompiledNN.Generators.Tests.NativeExport;

/// <summary>
/// <c>[NativeExport]</c> at compile time: the exports and the header the generator writes, and what the analyzer
/// reports when a declaration cannot export.
/// </summary>
public sealed class NativeExportTests
{
    private static string Network(string export, string name = "Net", string weights = "") => $$"""
        using CompiledNN;

        namespace Demo;

        [Network]
        [Input(4)]
        [Dense(8, Activation.Tanh)]
        [Dense(3, Activation.Softmax)]
        {{weights}}
        [NativeExport({{export}})]
        public partial class {{name}};
        """;

    private static Task<ImmutableArray<Diagnostic>> Analyze(Compilation compilation) =>
        compilation.WithAnalyzers([new NativeExportAnalyzer()]).GetAnalyzerDiagnosticsAsync();

    private static GeneratedSourceResult ExportFile(GeneratorRunResult result) =>
        Assert.Single(result.GeneratedSources, static s => s.HintName.EndsWith(".NativeExport.g.cs", StringComparison.Ordinal));

    /// <summary>The C header as the build targets copy it out: the lines between the constant's opening and closing quotes.</summary>
    private static string Header(GeneratedSourceResult file)
    {
        Match match = Regex.Match(file.SourceText.ToString(), "(?m)^// C header: (\\S+)\n(?s:.*?)NativeHeader = \"\"\"\n(?<header>.*?)\n\"\"\";", RegexOptions.Singleline);
        Assert.True(match.Success, "The export file has no header constant at column 0.");
        return match.Groups["header"].Value;
    }

    private static string[] EntryPoints(GeneratedSourceResult file) =>
        Regex.Matches(file.SourceText.ToString(), "EntryPoint = \"(\\w+)\"").Select(static m => m.Groups[1].Value).Order(StringComparer.Ordinal).ToArray();

    private static string[] HeaderFunctions(string header) =>
        Regex.Matches(header, "(?m)^(?:int32_t|const char\\*) (\\w+)\\(").Select(static m => m.Groups[1].Value).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void A_trainable_network_exports_sizes_prediction_handles_training_and_files_and_compiles_without_unsafe_code()
    {
        GeneratorRunResult result = GeneratorHarness.RunAndCompileCleanly(Network("\"iris\""));
        GeneratedSourceResult file = ExportFile(result);
        Assert.Equal("Demo.Net.NativeExport.g.cs", file.HintName);

        string[] expected = ["create", "destroy", "get_parameters", "input_size", "last_error", "load", "network_predict", "network_predict_batch", "output_size", "parameter_count", "predict", "predict_batch", "save", "set_parameters", "train_batch"];
        Assert.Equal(expected.Select(static s => "iris_" + s).Order(StringComparer.Ordinal), EntryPoints(file));
    }

    [Fact]
    public void An_inference_only_network_exports_sizes_and_prediction_without_handles()
    {
        string weights = $"[Weights(\"net.weights.json\", InferenceOnly = true)]";
        GeneratorDriver driver = Weights.WeightsHarness.CreateDriver(new Weights.InMemoryAdditionalText("/repo/net.weights.json", Weights.WeightsHarness.TorchWeights));
        driver = driver.RunGeneratorsAndUpdateCompilation(GeneratorHarness.Compile(Network("\"iris\"", weights: weights)), out Compilation output, out _);
        Assert.Empty(Weights.WeightsHarness.Problems(output));

        GeneratedSourceResult file = ExportFile(driver.GetRunResult().Results.Single());
        Assert.Equal(["iris_input_size", "iris_last_error", "iris_output_size", "iris_parameter_count", "iris_predict", "iris_predict_batch"], EntryPoints(file));
        Assert.DoesNotContain("iris_network", Header(file), StringComparison.Ordinal);
    }

    [Fact]
    public void The_header_declares_exactly_what_is_exported_with_the_sizes_the_status_codes_and_the_layer_table()
    {
        GeneratedSourceResult file = ExportFile(GeneratorHarness.RunAndCompileCleanly(Network("\"iris\"")));
        string header = Header(file);

        Assert.Equal(EntryPoints(file), HeaderFunctions(header));
        Assert.StartsWith("/* iris.h: the C interface of Demo.Net,", header, StringComparison.Ordinal);
        Assert.Contains("#ifndef IRIS_H\n#define IRIS_H\n", header, StringComparison.Ordinal);
        Assert.Contains("#define IRIS_INPUT_SIZE 4\n#define IRIS_OUTPUT_SIZE 3\n#define IRIS_PARAMETER_COUNT 67\n", header, StringComparison.Ordinal);
        Assert.Contains("typedef struct iris_network iris_network;", header, StringComparison.Ordinal);
        Assert.Contains("int32_t iris_train_batch(iris_network* network, const float* inputs, const float* targets, int32_t rows, float* loss);", header, StringComparison.Ordinal);
        Assert.Matches("Dense1 +8 +4 +Tanh +40 ", header);
        Assert.Contains("extern \"C\" {", header, StringComparison.Ordinal);

        // The codes are the runtime's, name for name.
        var codes = Regex.Matches(header, "#define IRIS_(\\w+) \\(?(-?\\d+)\\)? /\\*").ToDictionary(static m => m.Groups[1].Value, static m => int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(CompiledNN.Runtime.NativeStatus.Ok, codes["OK"]);
        Assert.Equal(CompiledNN.Runtime.NativeStatus.NullPointer, codes["ERROR_NULL_POINTER"]);
        Assert.Equal(CompiledNN.Runtime.NativeStatus.WrongLength, codes["ERROR_WRONG_LENGTH"]);
        Assert.Equal(CompiledNN.Runtime.NativeStatus.NotFinite, codes["ERROR_NOT_FINITE"]);
        Assert.Equal(CompiledNN.Runtime.NativeStatus.IOError, codes["ERROR_IO"]);
        Assert.Equal(CompiledNN.Runtime.NativeStatus.DamagedFile, codes["ERROR_DAMAGED_FILE"]);
        Assert.Equal(CompiledNN.Runtime.NativeStatus.InvalidHandle, codes["ERROR_INVALID_HANDLE"]);
        Assert.Equal(CompiledNN.Runtime.NativeStatus.Failed, codes["ERROR_FAILED"]);
        Assert.Equal(8, codes.Count);
    }

    [Theory]
    [InlineData("\"iris-net\"")]
    [InlineData("\"2iris\"")]
    [InlineData("\"\"")]
    [InlineData("\"iris net\"")]
    [InlineData("\"irís\"")]
    [InlineData("null")]
    public async Task A_prefix_that_is_not_a_C_identifier_is_CNN0401_on_the_argument_and_exports_nothing(string prefix)
    {
        string source = Network(prefix);
        (GeneratorRunResult result, Compilation output) = GeneratorHarness.Run(source);

        Diagnostic diagnostic = Assert.Single(await Analyze(output));
        Assert.Equal("CNN0401", diagnostic.Id);
        Assert.Equal(source.IndexOf("(" + prefix + ")", StringComparison.Ordinal) + 1, diagnostic.Location.SourceSpan.Start);
        Assert.Equal(prefix.Length, diagnostic.Location.SourceSpan.Length);

        // The network itself is still generated and compiles; only the export is left out. (A null literal also gets
        // the compiler's nullable warning, which is the compiler's to give.)
        Assert.DoesNotContain(result.GeneratedSources, static s => s.HintName.EndsWith(".NativeExport.g.cs", StringComparison.Ordinal));
        Assert.Contains(result.GeneratedSources, static s => s.HintName == "Demo.Net.Network.g.cs");
        Assert.Empty(output.GetDiagnostics().Where(static d => d.Severity == DiagnosticSeverity.Error));
    }

    [Theory]
    [InlineData("iris")]
    [InlineData("_iris2")]
    [InlineData("IRIS_v1")]
    public async Task A_C_identifier_is_accepted(string prefix)
    {
        (_, Compilation output) = GeneratorHarness.Run(Network($"\"{prefix}\""));

        Assert.Empty(await Analyze(output));
    }

    [Fact]
    public async Task Two_networks_with_one_prefix_is_CNN0402_on_the_second_naming_both()
    {
        string second = "[Network]\n[Input(2)]\n[Dense(1, Activation.Sigmoid)]\n[NativeExport(\"iris\")]\npublic partial class Other;\n";
        string source = Network("\"iris\"", name: "Net") + "\n" + second;
        (_, Compilation output) = GeneratorHarness.Run(source);

        Diagnostic diagnostic = Assert.Single(await Analyze(output));
        Assert.Equal("CNN0402", diagnostic.Id);
        Assert.Equal("Networks 'Net' and 'Other' both export C functions named 'iris_…'; give each [NativeExport] its own prefix", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(source.LastIndexOf("\"iris\"", StringComparison.Ordinal), diagnostic.Location.SourceSpan.Start);
        Assert.Contains(WellKnownDiagnosticTags.CompilationEnd, diagnostic.Descriptor.CustomTags);
    }

    [Fact]
    public async Task A_target_framework_without_UnmanagedCallersOnly_is_CNN0403_and_exports_nothing()
    {
        // The attribute is declared in the System.Runtime.InteropServices reference assembly; without it, as on
        // netstandard2.0 or .NET Framework, there is no way to export a C function.
        Compilation compilation = GeneratorHarness.Compile(Network("\"iris\""));
        compilation = compilation.RemoveReferences(compilation.References.Where(r => (compilation.GetAssemblyOrModuleSymbol(r) as IAssemblySymbol)?.Name == "System.Runtime.InteropServices").ToList());
        Assert.Null(compilation.GetTypeByMetadataName("System.Runtime.InteropServices.UnmanagedCallersOnlyAttribute"));

        GeneratorDriver driver = GeneratorHarness.CreateDriver(new NetworkGenerator()).RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);

        Diagnostic diagnostic = Assert.Single(await Analyze(output));
        Assert.Equal("CNN0403", diagnostic.Id);
        Assert.DoesNotContain(driver.GetRunResult().Results.Single().GeneratedSources, static s => s.HintName.EndsWith(".NativeExport.g.cs", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NativeExport_without_Network_is_CNN0404()
    {
        const string source = "using CompiledNN;\n\nnamespace Demo;\n\n[NativeExport(\"iris\")]\npublic partial class Plain;\n";
        (GeneratorRunResult result, Compilation output) = GeneratorHarness.Run(source);

        Diagnostic diagnostic = Assert.Single(await Analyze(output));
        Assert.Equal("CNN0404", diagnostic.Id);
        Assert.Equal(source.IndexOf("NativeExport(", StringComparison.Ordinal), diagnostic.Location.SourceSpan.Start);
        Assert.Empty(result.GeneratedSources);
    }
}
