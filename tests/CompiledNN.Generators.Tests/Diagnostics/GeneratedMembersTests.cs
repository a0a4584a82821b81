using System;
using System.Linq;
using CompiledNN.Generators.Parsing;
using CompiledNN.Generators.Tests.Helpers;
using CompiledNN.Generators.Validation;
using Microsoft.CodeAnalysis;
using Xunit;

namespace CompiledNN.Generators.Tests.Diagnostics;

/// <summary>
/// The collision rule (CNN0015) knows every member the generator writes: a member missing from
/// <see cref="GeneratedMembers"/> would let a user's member through to a compile error inside generated code.
/// </summary>
public sealed class GeneratedMembersTests
{
    [Theory]
    [InlineData("Adam", "[Dense(16, Activation.ReLU)]\n[Dense(3, Activation.Softmax)]")]
    [InlineData("Sgd", "[Dense(5, Activation.Tanh)]\n[Dense(4, Activation.ReLU)]\n[Dense(2)]")]
    [InlineData("Momentum", "[Dense(1, Activation.Sigmoid)]")]
    [InlineData("RMSProp", "[Dense(300, Activation.ReLU)]\n[Dense(10, Activation.Softmax)]")]
    public void Every_generated_member_is_known_to_the_collision_rule(string optimizer, string layers)
    {
        string source = $"using CompiledNN;\nnamespace Demo;\n[Network(Optimizer = Optimizer.{optimizer})]\n[Input(64)]\n{layers}\npublic partial class Model;\n";
        (GeneratorRunResult result, Compilation output) = GeneratorHarness.Run(source);
        Assert.Null(result.Exception);
        Assert.NotEmpty(result.GeneratedSources);

        INamedTypeSymbol model = output.GetTypeByMetadataName("Demo.Model")!;
        int layerCount = layers.Split('\n').Length;
        bool classifier = layers.EndsWith("Softmax)]", StringComparison.Ordinal);
        var known = GeneratedMembers.For(layerCount, classifier).ToHashSet();
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
