using System;
using System.Collections.Immutable;
using System.Linq;
using Basic.Reference.Assemblies;
using CompiledNN.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CompiledNN.Generators.Tests.Helpers;

/// <summary>Compiles test sources in memory against .NET 10 and the CompiledNN runtime, and runs the generator on them.</summary>
internal static class GeneratorHarness
{
    /// <summary>
    /// C# 12, the default language of a net8.0 project and the oldest the package supports: every test proves that the
    /// generated code compiles there.
    /// </summary>
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12);

    private static readonly ImmutableArray<MetadataReference> References =
        [.. Net100.References.All, MetadataReference.CreateFromFile(typeof(NetworkAttribute).Assembly.Location)];

    /// <summary>
    /// Parse options of a project that generates its XML documentation file: doc comments are checked (bad crefs,
    /// missing docs on public members), as in a library built with <c>GenerateDocumentationFile</c>.
    /// </summary>
    public static readonly CSharpParseOptions DocumentedParseOptions = ParseOptions.WithDocumentationMode(DocumentationMode.Diagnose);

    /// <summary>A compilation of <paramref name="sources"/> as a nullable-enabled library.</summary>
    public static CSharpCompilation Compile(params string[] sources) => Compile(ParseOptions, sources);

    /// <summary>
    /// A compilation of <paramref name="sources"/> as a nullable-enabled library with every warning wave on (the SDK's
    /// setting for current target frameworks), parsed with <paramref name="parseOptions"/>.
    /// </summary>
    public static CSharpCompilation Compile(CSharpParseOptions parseOptions, params string[] sources) => CSharpCompilation.Create(
        "TestAssembly",
        sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, parseOptions, path: $"Source{i}.cs")),
        References,
        new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Enable,
            allowUnsafe: false,
            warningLevel: 9999));

    /// <summary>A driver with step tracking on, so tests can ask each step why it ran.</summary>
    public static GeneratorDriver CreateDriver(params IIncrementalGenerator[] generators) => CreateDriver(ParseOptions, generators);

    /// <summary>A driver with step tracking on whose generated trees are parsed with <paramref name="parseOptions"/>.</summary>
    public static GeneratorDriver CreateDriver(CSharpParseOptions parseOptions, params IIncrementalGenerator[] generators) => CSharpGeneratorDriver.Create(
        generators.Select(GeneratorExtensions.AsSourceGenerator),
        parseOptions: parseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the network generator on <paramref name="sources"/> and returns the result and the compilation with the output.</summary>
    public static (GeneratorRunResult Result, Compilation Output) Run(params string[] sources) => Run(ParseOptions, sources);

    /// <summary>Runs the network generator on <paramref name="sources"/> parsed with <paramref name="parseOptions"/>.</summary>
    public static (GeneratorRunResult Result, Compilation Output) Run(CSharpParseOptions parseOptions, params string[] sources)
    {
        CSharpCompilation input = Compile(parseOptions, sources);
        GeneratorDriver driver = CreateDriver(parseOptions, new NetworkGenerator()).RunGeneratorsAndUpdateCompilation(input, out Compilation output, out _);
        return (driver.GetRunResult().Results.Single(), output);
    }

    /// <summary>Runs the generator and fails with the diagnostics unless the output compiles without any warning.</summary>
    public static GeneratorRunResult RunAndCompileCleanly(params string[] sources) => RunAndCompileCleanly(ParseOptions, sources);

    /// <summary>Runs the generator on sources parsed with <paramref name="parseOptions"/> and fails unless the output compiles without any warning.</summary>
    public static GeneratorRunResult RunAndCompileCleanly(CSharpParseOptions parseOptions, params string[] sources)
    {
        (GeneratorRunResult result, Compilation output) = Run(parseOptions, sources);
        if (result.Exception is not null)
        {
            throw new InvalidOperationException("The generator threw.", result.Exception);
        }

        var problems = output.GetDiagnostics().Where(static d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The generated code does not compile cleanly:\n" + string.Join("\n", problems));
        }

        return result;
    }
}
