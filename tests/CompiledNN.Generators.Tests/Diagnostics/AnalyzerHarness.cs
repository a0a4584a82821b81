using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using CompiledNN.Generators.Diagnostics.Analyzers;
using CompiledNN.Generators.Tests.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CompiledNN.Generators.Tests.Diagnostics;

/// <summary>
/// Runs the generator and then the analyzer on its output, as a build does, and keeps every exception either of them
/// throws instead of letting Roslyn turn it into a warning: a test must see it.
/// </summary>
internal static class AnalyzerHarness
{
    /// <summary>What one build of the sources reports.</summary>
    /// <param name="Analyzer">The analyzer's diagnostics.</param>
    /// <param name="Compiler">The compiler's diagnostics on the sources plus the generated code.</param>
    /// <param name="Generator">The generator's run, with its exception if it threw.</param>
    /// <param name="AnalyzerExceptions">Exceptions the analyzer threw.</param>
    public sealed record Result(
        ImmutableArray<Diagnostic> Analyzer,
        ImmutableArray<Diagnostic> Compiler,
        GeneratorRunResult Generator,
        IReadOnlyList<Exception> AnalyzerExceptions);

    public static Result Run(IReadOnlyDictionary<string, string>? buildProperties, params string[] sources)
    {
        (GeneratorRunResult generator, Compilation output) = GeneratorHarness.Run(sources);
        var exceptions = new List<Exception>();
        var options = new AnalyzerOptions([], new BuildProperties(buildProperties ?? new Dictionary<string, string>()));
        CompilationWithAnalyzers withAnalyzers = output.WithAnalyzers(
            [new NetworkAnalyzer()],
            new CompilationWithAnalyzersOptions(options, (exception, _, _) => exceptions.Add(exception), concurrentAnalysis: false, logAnalyzerExecutionTime: false));
        ImmutableArray<Diagnostic> analyzer = withAnalyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        return new Result(analyzer, output.GetDiagnostics(), generator, exceptions);
    }

    /// <summary>MSBuild properties as the analyzer sees them: <c>build_property.Name</c> in the global options.</summary>
    private sealed class BuildProperties(IReadOnlyDictionary<string, string> properties) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(properties.ToDictionary(static p => "build_property." + p.Key, static p => p.Value));

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public static readonly Options Empty = new([]);

            public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}
