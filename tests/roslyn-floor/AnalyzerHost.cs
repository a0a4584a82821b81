using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace RoslynFloor;

/// <summary>The packed analyzer assemblies loaded as a compiler loads them, and the cases run through them.</summary>
internal sealed class AnalyzerHost
{
    private static readonly CSharpParseOptions CSharp12 = new(LanguageVersion.CSharp12);

    private readonly ImmutableArray<ISourceGenerator> _generators;
    private readonly ImmutableArray<DiagnosticAnalyzer> _analyzers;
    private readonly ImmutableArray<MetadataReference> _references;

    private AnalyzerHost(ImmutableArray<ISourceGenerator> generators, ImmutableArray<DiagnosticAnalyzer> analyzers, ImmutableArray<MetadataReference> references, List<string> loadFailures)
    {
        _generators = generators;
        _analyzers = analyzers;
        _references = references;
        LoadFailures = loadFailures;
    }

    /// <summary>Why an analyzer assembly was refused (CS9057's <c>ReferencesNewerCompiler</c> among others).</summary>
    public IReadOnlyList<string> LoadFailures { get; }

    public int GeneratorCount => _generators.Length;

    public int AnalyzerCount => _analyzers.Length;

    public static AnalyzerHost Load(string analyzerFolder, string library, string frameworkReferenceList)
    {
        var failures = new List<string>();
        var loader = new AssemblyLoader();
        var generators = ImmutableArray.CreateBuilder<ISourceGenerator>();
        var analyzers = ImmutableArray.CreateBuilder<DiagnosticAnalyzer>();
        foreach (string path in Directory.GetFiles(analyzerFolder, "*.dll").OrderBy(p => p, StringComparer.Ordinal))
        {
            var reference = new AnalyzerFileReference(path, loader);
            reference.AnalyzerLoadFailed += (_, e) => failures.Add($"{Path.GetFileName(path)}: {e.ErrorCode} {e.Message}");
            generators.AddRange(reference.GetGenerators(LanguageNames.CSharp));
            analyzers.AddRange(reference.GetAnalyzers(LanguageNames.CSharp));
        }

        if (generators.Count == 0)
        {
            failures.Add($"no source generator found in {analyzerFolder}");
        }

        ImmutableArray<MetadataReference> references = File.ReadAllLines(frameworkReferenceList)
            .Where(line => line.Length > 0)
            .Append(library)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
        return new AnalyzerHost(generators.ToImmutable(), analyzers.ToImmutable(), references, failures);
    }

    /// <summary>What went wrong with <paramref name="floorCase"/>; empty when it behaved as expected.</summary>
    public IEnumerable<string> Check(FloorCase floorCase)
    {
        var compilation = CSharpCompilation.Create(
            "FloorCase",
            [CSharpSyntaxTree.ParseText(floorCase.Source, CSharp12, path: "Program.cs")],
            _references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        ImmutableArray<AdditionalText> additionalFiles = floorCase.AdditionalFile is { } name
            ? [new FileText(Path.Combine(AppContext.BaseDirectory, name))]
            : [];

        GeneratorDriver driver = CSharpGeneratorDriver.Create(_generators, additionalFiles, CSharp12);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        foreach (GeneratorRunResult result in driver.GetRunResult().Results.Where(r => r.Exception is not null))
        {
            yield return $"generator {result.Generator.GetType().Name} threw: {result.Exception!.Message}";
        }

        ImmutableArray<Diagnostic> analyzerDiagnostics = output
            .WithAnalyzers(_analyzers, new AnalyzerOptions(additionalFiles))
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None).Result;
        if (floorCase.ExpectedIds.Length == 0)
        {
            IEnumerable<Diagnostic> problems = output.GetDiagnostics()
                .Concat(generatorDiagnostics)
                .Concat(analyzerDiagnostics)
                .Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Id != "CS1701" && d.Id != "CS1702");
            foreach (Diagnostic diagnostic in problems.Take(10))
            {
                yield return diagnostic.ToString();
            }

            if (!output.SyntaxTrees.Any(tree => tree.FilePath.EndsWith(".g.cs", StringComparison.Ordinal)))
            {
                yield return "the generator added no source";
            }
        }
        else
        {
            var reported = analyzerDiagnostics.Select(d => d.Id).ToHashSet();
            foreach (string id in floorCase.ExpectedIds.Where(id => !reported.Contains(id)))
            {
                yield return $"expected {id}, reported: {string.Join(", ", reported.OrderBy(r => r, StringComparer.Ordinal))}";
            }
        }
    }

    /// <summary>Loads analyzer assemblies into this process, as the command-line compiler does.</summary>
    private sealed class AssemblyLoader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
    }

    /// <summary>An AdditionalFiles item read from disk.</summary>
    private sealed class FileText(string path) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(File.ReadAllText(Path));
    }
}
