using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace CompiledNN.Generators.Tests.Diagnostics;

/// <summary>
/// Neither the generator nor the analyzer may throw on any input: a thrown exception is a build-breaking warning
/// (CS8785, AD0001) for the user. Fed here: every prefix of a declaration and every one-character deletion (what an
/// IDE sees while the user types), and random declarations with wrong argument types, missing or duplicated
/// arguments, undefined enum values and sizes up to int.MaxValue.
/// </summary>
public sealed class RobustnessTests(ITestOutputHelper output)
{
    private const string Declaration = """
        using System;
        using CompiledNN;

        namespace Demo;

        public partial class Outer
        {
            [Network(Optimizer = Optimizer.Momentum, Momentum = 0.9f, LearningRate = 0.05f, Init = Initialization.HeUniform)]
            [Input(4)]
            [Dense(16, Activation.LeakyReLU, Alpha = 0.1f)]
            [Dense(3, Activation.Softmax)]
            public sealed partial class Model
            {
                public void Predict(float[] input) { }
            }
        }
        """;

    [Fact]
    public void Every_prefix_of_a_declaration_as_typed()
    {
        for (int length = 0; length <= Declaration.Length; length++)
        {
            CheckNeverThrows(Declaration.Substring(0, length));
        }
    }

    [Fact]
    public void Every_one_character_deletion()
    {
        for (int position = 0; position < Declaration.Length; position++)
        {
            CheckNeverThrows(Declaration.Remove(position, 1));
        }
    }

    [Fact]
    public void Random_malformed_declarations()
    {
        var random = new Random(20261128);
        int generated = 0, rejected = 0;
        for (int i = 0; i < 400; i++)
        {
            string source = RandomDeclaration(random);
            if (CheckNeverThrows(source))
            {
                generated++;
            }
            else
            {
                rejected++;
            }
        }

        // The mix must exercise both sides, or it tests less than it claims.
        output.WriteLine($"{generated} generated, {rejected} rejected");
        Assert.True(generated >= 20, $"Only {generated} of the random declarations were valid.");
        Assert.True(rejected >= 100, $"Only {rejected} of the random declarations were rejected.");
    }

    public static TheoryData<string, string, bool> Pathological => new()
    {
        { "keywords as namespace and class names", "using CompiledNN;\n\nnamespace @namespace.@class;\n\n[Network]\n[Input(2)]\n[Dense(1, Activation.Sigmoid)]\npublic partial class @event;\n", true },
        { "a keyword as the containing type's name", "using CompiledNN;\n\npublic static partial class @class\n{\n    [Network]\n    [Input(2)]\n    [Dense(1, Activation.Sigmoid)]\n    internal sealed partial class @int;\n}\n", true },
        { "a file-local network", "using CompiledNN;\n\n[Network]\n[Input(2)]\n[Dense(1, Activation.Sigmoid)]\nfile partial class Model;\n", false },
        { "[Network] on two partial declarations", "using CompiledNN;\n\n[Network]\n[Input(2)]\n[Dense(1, Activation.Sigmoid)]\npublic partial class Model;\n\n[Network]\npublic partial class Model;\n", true },
        { "a class named InputSize", "using CompiledNN;\n\n[Network]\n[Input(2)]\n[Dense(1, Activation.Sigmoid)]\npublic partial class InputSize;\n", false },
        { "a class named Load", "using CompiledNN;\n\n[Network]\n[Input(2)]\n[Dense(1, Activation.Sigmoid)]\npublic partial class Load;\n", false },
    };

    [Theory]
    [MemberData(nameof(Pathological))]
    public void Pathological_declaration_never_crashes_the_generator(string description, string source, bool generates)
    {
        Assert.True(generates == CheckNeverThrows(source), $"{description}: expected {(generates ? "" : "no ")}generated code.");
    }

    /// <summary>Runs generator and analyzer, asserts neither threw and that they agree; returns whether code was generated.</summary>
    private static bool CheckNeverThrows(string source)
    {
        AnalyzerHarness.Result result = AnalyzerHarness.Run(null, source);
        Assert.True(result.Generator.Exception is null, $"The generator threw {result.Generator.Exception} on:\n{source}");
        Assert.True(result.AnalyzerExceptions.Count == 0, $"The analyzer threw {string.Join("\n", result.AnalyzerExceptions)} on:\n{source}");
        Assert.DoesNotContain(result.Analyzer, static d => d.Id == "AD0001");

        // The generator writes code exactly when the shared validator finds no error.
        bool generatedCode = result.Generator.GeneratedSources.Length > 0;
        var errors = result.Analyzer.Where(static d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.False(generatedCode && errors.Count > 0, $"Code was generated despite {string.Join("; ", errors)} on:\n{source}");

        // Generated code compiles whenever the user's own code does.
        var userErrors = result.Compiler.Where(static d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree?.FilePath == "Source0.cs").ToList();
        var generatedErrors = result.Compiler.Where(static d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree?.FilePath != "Source0.cs").ToList();
        Assert.False(userErrors.Count == 0 && generatedErrors.Count > 0, $"The generated code does not compile: {string.Join("; ", generatedErrors.Take(3))} for:\n{source}");
        return generatedCode;
    }

    private static readonly string[] Sizes = ["0", "-1", "1", "2", "3", "4", "7", "16", "64", "300", "1000", "46341", "65536", "int.MaxValue", "int.MinValue", "\"4\"", "4.5f", "null", "Activation.ReLU", "", "1 +", "(int)3L"];

    private static readonly string[] Activations =
        [.. new[] { "Identity", "Sigmoid", "Tanh", "ReLU", "LeakyReLU", "Softplus", "ELU", "Softmax", "Step" }.Select(static n => "Activation." + n), "(Activation)42", "(Activation)(-1)", "0", "\"ReLU\"", "null", "Loss.CrossEntropy", "Activation.", "Activation.Relu"];

    private static readonly string[] Floats = ["0f", "-1f", "1f", "0.5f", "0.9f", "0.001f", "1e-9f", "1e30f", "float.NaN", "float.PositiveInfinity", "float.NegativeInfinity", "0.01", "\"x\"", "Optimizer.Adam", "1", ""];

    private static readonly string[] FloatOptions = ["LearningRate", "Momentum", "Beta1", "Beta2", "Epsilon", "Rho", "WeightDecay"];

    private static readonly (string Option, string Enum, string[] Members)[] EnumOptions =
    [
        ("Loss", "Loss", ["Auto", "MeanSquaredError", "CrossEntropy", "BinaryCrossEntropy"]),
        ("Optimizer", "Optimizer", ["Adam", "Sgd", "Momentum", "Nesterov", "AdaGrad", "RMSProp", "AdamW"]),
        ("Init", "Initialization", ["Auto", "XavierUniform", "XavierNormal", "HeUniform", "HeNormal"]),
        ("CodeShape", "CodeShape", ["Auto", "Unrolled", "Vectorized"]),
    ];

    private static readonly string[] Members =
    [
        "public void Predict(ReadOnlySpan<float> input, Span<float> output) { }",
        "public float TrainStep(ReadOnlySpan<float> input, ReadOnlySpan<float> target) => 0f;",
        "public float LearningRate { get; set; }",
        "public const int InputSize = 3;",
        "public Model(int seed) { }",
        "public void Predict(float[] input) { }",
        "public int Epochs;",
    ];

    private static readonly string[] Shapes =
        ["public partial class", "public class", "internal sealed partial class", "public static partial class", "public abstract partial class", "public partial struct", "public partial record", "public partial record struct", "public partial interface"];

    private static string RandomDeclaration(Random random)
    {
        T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
        bool Chance(double p) => random.NextDouble() < p;

        var attributes = new List<string>();
        int networks = Chance(0.9) ? 1 : random.Next(0, 3);
        for (int n = 0; n < networks; n++)
        {
            var options = new List<string>();
            foreach ((string option, string enumType, string[] values) in EnumOptions)
            {
                if (Chance(0.25))
                {
                    options.Add($"{option} = " + (Chance(0.8) ? $"{enumType}.{Pick(values)}" : Pick(new[] { $"({enumType})99", "1", "null", $"{enumType}." })));
                }
            }

            foreach (string option in FloatOptions)
            {
                if (Chance(0.15))
                {
                    options.Add($"{option} = {(Chance(0.6) ? Pick(new[] { "0.01f", "0.001f", "0.9f", "0.1f" }) : Pick(Floats))}");
                }
            }

            if (Chance(0.03))
            {
                options.Add("Unknown = 1");
            }

            attributes.Add(options.Count == 0 && Chance(0.5) ? "Network" : $"Network({string.Join(", ", options)})");
        }

        if (Chance(0.05))
        {
            attributes.Add("Perceptron(Inputs = 2)");
        }

        int inputs = Chance(0.85) ? 1 : random.Next(0, 3);
        for (int n = 0; n < inputs; n++)
        {
            attributes.Add(Chance(0.1) ? Pick(new[] { "Input", "Input()", "Input(1, 2)" }) : $"Input({(Chance(0.7) ? random.Next(1, 9).ToString(System.Globalization.CultureInfo.InvariantCulture) : Pick(Sizes))})");
        }

        int layers = Chance(0.9) ? random.Next(1, 6) : 0;
        for (int n = 0; n < layers; n++)
        {
            string units = Chance(0.7) ? random.Next(1, 33).ToString(System.Globalization.CultureInfo.InvariantCulture) : Pick(Sizes);
            string activation = Chance(0.8) ? Pick(new[] { "Activation.ReLU", "Activation.Tanh", "Activation.Sigmoid", "Activation.Softmax", "Activation.Identity" }) : Pick(Activations);
            string alpha = Chance(0.15) ? $", Alpha = {Pick(Floats)}" : "";
            attributes.Add(random.Next(6) switch
            {
                0 => $"Dense({units}{alpha})",
                1 when Chance(0.3) => "Dense",
                2 when Chance(0.3) => $"Dense(activation: {activation}, units: {units})",
                _ => $"Dense({units}, {activation}{alpha})",
            });
        }

        // Shuffle a little: layer order matters, so mostly keep it, but attributes may come in any order.
        if (Chance(0.1) && attributes.Count > 1)
        {
            int a = random.Next(attributes.Count), b = random.Next(attributes.Count);
            (attributes[a], attributes[b]) = (attributes[b], attributes[a]);
        }

        string shape = Chance(0.75) ? "public partial class" : Pick(Shapes);
        string name = Chance(0.1) ? "Model<T>" : "Model";
        string members = Chance(0.2) ? "\n{\n    " + Pick(Members) + "\n}\n" : ";\n";
        string type = string.Concat(attributes.Select(static a => $"[{a}]\n")) + $"{shape} {name}{members}";
        if (Chance(0.1))
        {
            type = $"public {(Chance(0.5) ? "partial " : "")}class Outer\n{{\n{type}}}\n";
        }

        if (Chance(0.05))
        {
            type += "[Dense(2, Activation.Sigmoid)]\npublic partial class Model { }\n";
        }

        return "using System;\nusing CompiledNN;\n\nnamespace Demo;\n\n" + type;
    }
}
