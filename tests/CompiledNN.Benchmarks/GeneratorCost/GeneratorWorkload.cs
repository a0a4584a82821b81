extern alias generators;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using Basic.Reference.Assemblies;
using generators::CompiledNN.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CompiledNN.Benchmarks.GeneratorCost;

/// <summary>
/// One compilation holding many networks, as a project with a hundred models would: 90 small networks whose sizes,
/// activations and optimizers come from a fixed seed, and 10 of 784-256-128-10. Each network is a file of its own, and
/// one more file holds unrelated code that <see cref="Edited"/> changes.
/// </summary>
internal sealed class GeneratorWorkload
{
    public const int SmallNetworks = 90;
    public const int MnistNetworks = 10;
    public const int Networks = SmallNetworks + MnistNetworks;

    /// <summary>The seed of the small networks' sizes and options; changing it changes every published number.</summary>
    public const ulong Seed = 20_250_101;

    /// <summary>The language of a net10.0 project as far as this Roslyn knows it.</summary>
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>A Release library with every warning wave on, as the SDK builds one.</summary>
    public static readonly CSharpCompilationOptions CompilationOptions = new(
        OutputKind.DynamicallyLinkedLibrary,
        optimizationLevel: OptimizationLevel.Release,
        nullableContextOptions: NullableContextOptions.Enable,
        deterministic: true,
        warningLevel: 9999);

    private static readonly ImmutableArray<MetadataReference> References =
        [.. Net100.References.All, MetadataReference.CreateFromFile(typeof(NetworkAttribute).Assembly.Location)];

    private const string UnrelatedPath = "Unrelated.cs";

    private const string Unrelated = """
        namespace Workload;

        public static class Greeting
        {
            public static string Text => "hello";
        }
        """;

    private const string UnrelatedEdited = """
        namespace Workload;

        // An edit far from any network: a comment and a new class.
        public static class Greeting
        {
            public static string Text => "hello";
        }

        public sealed class Counter
        {
            public int Value { get; private set; }

            public void Increment() => Value++;
        }
        """;

    /// <summary>The 4-16-16-3 network of the README, measured on its own.</summary>
    public const string IrisNet = """
        using CompiledNN;

        namespace Workload;

        [Network(Optimizer = Optimizer.Adam)]
        [Input(4)]
        [Dense(16, Activation.ReLU)]
        [Dense(16, Activation.ReLU)]
        [Dense(3, Activation.Softmax)]
        public partial class IrisNet;
        """;

    private GeneratorWorkload(CSharpCompilation compilation, CSharpCompilation edited, IReadOnlyList<string> descriptions)
    {
        Compilation = compilation;
        Edited = edited;
        Descriptions = descriptions;
    }

    /// <summary>The 100 networks and the unrelated file, before generation.</summary>
    public CSharpCompilation Compilation { get; }

    /// <summary><see cref="Compilation"/> after an edit of the unrelated file only.</summary>
    public CSharpCompilation Edited { get; }

    /// <summary>Each network as "name: sizes, activations, optimizer", in source order.</summary>
    public IReadOnlyList<string> Descriptions { get; }

    public static GeneratorWorkload Create()
    {
        var sources = new List<(string Path, string Text)>();
        var descriptions = new List<string>();
        var random = new SplitMix64(Seed);
        for (int i = 0; i < SmallNetworks; i++)
        {
            (string text, string description) = SmallNetwork($"Net{i:D2}", random);
            sources.Add(($"Net{i:D2}.cs", text));
            descriptions.Add(description);
        }

        for (int i = 0; i < MnistNetworks; i++)
        {
            (string text, string description) = Network($"Mnist{i}", Optimizer.Adam, 784, [(256, Activation.ReLU), (128, Activation.ReLU), (10, Activation.Softmax)]);
            sources.Add(($"Mnist{i}.cs", text));
            descriptions.Add(description);
        }

        sources.Add((UnrelatedPath, Unrelated));
        CSharpCompilation compilation = Compile(sources);
        SyntaxTree old = compilation.SyntaxTrees.Single(static t => t.FilePath == UnrelatedPath);
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(UnrelatedEdited, ParseOptions, path: UnrelatedPath, encoding: Encoding.UTF8));
        return new GeneratorWorkload(compilation, edited, descriptions);
    }

    public static CSharpCompilation Compile(IEnumerable<(string Path, string Text)> sources) => CSharpCompilation.Create(
        "GeneratorWorkload",
        sources.Select(static s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, path: s.Path, encoding: Encoding.UTF8)),
        References,
        CompilationOptions);

    /// <summary>
    /// A fresh driver of the project's three generators, as the compiler creates for a build; step tracking costs time,
    /// so only the cache check turns it on.
    /// </summary>
    public static GeneratorDriver CreateDriver(bool trackSteps = false) => CSharpGeneratorDriver.Create(
        [new NetworkGenerator().AsSourceGenerator(), new PerceptronGenerator().AsSourceGenerator(), new NeuronGenerator().AsSourceGenerator()],
        parseOptions: ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>The analyzers of the generator assembly (CNN diagnostics), to prove the declarations valid.</summary>
    public static ImmutableArray<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer> Analyzers() =>
        [.. typeof(NetworkGenerator).Assembly.GetTypes()
            .Where(static t => !t.IsAbstract && typeof(Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer).IsAssignableFrom(t))
            .OrderBy(static t => t.FullName, StringComparer.Ordinal)
            .Select(static t => (Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer)Activator.CreateInstance(t)!)];

    /// <summary>
    /// A small network: 2-64 inputs, one to three hidden layers of 2-64 units with a ReLU-family, sigmoid or tanh
    /// activation, and an output that is a Softmax over 2-10 classes, Sigmoid over 1-4 labels or Identity over 1-8 values,
    /// trained by any optimizer. Hidden layers are at least as wide as the Softmax's classes (CNN1010).
    /// </summary>
    private static (string Text, string Description) SmallNetwork(string name, SplitMix64 random)
    {
        Activation[] hiddenActivations = [Activation.ReLU, Activation.LeakyReLU, Activation.ELU, Activation.Softplus, Activation.Tanh, Activation.Sigmoid];
        Optimizer optimizer = (Optimizer)random.Next(0, 7);
        int inputs = random.Next(2, 65);
        (Activation output, int outputs) = random.Next(0, 3) switch
        {
            0 => (Activation.Softmax, random.Next(2, 11)),
            1 => (Activation.Sigmoid, random.Next(1, 5)),
            _ => (Activation.Identity, random.Next(1, 9)),
        };
        int hidden = random.Next(1, 4);
        var layers = new List<(int Units, Activation Activation)>();
        for (int i = 0; i < hidden; i++)
        {
            int minimum = output == Activation.Softmax ? Math.Max(2, outputs) : 2;
            layers.Add((random.Next(minimum, 65), hiddenActivations[random.Next(0, hiddenActivations.Length)]));
        }

        layers.Add((outputs, output));
        return Network(name, optimizer, inputs, layers);
    }

    private static (string Text, string Description) Network(string name, Optimizer optimizer, int inputs, IReadOnlyList<(int Units, Activation Activation)> layers)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"""
            using CompiledNN;

            namespace Workload;

            [Network(Optimizer = Optimizer.{optimizer})]
            [Input({inputs})]

            """);
        foreach ((int units, Activation activation) in layers)
        {
            text.Append(CultureInfo.InvariantCulture, $"[Dense({units}, Activation.{activation})]\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"public partial class {name};\n");
        string sizes = string.Join('-', layers.Select(static l => l.Units.ToString(CultureInfo.InvariantCulture)).Prepend(inputs.ToString(CultureInfo.InvariantCulture)));
        string activations = string.Join(", ", layers.Select(static l => l.Activation));
        return (text.ToString(), $"{name}: {sizes} ({activations}), {optimizer}");
    }

    /// <summary>SplitMix64: a few lines, the same numbers on every runtime (System.Random promises no such thing).</summary>
    private sealed class SplitMix64(ulong seed)
    {
        private ulong _state = seed;

        /// <summary>A number in [<paramref name="minimum"/>, <paramref name="maximum"/>).</summary>
        public int Next(int minimum, int maximum)
        {
            _state += 0x9E3779B97F4A7C15;
            ulong z = _state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
            z ^= z >> 31;
            return minimum + (int)(z % (ulong)(maximum - minimum));
        }
    }
}
