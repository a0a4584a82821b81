using System.Linq;
using CompiledNN.Generators.Planning;
using CompiledNN.Generators.Tests.Helpers;
using Microsoft.CodeAnalysis;
using Xunit;

namespace CompiledNN.Generators.Tests;

/// <summary>
/// The plans of representative networks, as the planner decides them: a change of thresholds or of a planner case shows
/// here as a readable diff of decisions, beside the diff of the generated code.
/// </summary>
public sealed class PlanSnapshotTests
{
    [Theory]
    [InlineData("Iris", "[Input(4)]\n[Dense(16, Activation.ReLU)]\n[Dense(16, Activation.ReLU)]\n[Dense(3, Activation.Softmax)]")]
    [InlineData("BinaryClassifier", "[Input(8)]\n[Dense(32, Activation.Tanh)]\n[Dense(1, Activation.Sigmoid)]")]
    [InlineData("WideRegression", "[Input(2)]\n[Dense(8, Activation.Tanh)]\n[Dense(4200, Activation.ReLU)]\n[Dense(3)]")]
    // Layers of at most 256 inputs and units: batches in lanes, whole lines of 16 rows (Mnist's 784 inputs keep the row-major kernels).
    [InlineData("MidSized", "[Input(128)]\n[Dense(64, Activation.ReLU)]\n[Dense(10, Activation.Softmax)]")]
    [InlineData("Mnist", "[Input(784)]\n[Dense(256, Activation.ReLU)]\n[Dense(128, Activation.ReLU)]\n[Dense(10, Activation.Softmax)]")]
    [InlineData("SplitLayers", "[Input(784)]\n[Dense(128, Activation.ReLU)]\n[Dense(656, Activation.Softplus)]\n[Dense(400, Activation.ReLU)]\n[Dense(64, Activation.ReLU)]\n[Dense(10, Activation.Softmax)]")]
    // Multiply-adds per row: the first convolution 4 filters × 22 positions × 2 channels × 3 taps = 528, lowered; the
    // second 4 × 11 × 4 × 1 = 176, below the threshold of 256, direct.
    [InlineData("Convolutions", "[Input(2, 24)]\n[Conv1D(4, 3, Activation.ReLU)]\n[MaxPool1D(2)]\n[Conv1D(4, 1)]\n[Flatten]\n[Dense(2)]")]
    [InlineData("Dropout", "[Input(4)]\n[Dropout(0.1f)]\n[Dense(16, Activation.ReLU)]\n[Dropout(0.5f)]\n[Dense(3, Activation.Softmax)]")]
    public void Plan(string name, string layers)
    {
        string source = $"using CompiledNN;\nnamespace Demo;\n[Network]\n{layers}\npublic partial class {name};\n";
        (GeneratorRunResult result, _) = GeneratorHarness.Run(source);
        Assert.Null(result.Exception);
        NetworkPlan plan = result.TrackedSteps[TrackingNames.NetworkPlans].SelectMany(static step => step.Outputs).Select(static output => (NetworkPlan)output.Value).Single();
        Snapshot.Verify(PlanDescription.Describe(plan), name, extension: "txt");
    }
}
