using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using CompiledNN.Generators.Diagnostics.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace CompiledNN.Generators.Tests.Helpers;

/// <summary>
/// Runs the classic-model generators (with the network generator beside them, as in a real build) and the
/// <see cref="ClassicModelAnalyzer"/> on test sources, keeping every exception so a test sees it.
/// </summary>
internal static class ClassicModelHarness
{
    /// <summary>What one build of a source reports.</summary>
    /// <param name="Analyzer">The classic-model analyzer's diagnostics.</param>
    /// <param name="Compiler">The compiler's diagnostics on the source plus the generated code.</param>
    /// <param name="Generated">The generated files, by hint name.</param>
    public sealed record Result(ImmutableArray<Diagnostic> Analyzer, ImmutableArray<Diagnostic> Compiler, IReadOnlyDictionary<string, string> Generated);

    /// <summary>A source with its expected spans marked as <c>{|…|}</c>, and the spans.</summary>
    public static (string Source, List<TextSpan> Spans) Unmark(string marked)
    {
        var spans = new List<TextSpan>();
        var source = new System.Text.StringBuilder();
        var open = new Stack<int>();
        for (int i = 0; i < marked.Length; i++)
        {
            if (string.CompareOrdinal(marked, i, "{|", 0, 2) == 0)
            {
                open.Push(source.Length);
                i++;
            }
            else if (string.CompareOrdinal(marked, i, "|}", 0, 2) == 0)
            {
                int start = open.Pop();
                spans.Add(TextSpan.FromBounds(start, source.Length));
                i++;
            }
            else
            {
                source.Append(marked[i]);
            }
        }

        return (source.ToString(), spans.OrderBy(static s => s.Start).ToList());
    }

    public static Result Run(string source)
    {
        Compilation input = GeneratorHarness.Compile(source);
        GeneratorDriver driver = GeneratorHarness
            .CreateDriver(new NeuronGenerator(), new PerceptronGenerator(), new NetworkGenerator())
            .RunGeneratorsAndUpdateCompilation(input, out Compilation output, out _);
        GeneratorDriverRunResult run = driver.GetRunResult();
        foreach (GeneratorRunResult result in run.Results)
        {
            if (result.Exception is not null)
            {
                throw new InvalidOperationException("A generator threw.", result.Exception);
            }
        }

        var exceptions = new List<Exception>();
        CompilationWithAnalyzers withAnalyzers = output.WithAnalyzers(
            [new ClassicModelAnalyzer()],
            new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), (exception, _, _) => exceptions.Add(exception), concurrentAnalysis: false, logAnalyzerExecutionTime: false));
        ImmutableArray<Diagnostic> analyzer = withAnalyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        if (exceptions.Count > 0)
        {
            throw new AggregateException("The analyzer threw.", exceptions);
        }

        return new Result(
            analyzer,
            output.GetDiagnostics(),
            run.Results.SelectMany(static r => r.GeneratedSources).ToDictionary(static s => s.HintName, static s => s.SourceText.ToString()));
    }
}
