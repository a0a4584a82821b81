using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using CompiledNN.Tests.Helpers;
using Xunit;
using Xunit.Abstractions;

namespace CompiledNN.Tests.Parity.Convolutions;

/// <summary>
/// Convolutional networks against real PyTorch (make_conv_fixtures.py): from the same initial parameters and batch,
/// the same outputs, mean loss, gradient, Backward gradient, and parameters after each of 8 TrainBatch steps and
/// after one TrainStep per row. Errors are relative to the largest value of each vector, as in <see cref="ParityTests"/>;
/// the tolerances are the (forward 1e-5, trajectories 1e-4) with the gradient held to 1e-5.
/// </summary>
public sealed class ConvolutionParityTests(ITestOutputHelper output)
{
    private const double ForwardTolerance = 1e-5;
    private const double GradientTolerance = 1e-5;
    private const double StepTolerance = 1e-4;

    public static TheoryData<string> Fixtures() => new(Names());

    private static string[] Names() => Directory.EnumerateFiles(Folder, "*.json").Select(static f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal).ToArray();

    private static string Folder => Path.Combine(AppContext.BaseDirectory, "Parity", "ConvolutionFixtures");

    [Fact]
    public void EveryFixtureHasANetworkOfTheSameShape()
    {
        string[] names = Names();
        Assert.True(names.Length >= 5, $"Only {names.Length} convolution fixtures were copied to the test output.");
        IEnumerable<string> declared = typeof(ConvolutionParityTests).Assembly.GetTypes()
            .Where(static t => t.Namespace == typeof(ConvolutionParityTests).Namespace && t.GetCustomAttribute<NetworkAttribute>() is not null)
            .Select(static t => t.Name);
        Assert.Equal(declared.Order(), names.Select(static n => n + "Net").Order());
        foreach (string name in names)
        {
            using JsonDocument fixture = Load(name);
            ITrainableNetwork network = Create(name);
            int[] shape = fixture.RootElement.GetProperty("inputShape").EnumerateArray().Select(static d => d.GetInt32()).ToArray();
            Assert.Equal(shape.Aggregate(1, static (a, b) => a * b), network.InputSize);
            Assert.Equal(fixture.RootElement.GetProperty("parameterCount").GetInt32(), network.ParameterCount);
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void PredictAndPredictBatchMatchPyTorch(string name)
    {
        using JsonDocument fixture = Load(name);
        ITrainableNetwork network = CreateAtInitialParameters(name, fixture);
        float[] inputs = Floats(fixture, "inputs");
        float[] expected = Floats(fixture, "outputs");
        float[] outputs = new float[expected.Length];
        int rows = fixture.RootElement.GetProperty("rows").GetInt32();
        for (int row = 0; row < rows; row++)
        {
            network.Predict(inputs.AsSpan(row * network.InputSize, network.InputSize), outputs.AsSpan(row * network.OutputSize, network.OutputSize));
        }

        Report("outputs", Compare.AllClose(expected, outputs, ForwardTolerance, $"{name} outputs"));
        float[] batch = new float[expected.Length];
        network.PredictBatch(inputs, batch);
        Compare.AllClose(expected, batch, ForwardTolerance, $"{name} PredictBatch outputs");
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void LossGradientAndBackwardMatchPyTorch(string name)
    {
        using JsonDocument fixture = Load(name);
        ITrainableNetwork network = CreateAtInitialParameters(name, fixture);
        float[] inputs = Floats(fixture, "inputs");
        float[] targets = Floats(fixture, "targets");
        Compare.Close(fixture.RootElement.GetProperty("meanLoss").GetDouble(), network.ComputeLoss(inputs, targets), ForwardTolerance, $"{name} mean loss");
        float[] gradient = new float[network.ParameterCount];
        network.ComputeGradient(inputs, targets, gradient);
        Report("gradient", Compare.AllClose(Floats(fixture, "gradient"), gradient, GradientTolerance, $"{name} gradient"));
        network.Backward(inputs, Floats(fixture, "outputGradients"), gradient);
        Report("backward", Compare.AllClose(Floats(fixture, "backwardGradient"), gradient, GradientTolerance, $"{name} Backward gradient"));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void EightTrainBatchStepsMatchPyTorch(string name)
    {
        using JsonDocument fixture = Load(name);
        ITrainableNetwork network = CreateAtInitialParameters(name, fixture);
        float[] inputs = Floats(fixture, "inputs");
        float[] targets = Floats(fixture, "targets");
        float[][] steps = fixture.RootElement.GetProperty("parametersAfterSteps").EnumerateArray().Select(Floats).ToArray();
        float[] losses = new float[steps.Length];
        double worst = 0;
        for (int step = 0; step < steps.Length; step++)
        {
            losses[step] = network.TrainBatch(inputs, targets);
            worst = Math.Max(worst, AssertParameters(network, steps[step], $"{name} parameters after step {step + 1}"));
        }

        Compare.AllClose(Floats(fixture, "stepLosses"), losses, ForwardTolerance, $"{name} losses before each step");
        Report("8 steps", worst);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void OneTrainStepPerRowMatchesPyTorch(string name)
    {
        using JsonDocument fixture = Load(name);
        ITrainableNetwork network = CreateAtInitialParameters(name, fixture);
        float[] inputs = Floats(fixture, "inputs");
        float[] targets = Floats(fixture, "targets");
        int rows = fixture.RootElement.GetProperty("rows").GetInt32();
        float[] losses = new float[rows];
        for (int row = 0; row < rows; row++)
        {
            losses[row] = network.TrainStep(inputs.AsSpan(row * network.InputSize, network.InputSize), targets.AsSpan(row * network.OutputSize, network.OutputSize));
        }

        Compare.AllClose(Floats(fixture, "rowStepLosses"), losses, ForwardTolerance, $"{name} losses before each TrainStep");
        Report("row steps", AssertParameters(network, Floats(fixture, "parametersAfterRowSteps"), $"{name} parameters after one TrainStep per row"));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void ResultsDoNotDependOnTheThreadCount(string name)
    {
        using JsonDocument fixture = Load(name);
        float[] inputs = Enumerable.Repeat(Floats(fixture, "inputs"), 40).SelectMany(static r => r).ToArray();
        float[] targets = Enumerable.Repeat(Floats(fixture, "targets"), 40).SelectMany(static r => r).ToArray();
        float[][] results = new float[2][];
        for (int threads = 1; threads <= 2; threads++)
        {
            ITrainableNetwork network = CreateAtInitialParameters(name, fixture);
            network.GetType().GetProperty("MaxDegreeOfParallelism")!.SetValue(network, threads);
            network.TrainBatch(inputs, targets);
            results[threads - 1] = new float[network.ParameterCount];
            network.GetParameters(results[threads - 1]);
        }

        Assert.Equal(results[0], results[1]);
    }

    private static JsonDocument Load(string name) => JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Folder, name + ".json")));

    private static float[] Floats(JsonDocument fixture, string property) => Floats(fixture.RootElement.GetProperty(property));

    private static float[] Floats(JsonElement array) => array.EnumerateArray().Select(static v => (float)v.GetDouble()).ToArray();

    private static ITrainableNetwork Create(string name) =>
        (ITrainableNetwork)Activator.CreateInstance(typeof(ConvolutionParityTests).Assembly.GetType($"{typeof(ConvolutionParityTests).Namespace}.{name}Net")!)!;

    private static ITrainableNetwork CreateAtInitialParameters(string name, JsonDocument fixture)
    {
        ITrainableNetwork network = Create(name);
        network.SetParameters(Floats(fixture, "initialParameters"));
        return network;
    }

    private static double AssertParameters(INetwork network, float[] expected, string what)
    {
        float[] actual = new float[network.ParameterCount];
        network.GetParameters(actual);
        return Compare.AllClose(expected, actual, StepTolerance, what);
    }

    private void Report(string what, double error) => output.WriteLine($"{what}: largest error {error:E2} (relative)");
}
