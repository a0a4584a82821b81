using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;

namespace CompiledNN.Generators.Tests.Diagnostics;

/// <summary>Severities are the user's to change through .editorconfig, as for any analyzer diagnostic.</summary>
public sealed class EditorConfigTests
{
    private const string Source =
        "using CompiledNN;\n\n[Network(Loss = Loss.MeanSquaredError)]\n[Input(4)]\n[Dense(3, Activation.Softmax)]\npublic partial class Model;\n";

    [Theory]
    [InlineData(null, DiagnosticSeverity.Warning)]
    [InlineData("error", DiagnosticSeverity.Error)]
    [InlineData("suggestion", DiagnosticSeverity.Info)]
    public async Task Severity_of_a_warning_follows_editorconfig(string? severity, DiagnosticSeverity expected)
    {
        string? editorConfig = severity is null ? null : $"root = true\n\n[*.cs]\ndotnet_diagnostic.CNN1001.severity = {severity}\n";
        ImmutableArray<Diagnostic> diagnostics = await CodeFixHarness.AnalyzeAsync(CodeFixHarness.CreateDocument(Source, editorConfig));
        Assert.Equal(expected, Assert.Single(diagnostics, static d => d.Id == "CNN1001").Severity);
    }

    [Fact]
    public async Task A_warning_and_the_budget_can_be_turned_off()
    {
        const string editorConfig = "root = true\n\n[*.cs]\ndotnet_diagnostic.CNN1001.severity = none\ndotnet_diagnostic.CNN2001.severity = none\n";
        ImmutableArray<Diagnostic> diagnostics = await CodeFixHarness.AnalyzeAsync(CodeFixHarness.CreateDocument(Source, editorConfig));
        Assert.DoesNotContain(diagnostics, static d => d.Id is "CNN1001" or "CNN2001");
        Assert.Empty(diagnostics.Where(static d => !d.IsSuppressed));
    }
}
