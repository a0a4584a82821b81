using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using CompiledNN.Generators.Tests.Helpers;
using CompiledNN.Generators.Tests.Weights;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace CompiledNN.Generators.Tests;

/// <summary>
/// Every <c>```csharp</c> block of README.md compiles, with the generators, as the user would paste it. Convention:
/// the blocks of one <c>##</c> or <c>###</c> section are the files of one console project with the SDK's implicit usings (so a block
/// brings its own <c>using CompiledNN…;</c>); at most one block of a section has top-level statements.
/// </summary>
public sealed class ReadmeCodeTests
{
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    public static TheoryData<string> Sections() => new(ReadSections().Keys);

    [Fact]
    public void The_readme_has_csharp_blocks_in_several_sections() =>
        Assert.True(ReadSections().Count >= 4, "README.md should show code in its quick start, training, persistence and classic-model sections.");

    [Theory]
    [MemberData(nameof(Sections))]
    public void Every_csharp_block_of_the_section_compiles(string section)
    {
        List<(int Line, string Code)> blocks = ReadSections()[section];
        var trees = blocks.Select(b => CSharpSyntaxTree.ParseText(b.Code, GeneratorHarness.ParseOptions, path: $"README.md:{b.Line}")).ToList();
        trees.Add(CSharpSyntaxTree.ParseText(ImplicitUsings, GeneratorHarness.ParseOptions, path: "ImplicitUsings.cs"));
        bool program = trees.Any(static t => t.GetRoot().ChildNodes().OfType<GlobalStatementSyntax>().Any());
        CSharpCompilation input = GeneratorHarness.Compile().AddSyntaxTrees(trees)
            .WithOptions(GeneratorHarness.Compile().Options.WithOutputKind(program ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary));

        // The README's baked-weights example names "iris.weights.json": a 4-8-3 Tanh/Softmax file written by PyTorch.
        AdditionalText weights = new InMemoryAdditionalText("/app/iris.weights.json", WeightsHarness.Fixture("torch-4-8-3.weights.json"));
        CSharpGeneratorDriver
            .Create([new NetworkGenerator().AsSourceGenerator(), new NeuronGenerator().AsSourceGenerator(), new PerceptronGenerator().AsSourceGenerator()], additionalTexts: [weights], parseOptions: GeneratorHarness.ParseOptions)
            .RunGeneratorsAndUpdateCompilation(input, out Compilation output, out _);

        var problems = output.GetDiagnostics().Where(static d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, $"README.md section '{section}', blocks at lines {string.Join(", ", blocks.Select(static b => b.Line))}, does not compile:\n" + string.Join("\n", problems));
    }

    /// <summary>The <c>```csharp</c> blocks of README.md by <c>##</c>/<c>###</c> section, each with the line its code starts on.</summary>
    private static Dictionary<string, List<(int Line, string Code)>> ReadSections()
    {
        string[] lines = File.ReadAllLines(Path.Combine(RepositoryRoot(), "README.md"));
        var sections = new Dictionary<string, List<(int, string)>>();
        string section = "(top)";
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("## ", StringComparison.Ordinal) || lines[i].StartsWith("### ", StringComparison.Ordinal))
            {
                section = lines[i].TrimStart('#').Trim();
            }
            else if (lines[i].Trim() == "```csharp")
            {
                int start = i + 1;
                int end = Array.FindIndex(lines, start, static l => l.Trim() == "```");
                Assert.True(end > 0, $"README.md:{i + 1}: the code block is not closed.");
                if (!sections.TryGetValue(section, out List<(int, string)>? blocks))
                {
                    sections[section] = blocks = [];
                }

                blocks.Add((start + 1, string.Join("\n", lines[start..end])));
                i = end;
            }
        }

        return sections;
    }

    private static string RepositoryRoot([CallerFilePath] string path = "")
    {
        DirectoryInfo? directory = new FileInfo(path).Directory;
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CompiledNN.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException($"No CompiledNN.sln above {path}.");
    }
}
