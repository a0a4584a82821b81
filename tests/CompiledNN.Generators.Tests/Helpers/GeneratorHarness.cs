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
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly ImmutableArray<MetadataReference> References =
        [.. Net100.References.All, MetadataReference.CreateFromFile(typeof(NetworkAttribute).Assembly.Location)];

    /// <summary>A compilation of <paramref name="sources"/> as a nullable-enabled library.</summary>
    public static CSharpCompilation Compile(params string[] sources) => CSharpCompilation.Create(
        "TestAssembly",
        sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Source{i}.cs")),
        References,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: false));

    /// <summary>A driver with step tracking on, so tests can ask each step why it ran.</summary>
    public static GeneratorDriver CreateDriver(params IIncrementalGenerator[] generators) => CSharpGeneratorDriver.Create(
        generators.Select(GeneratorExtensions.AsSourceGenerator),
        parseOptions: ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the network generator on <paramref name="sources"/> and returns the result and the compilation with the output.</summary>
    public static (GeneratorRunResult Result, Compilation Output) Run(params string[] sources)
    {
        CSharpCompilation input = Compile(sources);
        GeneratorDriver driver = CreateDriver(new NetworkGenerator()).RunGeneratorsAndUpdateCompilation(input, out Compilation output, out _);
        return (driver.GetRunResult().Results.Single(), output);
    }

    /// <summary>Runs the generator and fails with the diagnostics unless the output compiles without any warning.</summary>
    public static GeneratorRunResult RunAndCompileCleanly(params string[] sources)
    {
        (GeneratorRunResult result, Compilation output) = Run(sources);
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
