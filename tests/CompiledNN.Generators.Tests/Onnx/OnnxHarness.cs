using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using CompiledNN.Generators.Diagnostics.Analyzers;
using CompiledNN.Generators.Tests.Helpers;
using CompiledNN.Generators.Tests.Weights;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CompiledNN.Generators.Tests.Onnx;

/// <summary>Runs the ONNX generator and analyzer with ONNX files passed as the build targets pass them.</summary>
internal static class OnnxHarness
{
    /// <summary>The fixture <paramref name="name"/> of Fixtures/Onnx (written by make_onnx_fixtures.py).</summary>
    public static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Onnx", name));

    /// <summary>
    /// <paramref name="bytes"/> as CompiledNN.Onnx.targets writes them for the file at <paramref name="path"/>: a first
    /// line naming it, then base64 in lines of 76 characters.
    /// </summary>
    public static AdditionalText Encoded(string path, byte[] bytes) => new InMemoryAdditionalText(
        "/repo/obj/CompiledNN.Onnx/0/" + Path.GetFileName(path) + ".base64",
        "CompiledNN ONNX model in base64: " + path + "\n" + Convert.ToBase64String(bytes, Base64FormattingOptions.InsertLineBreaks) + "\n");

    public static (GeneratorDriver Driver, Compilation Output) Run(string source, params AdditionalText[] files)
    {
        CSharpCompilation input = GeneratorHarness.Compile(source);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new OnnxModelGenerator().AsSourceGenerator(), new NetworkGenerator().AsSourceGenerator()],
            additionalTexts: files,
            parseOptions: GeneratorHarness.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true))
            .RunGeneratorsAndUpdateCompilation(input, out Compilation output, out _);
        return (driver, output);
    }

    /// <summary>The diagnostics of every CompiledNN analyzer on <paramref name="source"/>.</summary>
    public static Task<ImmutableArray<Diagnostic>> Analyze(string source, params AdditionalText[] files) =>
        GeneratorHarness.Compile(source)
            .WithAnalyzers([new OnnxModelAnalyzer(), new NetworkAnalyzer(), new WeightsAnalyzer()], new AnalyzerOptions([.. files]))
            .GetAnalyzerDiagnosticsAsync();

    /// <summary>The errors and warnings of the compilation with the generated code.</summary>
    public static Diagnostic[] Problems(Compilation output) =>
        output.GetDiagnostics().Where(static d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
}
