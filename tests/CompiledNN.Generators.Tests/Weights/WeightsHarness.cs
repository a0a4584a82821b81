using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CompiledNN.Generators.Diagnostics.Analyzers;
using CompiledNN.Generators.Tests.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace CompiledNN.Generators.Tests.Weights;

/// <summary>An AdditionalFiles item held in memory.</summary>
internal sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
{
    public override string Path => path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
}

/// <summary>Runs the generator and the weights analyzer with AdditionalFiles.</summary>
internal static class WeightsHarness
{
    /// <summary>The weights file PyTorch wrote for <c>Linear(4, 8), Tanh(), Linear(8, 3), Softmax()</c>.</summary>
    public static string TorchWeights => Fixture("torch-4-8-3.weights.json");

    public static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    public static (GeneratorDriver Driver, Compilation Output) Run(string source, params AdditionalText[] files)
    {
        CSharpCompilation input = GeneratorHarness.Compile(source);
        GeneratorDriver driver = CreateDriver(files).RunGeneratorsAndUpdateCompilation(input, out Compilation output, out _);
        return (driver, output);
    }

    public static GeneratorDriver CreateDriver(params AdditionalText[] files) => CSharpGeneratorDriver.Create(
        [new NetworkGenerator().AsSourceGenerator()],
        additionalTexts: files,
        parseOptions: GeneratorHarness.ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static Task<ImmutableArray<Diagnostic>> Analyze(string source, params AdditionalText[] files) =>
        GeneratorHarness.Compile(source)
            .WithAnalyzers([new WeightsAnalyzer()], new AnalyzerOptions([.. files]))
            .GetAnalyzerDiagnosticsAsync();

    /// <summary>The errors and warnings of the compilation with the generated code.</summary>
    public static Diagnostic[] Problems(Compilation output) =>
        output.GetDiagnostics().Where(static d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
}
