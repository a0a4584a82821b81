using System.Globalization;
using System.IO;
using System.Linq;
using CompiledNN.Generators.Emit;
using CompiledNN.Generators.Tests.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;
using Xunit;

namespace CompiledNN.Generators.Tests;

/// <summary>
/// Generated code compiles without a single warning (nullable on, every warning wave) for shapes, activations,
/// options and places of declaration beyond the snapshots; the harness fails on any warning, as
/// <c>TreatWarningsAsErrors</c> would.
/// </summary>
public sealed class GeneratedCodeCompilesTests
{
    public static TheoryData<string, string> Layers => new()
    {
        { "one input, one unit", "[Input(1)] [Dense(1)]" },
        { "every activation", "[Input(5)] [Dense(7, Activation.Sigmoid)] [Dense(6, Activation.Tanh)] [Dense(5, Activation.ReLU)] [Dense(4, Activation.LeakyReLU)] [Dense(4, Activation.Softplus)] [Dense(3, Activation.ELU, Alpha = 0.5f)] [Dense(3, Activation.Softmax)]" },
        { "sigmoid outputs", "[Input(3)] [Dense(4, Activation.ReLU)] [Dense(3, Activation.Sigmoid)]" },
        { "unit count at the unroll threshold", "[Input(32)] [Dense(32, Activation.ReLU)] [Dense(2, Activation.Softmax)]" },
        { "one over the threshold", "[Input(1025)] [Dense(1, Activation.Sigmoid)]" },
        { "deep", "[Input(3)] [Dense(5, Activation.Tanh)] [Dense(5, Activation.Tanh)] [Dense(5, Activation.ReLU)] [Dense(5, Activation.ReLU)] [Dense(5, Activation.ELU)] [Dense(5, Activation.LeakyReLU, Alpha = 0.1f)] [Dense(5, Activation.Softplus)] [Dense(2)]" },
        { "pooled scratch", "[Input(16)] [Dense(3000, Activation.ReLU)] [Dense(2000, Activation.ReLU)] [Dense(10, Activation.Softmax)]" },
    };

    [Theory]
    [MemberData(nameof(Layers))]
    public void Every_code_shape_compiles_cleanly(string description, string layers)
    {
        foreach (string codeShape in new[] { "Auto", "Unrolled", "Vectorized" })
        {
            // Unrolling thousands of units would compile, but slowly; the forced form is covered by the small shapes.
            if (codeShape == "Unrolled" && description == "pooled scratch")
            {
                continue;
            }

            AssertGenerates(
                $$"""
                using CompiledNN;

                namespace Samples;

                [Network(CodeShape = CodeShape.{{codeShape}})]
                {{layers}}
                public partial class Net;
                """,
                "Samples.Net");
        }
    }

    [Theory]
    [InlineData("Optimizer = Optimizer.Sgd, LearningRate = 0.5f")]
    [InlineData("Optimizer = Optimizer.Momentum, Momentum = 0.8f")]
    [InlineData("Optimizer = Optimizer.AdamW, WeightDecay = 0.001f, Beta1 = 0.8f, Beta2 = 0.99f, Epsilon = 1e-6f")]
    [InlineData("Optimizer = Optimizer.RMSProp, Rho = 0.9f")]
    [InlineData("Optimizer = Optimizer.AdaGrad, Init = Initialization.XavierNormal")]
    [InlineData("Loss = Loss.MeanSquaredError, Init = Initialization.HeNormal")]
    public void Network_options_compile_cleanly(string options)
    {
        AssertGenerates(
            $$"""
            using CompiledNN;

            namespace Samples;

            [Network({{options}})]
            [Input(4)]
            [Dense(8, Activation.ReLU)]
            [Dense(3, Activation.Softmax)]
            public partial class Net;
            """,
            "Samples.Net");
    }

    [Fact]
    public void A_block_namespace_compiles_cleanly()
    {
        AssertGenerates(
            """
            namespace Samples.Blocks
            {
                using CompiledNN;

                [Network]
                [Input(2)]
                [Dense(4, Activation.Tanh)]
                [Dense(1, Activation.Sigmoid)]
                internal sealed partial class XorNet;
            }
            """,
            "Samples.Blocks.XorNet");
    }

    [Fact]
    public void The_global_namespace_compiles_cleanly()
    {
        AssertGenerates(
            """
            [CompiledNN.Network]
            [CompiledNN.Input(2)]
            [CompiledNN.Dense(1, CompiledNN.Activation.Sigmoid)]
            partial class GlobalNet;
            """,
            "GlobalNet");
    }

    [Fact]
    public void Networks_nested_in_classes_structs_and_records_compile_cleanly()
    {
        AssertGenerates(
            """
            using CompiledNN;

            namespace Samples;

            public static partial class Outer
            {
                internal partial struct Middle
                {
                    private partial record Inner
                    {
                        [Network]
                        [Input(3)]
                        [Dense(2, Activation.Softmax)]
                        public partial class DeepNet;
                    }

                    public partial record struct Pair
                    {
                        [Network]
                        [Input(3)]
                        [Dense(2)]
                        internal partial class PairNet;
                    }
                }
            }
            """,
            "Samples.Outer.Middle.Inner.DeepNet",
            "Samples.Outer.Middle.Pair.PairNet");
    }

    [Fact]
    public void Two_networks_of_the_same_name_in_different_namespaces_compile_cleanly()
    {
        AssertGenerates(
            """
            using CompiledNN;

            namespace A { [Network] [Input(2)] [Dense(1)] public partial class Net; }

            namespace B { [Network] [Input(3)] [Dense(2)] public partial class Net; }
            """,
            "A.Net",
            "B.Net");
    }

    [Fact]
    public void User_types_named_like_the_generated_code_s_dependencies_do_not_shadow_them()
    {
        // The generated code names everything through namespace aliases (Sys::Span<float>), so these decoys in the
        // network's own namespace are never picked up.
        AssertGenerates(
            """
            using CompiledNN;

            namespace Samples.System
            {
                public class Span<T> { }
                public class ReadOnlySpan<T> { }
                public class ArgumentException { }
                public class Guard { }
                public class Activations { }
                public class Kernels { }
                public class NetworkRandom { }
                public class INetwork { }
                public class MathF { }

                [Network]
                [Input(4)]
                [Dense(3000, Activation.ReLU)]
                [Dense(3000, Activation.ReLU)]
                [Dense(3, Activation.Softmax)]
                public partial class Net;
            }
            """,
            "Samples.System.Net");
    }

    [Fact]
    public void User_names_like_the_generated_code_s_namespace_aliases_do_not_rebind_them()
    {
        // alias:: looks up aliases only, so a type, nested type, field or method of an alias's name is never bound instead;
        // and the generated aliases follow the namespace line, so they shadow a user's global alias of the same name.
        // Had any of these rebound a name, Simd::Vector512 or Sys::Span<float> would not compile.
        AssertGenerates(
            """
            global using Simd = global::System.Text;
            global using Sys = global::System.Collections.Generic;
            using CompiledNN;

            namespace Samples
            {
                public class Simd { public static int Vector512; }
                public class Rcs { }
                public class Ris { }
                public class Nn { }

                [Network]
                [Input(4)]
                [Dense(16, Activation.ReLU)]
                [Dense(3, Activation.Softmax)]
                public partial class Net
                {
                    public int Sys;
                    public class Nnr { }
                    public static void Rcs() { }
                }
            }
            """,
            "Samples.Net");
    }

    [Fact]
    public void A_global_alias_named_like_a_generated_one_is_a_compile_error_in_the_global_namespace()
    {
        // In the global namespace the generated aliases share the compilation unit's scope with the user's global ones: the
        // same name is reported as a duplicate alias (CS1537), so the build fails rather than binding the user's namespace.
        (GeneratorRunResult result, Compilation output) = GeneratorHarness.Run(
            """
            global using Simd = global::System.Text;
            using CompiledNN;

            [Network]
            [Input(4)]
            [Dense(16, Activation.ReLU)]
            [Dense(3, Activation.Softmax)]
            public partial class GlobalNet;
            """);
        Assert.Null(result.Exception);

        string[] errors = output.GetDiagnostics()
            .Where(static d => d.Severity == DiagnosticSeverity.Error)
            .Select(static d => $"{d.Id} {d.GetMessage(CultureInfo.InvariantCulture)}")
            .Distinct()
            .ToArray();
        Assert.Contains("CS1537 The using alias 'Simd' appeared previously in this namespace", errors);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Generated_documentation_is_complete_when_the_project_writes_its_doc_file(bool userMemberDocumented)
    {
        // A library with GenerateDocumentationFile checks every doc comment (crefs, param names) and warns on public
        // members without one while it writes the XML file, so the compilation is emitted with one. The undocumented
        // variant proves the check is live: it must report the user's own undocumented method, and only it. (The user's
        // class itself needs no comment: the generator documents it with the layer table.)
        string documentation = userMemberDocumented ? "/// <summary>A helper of the user's.</summary>" : "";
        (GeneratorRunResult result, Compilation output) = GeneratorHarness.Run(
            GeneratorHarness.DocumentedParseOptions,
            $$"""
            using CompiledNN;

            namespace Samples;

            [Network]
            [Input(4)]
            [Dense(16, Activation.ReLU)]
            [Dense(3, Activation.Softmax)]
            public partial class DocumentedNet
            {
                {{documentation}}
                public void Helper()
                {
                }
            }

            /// <summary>Another, with a sigmoid output and a vectorized layer.</summary>
            [Network]
            [Input(64)]
            [Dense(64, Activation.Tanh)]
            [Dense(1, Activation.Sigmoid)]
            public partial class DocumentedBinaryNet;
            """);
        Assert.Equal(2 * NetworkEmitter.Concerns.Length, result.GeneratedSources.Length);

        using var assembly = new MemoryStream();
        using var xml = new MemoryStream();
        EmitResult emitted = output.Emit(assembly, xmlDocumentationStream: xml);
        string[] warnings = emitted.Diagnostics
            .Where(static d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(static d => $"{d.Id} {d.GetMessage(CultureInfo.InvariantCulture)}")
            .ToArray();

        if (userMemberDocumented)
        {
            Assert.True(emitted.Success);
            Assert.Empty(warnings);
        }
        else
        {
            Assert.Equal(["CS1591 Missing XML comment for publicly visible type or member 'DocumentedNet.Helper()'"], warnings);
        }
    }

    /// <summary>Generates, compiles without warnings, and checks that each network got its files.</summary>
    private static void AssertGenerates(string source, params string[] networks)
    {
        GeneratorRunResult result = GeneratorHarness.RunAndCompileCleanly(source);

        string[] hintNames = result.GeneratedSources.Select(static s => s.HintName).ToArray();
        foreach (string network in networks)
        {
            foreach (string concern in NetworkEmitter.Concerns)
            {
                Assert.Contains(network + "." + concern + ".g.cs", hintNames);
            }
        }

        Assert.Equal(networks.Length * NetworkEmitter.Concerns.Length, hintNames.Length);
    }
}
