using System;
using System.Linq;
using CompiledNN.Generators.Parsing;
using CompiledNN.Generators.Tests.Helpers;
using CompiledNN.Generators.Validation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace CompiledNN.Generators.Tests.Diagnostics;

/// <summary>
/// The collision rule (CNN0015) knows every member the generator writes into the user's class: a member missing from
/// <see cref="GeneratedMembers"/> would let a user's member through to a compile error inside generated code. The
/// generated code has preprocessor branches (<c>NET9_0_OR_GREATER</c>), so the members are collected with and without.
/// </summary>
public sealed class GeneratedMembersTests
{
    public static TheoryData<string, string, bool> Networks()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (bool net9 in new[] { true, false })
        {
            data.Add("Adam", "[Dense(16, Activation.ReLU)]\n[Dense(3, Activation.Softmax)]", net9);
            data.Add("Sgd", "[Dense(5, Activation.Tanh)]\n[Dense(4, Activation.ReLU)]\n[Dense(2)]", net9);
            data.Add("Momentum", "[Dense(1, Activation.Sigmoid)]", net9);
            data.Add("RMSProp", "[Dense(300, Activation.ReLU)]\n[Dense(10, Activation.Softmax)]", net9);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Every_generated_member_is_known_to_the_collision_rule(string optimizer, string layers, bool net9)
    {
        string source = $"using CompiledNN;\nnamespace Demo;\n[Network(Optimizer = Optimizer.{optimizer})]\n[Input(64)]\n{layers}\npublic partial class Model;\n";
        CSharpParseOptions options = GeneratorHarness.ParseOptions.WithPreprocessorSymbols(net9 ? new[] { "NET9_0_OR_GREATER" } : Array.Empty<string>());
        (GeneratorRunResult result, Compilation output) = GeneratorHarness.Run(options, source);
        Assert.Null(result.Exception);
        Assert.NotEmpty(result.GeneratedSources);

        INamedTypeSymbol model = output.GetTypeByMetadataName("Demo.Model")!;
        bool classifier = layers.EndsWith("Softmax)]", StringComparison.Ordinal);
        var known = GeneratedMembers.For(classifier).ToHashSet();
        var generated = model.GetMembers()
            // Accessors come with their property, and explicit interface implementations cannot collide.
            .Where(static m => !m.IsImplicitlyDeclared && m.Name.IndexOf('.', 1) < 0 && m is not IMethodSymbol { AssociatedSymbol: not null })
            .Select(NetworkParser.MemberSignature)
            .Distinct()
            .ToList();
        var unknown = generated.Where(m => !known.Contains(m)).ToList();
        Assert.True(unknown.Count == 0, "Add to GeneratedMembers: " + string.Join(", ", unknown.Select(static m => '"' + m + '"')));
    }
}
