using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using CompiledNN.Generators.Diagnostics;
using CompiledNN.Generators.Diagnostics.Analyzers;
using Microsoft.CodeAnalysis;
using Xunit;

namespace CompiledNN.Generators.Tests.Diagnostics;

/// <summary>
/// Every diagnostic ID at the exact span it must cover, valid near misses that must get nothing but the budget, and
/// the catalog's bookkeeping (docs entry, README row, help link, severity by ID range).
/// </summary>
public sealed class AnalyzerDiagnosticsTests
{
    public static TheoryData<string> ReportingCases => new(DiagnosticCases.Reporting.Keys);

    public static TheoryData<string> ValidCases => new(DiagnosticCases.Valid.Keys);

    [Theory]
    [MemberData(nameof(ReportingCases))]
    public void Reports_exactly_the_expected_diagnostics_at_their_spans(string name) => Check(DiagnosticCases.Reporting[name]);

    [Theory]
    [MemberData(nameof(ValidCases))]
    public void Valid_declaration_gets_only_the_budget_and_compiles(string name)
    {
        DiagnosticCase valid = DiagnosticCases.Valid[name];
        AnalyzerHarness.Result result = Check(valid);
        Assert.NotEmpty(result.Generator.GeneratedSources);
    }

    [Fact]
    public void Every_descriptor_has_a_reporting_case_and_is_supported_by_the_analyzer()
    {
        var reported = DiagnosticCases.ReportedIds.ToHashSet();
        var supported = new NetworkAnalyzer().SupportedDiagnostics.Select(static d => d.Id).ToHashSet();
        foreach (DiagnosticDescriptor descriptor in OwnDescriptors())
        {
            Assert.True(reported.Contains(descriptor.Id), $"{descriptor.Id} has no reporting case.");
            Assert.True(supported.Contains(descriptor.Id), $"{descriptor.Id} is not in NetworkAnalyzer.SupportedDiagnostics.");
        }
    }

    [Fact]
    public void Every_descriptor_is_documented_listed_and_tracked()
    {
        string root = RepositoryRoot();
        string docs = File.ReadAllText(Path.Combine(root, "docs", "diagnostics.md"));
        string readme = File.ReadAllText(Path.Combine(root, "README.md"));
        string releases = File.ReadAllText(Path.Combine(root, "generators", "CompiledNN.Generators", "AnalyzerReleases.Unshipped.md"));
        foreach (DiagnosticDescriptor descriptor in OwnDescriptors())
        {
            string id = descriptor.Id;
            Assert.Contains($"\n## {id}\n", docs);
            Assert.Contains($"(docs/diagnostics.md#{id.ToLowerInvariant()})", readme);
            Assert.Contains($"\n{id} | {descriptor.Category} | {descriptor.DefaultSeverity} | {descriptor.Title}", releases);
            Assert.Equal("https://github.com/compilednn/compilednn/blob/main/docs/diagnostics.md#" + id.ToLowerInvariant(), descriptor.HelpLinkUri);
            DiagnosticSeverity expected = id[3] switch { '0' => DiagnosticSeverity.Error, '1' => DiagnosticSeverity.Warning, _ => DiagnosticSeverity.Info };
            Assert.Equal(expected, descriptor.DefaultSeverity);
        }
    }

    [Fact]
    public void Budget_of_iris_counts_parameters_state_stack_and_multiply_adds()
    {
        // By hand for 4-16-16-3: parameters 4·16+16 + 16·16+16 + 16·3+3 = 80 + 272 + 51 = 403 (1,612 bytes);
        // Adam keeps two moments, 2·1,612 = 3,224 bytes; the stack holds the 16+16 hidden activations (128 bytes)
        // plus PredictClass's 3 outputs (12 bytes); multiply-adds 64 + 256 + 48 = 368.
        Diagnostic budget = AnalyzerHarness.Run(null, DiagnosticCases.Valid["Iris"].Sources).Analyzer.Single();
        Assert.Equal(
            "'Model' (4-16-16-3): 403 parameters = 1,612 bytes; optimizer state 3,224 bytes (Adam keeps 2 floats per parameter); peak stack 140 bytes per call; 368 multiply-adds per sample",
            budget.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("[Input(4)]\n[Dense(16, Activation.ReLU)]\n[Dense(16, Activation.ReLU)]\n[Dense(3, Activation.Softmax)]", "Adam")]
    [InlineData("[Input(3)]\n[Dense(5, Activation.Tanh)]\n[Dense(2)]", "Sgd")]
    [InlineData("[Input(2)]\n[Dense(1, Activation.Sigmoid)]", "Momentum")]
    [InlineData("[Input(784)]\n[Dense(4100, Activation.ReLU)]\n[Dense(10, Activation.Softmax)]", "RMSProp")]
    public void Budget_matches_the_generated_code(string layers, string optimizer)
    {
        string source = $"using CompiledNN;\n[Network(Optimizer = Optimizer.{optimizer})]\n{layers}\npublic partial class Model;\n";
        AnalyzerHarness.Result result = AnalyzerHarness.Run(null, source);
        string generated = string.Concat(result.Generator.GeneratedSources.Select(static s => s.SourceText.ToString()));

        // Stack: every stackalloc of a constant size in the generated code, plus PredictClass's output row.
        int stackFloats = Regex.Matches(generated, @"stackalloc float\[(\d+)\]").Sum(static m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        int outputs = int.Parse(Regex.Match(generated, @"const int OutputSize = (\d+);").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        stackFloats += generated.Contains("stackalloc float[OutputSize]", StringComparison.Ordinal) ? outputs : 0;
        long parameters = long.Parse(Regex.Match(generated, @"const int ParameterCount = (\d+);").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        long state = optimizer switch { "Sgd" => 0, "Adam" => 2, _ => 1 } * parameters * 4;

        string message = result.Analyzer.Single(static d => d.Id == "CNN2001").GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"= {parameters * 4:N0} bytes;", message);
        Assert.Contains($"optimizer state {state:N0} bytes", message);
        Assert.Contains($"peak stack {stackFloats * 4:N0} bytes", message);
    }

    /// <summary>Checks one case and returns the run, so that callers can look further.</summary>
    private static AnalyzerHarness.Result Check(DiagnosticCase testCase)
    {
        AnalyzerHarness.Result result = AnalyzerHarness.Run(testCase.BuildProperties, testCase.Sources);
        Assert.Null(result.Generator.Exception);
        Assert.Empty(result.AnalyzerExceptions);

        // Every analyzer diagnostic is accounted for, each at exactly the expected text.
        var expected = testCase.Diagnostics.Select(e => Describe(e, testCase.Sources)).OrderBy(static s => s, StringComparer.Ordinal).ToList();
        var actual = result.Analyzer.Select(Describe).OrderBy(static s => s, StringComparer.Ordinal).ToList();
        Assert.Equal(expected, actual);

        foreach (Diagnostic diagnostic in result.Analyzer)
        {
            string message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
            Assert.DoesNotContain("{", message, StringComparison.Ordinal);
            Assert.EndsWith(diagnostic.Id.ToLowerInvariant(), diagnostic.Descriptor.HelpLinkUri, StringComparison.Ordinal);
        }

        // The compiler reports nothing about the sources and the generated code beyond the case's own malformed uses.
        var compiler = result.Compiler.Where(static d => d.Severity >= DiagnosticSeverity.Warning).Select(static d => d.Id).Distinct().OrderBy(static s => s, StringComparer.Ordinal);
        Assert.Equal(testCase.CompilerErrors ?? [], compiler);
        return result;
    }

    private static string Describe(Diagnostic diagnostic)
    {
        FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
        string text = diagnostic.Location.SourceTree?.GetText().ToString(diagnostic.Location.SourceSpan) ?? "<no location>";
        return $"{diagnostic.Id} {diagnostic.Severity} in {span.Path} at {diagnostic.Location.SourceSpan.Start}: '{text}'";
    }

    private static string Describe(Expected expected, string[] sources)
    {
        string source = sources[expected.File];
        string span = expected.Span;
        int start;
        if (span == "Network")
        {
            // The whole [Network(...)] attribute, whatever its arguments.
            Match attribute = Regex.Match(source, @"\[(Network(\([^\]]*\))?)\]");
            span = attribute.Groups[1].Value;
            start = attribute.Groups[1].Index;
        }
        else
        {
            string within = expected.Within ?? span;
            int outer = source.IndexOf(within, StringComparison.Ordinal);
            Assert.True(outer >= 0 && source.IndexOf(within, outer + 1, StringComparison.Ordinal) < 0, $"'{within}' must occur exactly once in the source.");
            start = outer + within.IndexOf(span, StringComparison.Ordinal);
        }

        DiagnosticSeverity severity = expected.Id[3] switch { '0' => DiagnosticSeverity.Error, '1' => DiagnosticSeverity.Warning, _ => DiagnosticSeverity.Info };
        return $"{expected.Id} {severity} in Source{expected.File}.cs at {start}: '{span}'";
    }

    /// <summary>The descriptors of the network analyzer's ID ranges (CNN00xx, CNN10xx, CNN20xx but the quantisation notes CNN201x); other partial files own other ranges.</summary>
    internal static IEnumerable<DiagnosticDescriptor> OwnDescriptors() =>
        typeof(DiagnosticDescriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(static f => f.GetValue(null))
            .OfType<DiagnosticDescriptor>()
            .Where(static d => Regex.IsMatch(d.Id, "^CNN[012]0[0-9]{2}$") && !d.Id.StartsWith("CNN201", StringComparison.Ordinal));

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CompiledNN.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("CompiledNN.sln not found above " + AppContext.BaseDirectory);
    }
}
