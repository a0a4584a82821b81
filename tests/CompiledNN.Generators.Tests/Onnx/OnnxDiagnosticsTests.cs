using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using CompiledNN.Generators.Diagnostics;
using CompiledNN.Generators.Diagnostics.Analyzers;
using CompiledNN.Generators.Tests.Diagnostics;
using CompiledNN.Generators.Tests.Weights;
using Microsoft.CodeAnalysis;
using Xunit;

namespace CompiledNN.Generators.Tests.Onnx;

/// <summary>Every CNN03xx error, from files PyTorch or onnx.helper wrote, reported on the path and naming the node.</summary>
public sealed class OnnxDiagnosticsTests
{
    private static string Source(string path, string options = "") => $$"""
        using CompiledNN;

        namespace Demo;

        {{options}}
        [OnnxModel("{{path}}")]
        public partial class Net;
        """;

    private static async Task<Diagnostic> Single(string fixture, string id, string? path = null, byte[]? bytes = null, string options = "")
    {
        string declared = path ?? fixture;
        string source = Source(declared, options);
        ImmutableArray<Diagnostic> diagnostics = await OnnxHarness.Analyze(source, OnnxHarness.Encoded("/repo/Models/" + fixture, bytes ?? OnnxHarness.Fixture(fixture)));
        Diagnostic diagnostic = Assert.Single(diagnostics, static d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(source.IndexOf($"\"{declared}\"", System.StringComparison.Ordinal), diagnostic.Location.SourceSpan.Start);

        // The generator agrees: no code, and so nothing else to report.
        (_, Compilation output) = OnnxHarness.Run(source, OnnxHarness.Encoded("/repo/Models/" + fixture, bytes ?? OnnxHarness.Fixture(fixture)));
        Assert.DoesNotContain(output.SyntaxTrees, static t => t.FilePath.EndsWith(".g.cs", System.StringComparison.Ordinal));
        return diagnostic;
    }

    [Fact]
    public async Task Valid_PyTorch_export_has_no_diagnostic_and_generates_warning_free_code()
    {
        string source = Source("Models/mlp-4-16-16-3.onnx");
        AdditionalText file = OnnxHarness.Encoded("/repo/Models/mlp-4-16-16-3.onnx", OnnxHarness.Fixture("mlp-4-16-16-3.onnx"));

        Assert.DoesNotContain(await OnnxHarness.Analyze(source, file), static d => d.Severity >= DiagnosticSeverity.Warning);
        (_, Compilation output) = OnnxHarness.Run(source, file);
        Assert.Empty(OnnxHarness.Problems(output));
        Assert.Contains(output.SyntaxTrees, static t => t.FilePath.EndsWith(".g.cs", System.StringComparison.Ordinal));
    }

    [Fact]
    public async Task Missing_file_is_CNN0301()
    {
        Diagnostic diagnostic = await Single("mlp-4-16-16-3.onnx", "CNN0301", path: "other.onnx");
        Assert.Contains("add <AdditionalFiles Include=\"other.onnx\" />", diagnostic.GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_matching_files_are_CNN0302()
    {
        string source = Source("mlp-4-16-16-3.onnx");
        byte[] bytes = OnnxHarness.Fixture("mlp-4-16-16-3.onnx");
        ImmutableArray<Diagnostic> diagnostics = await OnnxHarness.Analyze(source, OnnxHarness.Encoded("/repo/A/mlp-4-16-16-3.onnx", bytes), OnnxHarness.Encoded("/repo/B/mlp-4-16-16-3.onnx", bytes));
        Assert.Equal("CNN0302", Assert.Single(diagnostics).Id);
    }

    [Fact]
    public async Task File_that_is_not_ONNX_is_CNN0303()
    {
        Diagnostic diagnostic = await Single("mlp-4-16-16-3.onnx", "CNN0303", bytes: System.Text.Encoding.UTF8.GetBytes("{ \"format\": \"compilednn-weights\" }"));
        Assert.StartsWith("The ONNX file 'mlp-4-16-16-3.onnx' cannot be read: ", diagnostic.GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Truncated_file_is_CNN0303()
    {
        byte[] bytes = OnnxHarness.Fixture("mlp-4-16-16-3.onnx");
        await Single("mlp-4-16-16-3.onnx", "CNN0303", bytes: bytes.Take(bytes.Length / 2).ToArray());
    }

    [Fact]
    public async Task File_passed_without_the_build_targets_is_CNN0303_saying_so()
    {
        string source = Source("mlp-4-16-16-3.onnx");
        ImmutableArray<Diagnostic> diagnostics = await OnnxHarness.Analyze(source, new InMemoryAdditionalText("/repo/mlp-4-16-16-3.onnx", "\u0008\u0007binary"));
        Diagnostic diagnostic = Assert.Single(diagnostics);
        Assert.Equal("CNN0303", diagnostic.Id);
        Assert.Contains("without CompiledNN's build targets", diagnostic.GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operator_set_8_is_CNN0304()
    {
        Diagnostic diagnostic = await Single("invalid-opset.onnx", "CNN0304");
        Assert.Contains("operator set 8", diagnostic.GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unsupported_operator_is_CNN0305_naming_the_node_its_operator_and_opset()
    {
        Diagnostic diagnostic = await Single("invalid-op.onnx", "CNN0305");
        Assert.Contains("node 'erf1' (Erf, opset 13)", diagnostic.GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Skip_connection_is_CNN0306()
    {
        Diagnostic diagnostic = await Single("invalid-branch.onnx", "CNN0306");
        Assert.Contains("'h' feeds 2 nodes", diagnostic.GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dynamic_feature_dimension_is_CNN0307()
    {
        Diagnostic diagnostic = await Single("invalid-dynamic.onnx", "CNN0307");
        Assert.Contains("the input 'input' has the dynamic dimension 'features' at axis 1", diagnostic.GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transposed_Gemm_input_is_CNN0308_naming_the_node()
    {
        Diagnostic diagnostic = await Single("invalid-attribute.onnx", "CNN0308");
        Assert.Contains("node 'fc1' (Gemm, opset 13) has transA = 1", diagnostic.GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Int64_weights_are_CNN0309()
    {
        Diagnostic diagnostic = await Single("invalid-int64.onnx", "CNN0309");
        Assert.Contains("the tensor 'W' of node 'fc1' (Gemm, opset 13) has element type INT64", diagnostic.GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Imported_network_that_breaks_a_network_rule_is_CNN0310()
    {
        // The MLP's output is linear, so cross-entropy (which needs Softmax) cannot train it.
        Diagnostic diagnostic = await Single("mlp-4-16-16-3.onnx", "CNN0310", options: "[Network(Loss = Loss.CrossEntropy)]");
        Assert.Contains("(4-16-16-3)", diagnostic.GetMessage(), System.StringComparison.Ordinal);
        Assert.Contains("CNN0009", diagnostic.GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Every_ONNX_descriptor_is_supported_documented_and_tracked()
    {
        string root = AnalyzerDiagnosticsTests.RepositoryRoot();
        string docs = File.ReadAllText(Path.Combine(root, "docs", "diagnostics.md")).Replace("\r\n", "\n");
        string releases = File.ReadAllText(Path.Combine(root, "generators", "CompiledNN.Generators", "AnalyzerReleases.Unshipped.md")).Replace("\r\n", "\n");
        var supported = new OnnxModelAnalyzer().SupportedDiagnostics.Select(static d => d.Id).ToHashSet();
        List<DiagnosticDescriptor> onnx = typeof(DiagnosticDescriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(static f => f.GetValue(null)).OfType<DiagnosticDescriptor>()
            .Where(static d => d.Id.StartsWith("CNN03", StringComparison.Ordinal)).ToList();

        Assert.Equal(10, onnx.Count);
        foreach (DiagnosticDescriptor descriptor in onnx)
        {
            string id = descriptor.Id;
            Assert.Contains(id, supported);
            Assert.Contains($"\n## {id}\n", docs, StringComparison.Ordinal);
            Assert.Contains($"\n{id} | {descriptor.Category} | {descriptor.DefaultSeverity} | {descriptor.Title}", releases, StringComparison.Ordinal);
            Assert.Equal("https://github.com/compilednn/compilednn/blob/main/docs/diagnostics.md#" + id.ToLowerInvariant(), descriptor.HelpLinkUri);
            Assert.Equal(DiagnosticSeverity.Error, descriptor.DefaultSeverity);
        }
    }
}
