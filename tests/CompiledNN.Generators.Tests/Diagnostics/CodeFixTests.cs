using System.Threading.Tasks;
using CompiledNN.CodeFixes;
using Microsoft.CodeAnalysis.CodeFixes;
using Xunit;

namespace CompiledNN.Generators.Tests.Diagnostics;

/// <summary>Each code fix on a declaration that needs it: the exact fixed source, which no longer reports the diagnostic.</summary>
public sealed class CodeFixTests
{
    private const string Usings = "using CompiledNN;\n\n";

    private const string Layers = "[Input(4)]\n[Dense(16, Activation.ReLU)]\n[Dense(3, Activation.Softmax)]\npublic partial class Model;\n";

    private static readonly CodeFixProvider Partial = new AddPartialCodeFixProvider();

    private static readonly CodeFixProvider Argument = new ArgumentCodeFixProvider();

    [Theory]
    [InlineData("[Network]\n[Input(2)]\n[Dense(1, Activation.Sigmoid)]\npublic sealed class Model;\n", "[Network]\n[Input(2)]\n[Dense(1, Activation.Sigmoid)]\npublic sealed partial class Model;\n")]
    [InlineData("[Network]\n[Input(2)]\n[Dense(1, Activation.Sigmoid)]\nclass Model;\n", "[Network]\n[Input(2)]\n[Dense(1, Activation.Sigmoid)]\npartial class Model;\n")]
    [InlineData("namespace Demo\n{\n    [Network]\n    [Input(2)]\n    [Dense(1, Activation.Sigmoid)]\n    class Model { }\n}\n", "namespace Demo\n{\n    [Network]\n    [Input(2)]\n    [Dense(1, Activation.Sigmoid)]\n    partial class Model { }\n}\n")]
    public Task Adds_partial_to_the_network(string before, string after) => Verify(Partial, "CNN0001", before, after);

    [Fact]
    public Task Adds_partial_to_every_containing_type() => Verify(
        Partial,
        "CNN0002",
        "public class Outer\n{\n    internal static class Middle\n    {\n        [Network]\n        [Input(2)]\n        [Dense(1, Activation.Sigmoid)]\n        public partial class Model;\n    }\n}\n",
        "public partial class Outer\n{\n    internal static partial class Middle\n    {\n        [Network]\n        [Input(2)]\n        [Dense(1, Activation.Sigmoid)]\n        public partial class Model;\n    }\n}\n");

    [Fact]
    public Task Switches_MSE_on_softmax_to_cross_entropy() => Verify(
        Argument, "CNN1001", "[Network(Loss = Loss.MeanSquaredError, LearningRate = 0.01f)]\n" + Layers, "[Network(Loss = Loss.CrossEntropy, LearningRate = 0.01f)]\n" + Layers);

    [Fact]
    public Task Keeps_the_qualification_the_user_wrote() => Verify(
        Argument,
        "CNN1001",
        "[CompiledNN.Network(Loss = CompiledNN.Loss.MeanSquaredError)]\n[CompiledNN.Input(4)]\n[CompiledNN.Dense(3, CompiledNN.Activation.Softmax)]\npublic partial class Model;\n",
        "[CompiledNN.Network(Loss = CompiledNN.Loss.CrossEntropy)]\n[CompiledNN.Input(4)]\n[CompiledNN.Dense(3, CompiledNN.Activation.Softmax)]\npublic partial class Model;\n",
        usings: "");

    [Theory]
    [InlineData("[Dense(8, Activation.Identity)]", "[Dense(8, Activation.ReLU)]")]
    [InlineData("[Dense(8)]", "[Dense(8, Activation.ReLU)]")]
    [InlineData("[Dense(units: 8)]", "[Dense(units: 8, Activation.ReLU)]")]
    [InlineData("[Dense(8, Alpha = 0.5f)]", "[Dense(8, Activation.ReLU, Alpha = 0.5f)]")]
    public Task Replaces_a_hidden_identity_with_ReLU(string hidden, string fixedHidden) => Verify(
        Argument,
        "CNN1002",
        $"[Network]\n[Input(2)]\n{hidden}\n[Dense(1, Activation.Sigmoid)]\npublic partial class Model;\n",
        $"[Network]\n[Input(2)]\n{fixedHidden}\n[Dense(1, Activation.Sigmoid)]\npublic partial class Model;\n");

    [Fact]
    public Task Adds_a_missing_activation_fully_qualified_without_a_using() => Verify(
        Argument,
        "CNN1002",
        "[CompiledNN.Network]\n[CompiledNN.Input(2)]\n[CompiledNN.Dense(8)]\n[CompiledNN.Dense(1, CompiledNN.Activation.Sigmoid)]\npublic partial class Model;\n",
        "[CompiledNN.Network]\n[CompiledNN.Input(2)]\n[CompiledNN.Dense(8, CompiledNN.Activation.ReLU)]\n[CompiledNN.Dense(1, CompiledNN.Activation.Sigmoid)]\npublic partial class Model;\n",
        usings: "");

    [Theory]
    [InlineData("XavierUniform", "ReLU", "HeUniform")]
    [InlineData("XavierNormal", "LeakyReLU", "HeNormal")]
    [InlineData("HeUniform", "Tanh", "XavierUniform")]
    [InlineData("HeNormal", "Sigmoid", "XavierNormal")]
    public Task Switches_the_init_to_the_one_of_the_activation(string init, string activation, string fixedInit) => Verify(
        Argument,
        "CNN1004",
        $"[Network(Init = Initialization.{init})]\n[Input(2)]\n[Dense(8, Activation.{activation})]\n[Dense(1, Activation.Sigmoid)]\npublic partial class Model;\n",
        $"[Network(Init = Initialization.{fixedInit})]\n[Input(2)]\n[Dense(8, Activation.{activation})]\n[Dense(1, Activation.Sigmoid)]\npublic partial class Model;\n");

    [Fact]
    public Task Switches_a_mixed_network_to_automatic_init() => Verify(
        Argument,
        "CNN1004",
        "[Network(Init = Initialization.HeUniform)]\n[Input(2)]\n[Dense(8, Activation.ReLU)]\n[Dense(8, Activation.Tanh)]\n[Dense(1, Activation.Sigmoid)]\npublic partial class Model;\n",
        "[Network(Init = Initialization.Auto)]\n[Input(2)]\n[Dense(8, Activation.ReLU)]\n[Dense(8, Activation.Tanh)]\n[Dense(1, Activation.Sigmoid)]\npublic partial class Model;\n");

    [Theory]
    [InlineData("LeakyReLU, Alpha = 2f", "LeakyReLU, Alpha = 0.01f")]
    [InlineData("ELU, Alpha = -1f", "ELU, Alpha = 1f")]
    public Task Resets_a_slope_out_of_range(string dense, string fixedDense) => Verify(
        Argument,
        "CNN1005",
        $"[Network]\n[Input(2)]\n[Dense(8, Activation.{dense})]\n[Dense(1, Activation.Sigmoid)]\npublic partial class Model;\n",
        $"[Network]\n[Input(2)]\n[Dense(8, Activation.{fixedDense})]\n[Dense(1, Activation.Sigmoid)]\npublic partial class Model;\n");

    [Theory]
    [InlineData("CNN1006", "LearningRate = 5f", "LearningRate = 0.001f")]
    [InlineData("CNN1006", "Optimizer = Optimizer.Sgd, LearningRate = 1e-9f", "Optimizer = Optimizer.Sgd, LearningRate = 0.01f")]
    [InlineData("CNN0012", "LearningRate = -0.1f", "LearningRate = 0.001f")]
    [InlineData("CNN0012", "Optimizer = Optimizer.Momentum, LearningRate = float.NaN", "Optimizer = Optimizer.Momentum, LearningRate = 0.01f")]
    public Task Resets_the_learning_rate_to_the_optimizer_default(string id, string options, string fixedOptions) => Verify(
        Argument, id, $"[Network({options})]\n" + Layers, $"[Network({fixedOptions})]\n" + Layers);

    [Theory]
    [InlineData("Beta2 = 0.5f", "Beta2 = 0.999f")]
    [InlineData("Beta1 = 0.9999f", "Beta1 = 0.9f")]
    public Task Restores_the_default_of_an_unbounded_Adam_beta(string options, string fixedOptions) => Verify(
        Argument, "CNN1011", $"[Network({options})]\n" + Layers, $"[Network({fixedOptions})]\n" + Layers);

    [Theory]
    [InlineData("CNN0028", "Loss = Loss.Huber, HuberDelta = -2f", "Loss = Loss.Huber, HuberDelta = 1f")]
    [InlineData("CNN1013", "HuberDelta = 2f, LearningRate = 0.01f", "LearningRate = 0.01f")]
    public Task Fixes_the_Huber_delta(string id, string options, string fixedOptions) => Verify(
        Argument, id, $"[Network({options})]\n[Input(2)]\n[Dense(8, Activation.SiLU)]\n[Dense(1)]\npublic partial class Model;\n", $"[Network({fixedOptions})]\n[Input(2)]\n[Dense(8, Activation.SiLU)]\n[Dense(1)]\npublic partial class Model;\n");

    [Fact]
    public Task Switches_a_robust_loss_on_softmax_to_cross_entropy() => Verify(
        Argument, "CNN1012", "[Network(Loss = Loss.Huber)]\n" + Layers, "[Network(Loss = Loss.CrossEntropy)]\n" + Layers);

    [Theory]
    [InlineData("Momentum = 0.5f, LearningRate = 0.01f", "LearningRate = 0.01f")]
    [InlineData("LearningRate = 0.01f, Momentum = 0.5f", "LearningRate = 0.01f")]
    [InlineData("Momentum = 0.5f", null)]
    public Task Removes_an_option_the_optimizer_ignores(string options, string? fixedOptions) => Verify(
        Argument,
        "CNN1007",
        $"[Network({options})]\n" + Layers,
        (fixedOptions is null ? "[Network]\n" : $"[Network({fixedOptions})]\n") + Layers);

    [Fact]
    public Task Removes_an_alpha_the_activation_ignores() => Verify(
        Argument,
        "CNN1008",
        "[Network]\n[Input(2)]\n[Dense(8, Activation.ReLU, Alpha = 0.1f)]\n[Dense(1, Activation.Sigmoid)]\npublic partial class Model;\n",
        "[Network]\n[Input(2)]\n[Dense(8, Activation.ReLU)]\n[Dense(1, Activation.Sigmoid)]\npublic partial class Model;\n");

    [Theory]
    [InlineData("CNN1009", 100)]
    [InlineData("CNN0021", 2000)]
    public Task Switches_an_oversized_unrolled_layer_to_automatic_code_shape(string id, int inputs) => Verify(
        Argument,
        id,
        $"[Network(CodeShape = CodeShape.Unrolled)]\n[Input({inputs})]\n[Dense(50, Activation.ReLU)]\n[Dense(1, Activation.Sigmoid)]\npublic partial class Model;\n",
        $"[Network(CodeShape = CodeShape.Auto)]\n[Input({inputs})]\n[Dense(50, Activation.ReLU)]\n[Dense(1, Activation.Sigmoid)]\npublic partial class Model;\n");

    private static async Task Verify(CodeFixProvider provider, string id, string before, string after, string usings = Usings)
    {
        string actual = await CodeFixHarness.FixAsync(provider, id, usings + before);
        Assert.Equal(usings + after, actual);
    }
}
