using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Basic.Reference.Assemblies;
using CompiledNN.Generators.Diagnostics.Analyzers;
using CompiledNN.Generators.Tests.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace CompiledNN.Generators.Tests.Diagnostics;

/// <summary>
/// A one-document project in an <see cref="AdhocWorkspace"/>, as an IDE holds it: the analyzer runs on it (honouring
/// an optional .editorconfig) and a code fix is applied the way the IDE applies it, through its operations.
/// </summary>
internal static class CodeFixHarness
{
    private static readonly ImmutableArray<MetadataReference> References =
        [.. Net100.References.All, MetadataReference.CreateFromFile(typeof(NetworkAttribute).Assembly.Location)];

    /// <summary>The document of a new project holding <paramref name="source"/> at /src/Model.cs, with /src/.editorconfig if given.</summary>
    public static Document CreateDocument(string source, string? editorConfig = null)
    {
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        Solution solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(
                projectId,
                VersionStamp.Create(),
                "Test",
                "Test",
                LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
                parseOptions: GeneratorHarness.ParseOptions,
                metadataReferences: References));
        var documentId = DocumentId.CreateNewId(projectId);
        solution = solution.AddDocument(documentId, "Model.cs", SourceText.From(source), filePath: "/src/Model.cs");
        if (editorConfig is not null)
        {
            solution = solution.AddAnalyzerConfigDocument(DocumentId.CreateNewId(projectId), ".editorconfig", SourceText.From(editorConfig), filePath: "/src/.editorconfig");
        }

        return solution.GetDocument(documentId)!;
    }

    /// <summary>The analyzer's diagnostics on the document's project, with the severities its .editorconfig sets.</summary>
    public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Document document)
    {
        Compilation compilation = (await document.Project.GetCompilationAsync().ConfigureAwait(false))!;
        var exceptions = new List<System.Exception>();
        CompilationWithAnalyzers withAnalyzers = compilation.WithAnalyzers(
            [new NetworkAnalyzer()],
            new CompilationWithAnalyzersOptions(document.Project.AnalyzerOptions, (exception, _, _) => exceptions.Add(exception), concurrentAnalysis: false, logAnalyzerExecutionTime: false));
        ImmutableArray<Diagnostic> diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync().ConfigureAwait(false);
        Assert.Empty(exceptions);
        return diagnostics;
    }

    /// <summary>
    /// Applies the one fix <paramref name="provider"/> offers for the one <paramref name="id"/> diagnostic of
    /// <paramref name="source"/>, checks that the fixed source no longer reports it, and returns the fixed source.
    /// </summary>
    public static async Task<string> FixAsync(CodeFixProvider provider, string id, string source)
    {
        Document document = CreateDocument(source);
        Diagnostic diagnostic = Assert.Single((await AnalyzeAsync(document).ConfigureAwait(false)).Where(d => d.Id == id));
        Assert.Contains(id, provider.FixableDiagnosticIds);

        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await provider.RegisterCodeFixesAsync(context).ConfigureAwait(false);
        CodeAction fix = Assert.Single(actions);

        ImmutableArray<CodeActionOperation> operations = await fix.GetOperationsAsync(CancellationToken.None).ConfigureAwait(false);
        Solution changed = Assert.Single(operations.OfType<ApplyChangesOperation>()).ChangedSolution;
        Document fixedDocument = changed.GetDocument(document.Id)!;
        Assert.DoesNotContain(await AnalyzeAsync(fixedDocument).ConfigureAwait(false), d => d.Id == id);
        return (await fixedDocument.GetTextAsync().ConfigureAwait(false)).ToString();
    }
}
