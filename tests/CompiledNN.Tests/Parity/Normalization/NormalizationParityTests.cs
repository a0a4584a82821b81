using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using CompiledNN.Persistence;
using CompiledNN.Tests.Helpers;
using Xunit;
using Xunit.Abstractions;

namespace CompiledNN.Tests.Parity.Normalization;

/// <summary>
/// [BatchNorm] and [LayerNorm] networks against real PyTorch (make_norm_fixtures.py): from the same initial parameters
/// and running statistics, the same eval() outputs and ComputeLoss, the same train() gradient and Backward gradient,
/// and the same parameters and running statistics after each of 8 TrainBatch steps. Errors are relative to the largest
/// value of each vector, as in <see cref="ParityTests"/>: forward 1e-5, gradients 1e-5, trajectories 1e-4.
/// </summary>
public sealed class NormalizationParityTests(ITestOutputHelper output)
{
    private const double ForwardTolerance = 1e-5;
    private const double GradientTolerance = 1e-5;
    private const double StepTolerance = 1e-4;

    public static TheoryData<string> Fixtures() => new(Names());

    public static TheoryData<string> BatchNormFixtures() => new(Names().Where(static n => n.Contains("BatchNorm", StringComparison.Ordinal)));

    private static string[] Names() => Directory.EnumerateFiles(Folder, "*.json").Select(static f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal).ToArray();

    private static string Folder => Path.Combine(AppContext.BaseDirectory, "Parity", "NormalizationFixtures");

    [Fact]
    public void EveryFixtureHasANetworkOfTheSameShape()
    {
        string[] names = Names();
        Assert.True(names.Length >= 5, $"Only {names.Length} normalisation fixtures were copied to the test output.");
        IEnumerable<string> declared = typeof(NormalizationParityTests).Assembly.GetTypes()
            .Where(static t => t.Namespace == typeof(NormalizationParityTests).Namespace && t.GetCustomAttribute<NetworkAttribute>() is not null)
            .Select(static t => t.Name);
        Assert.Equal(declared.Order(), names.Select(static n => n + "Net").Order());
        foreach (string name in names)
        {
            using JsonDocument fixture = Load(name);
            IPersistentNetwork network = (IPersistentNetwork)Create(name);
            Assert.Equal(fixture.RootElement.GetProperty("parameterCount").GetInt32(), network.ParameterCount);
            Assert.Equal(fixture.RootElement.GetProperty("bufferCount").GetInt32(), network.BufferCount);
            Assert.Equal(network.BufferCount, network.Architecture.BufferCount);
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void PredictionsAndComputeLossUseTheRunningStatistics(string name)
    {
        using JsonDocument fixture = Load(name);
        ITrainableNetwork network = CreateAtInitialState(name, fixture);
        float[] inputs = Floats(fixture, "inputs");
        float[] expected = Floats(fixture, "outputs");
        float[] outputs = new float[expected.Length];
        for (int row = 0; row < expected.Length / network.OutputSize; row++)
        {
            network.Predict(inputs.AsSpan(row * network.InputSize, network.InputSize), outputs.AsSpan(row * network.OutputSize, network.OutputSize));
        }

        Report("outputs", Compare.AllClose(expected, outputs, ForwardTolerance, $"{name} outputs"));
        float[] batch = new float[expected.Length];
        network.PredictBatch(inputs, batch);
        Compare.AllClose(expected, batch, ForwardTolerance, $"{name} PredictBatch outputs");
        Compare.Close(fixture.RootElement.GetProperty("evalLoss").GetDouble(), network.ComputeLoss(inputs, Floats(fixture, "targets")), ForwardTolerance, $"{name} ComputeLoss");
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void GradientAndBackwardUseTheBatchStatisticsAndLeaveTheBuffers(string name)
    {
        using JsonDocument fixture = Load(name);
        ITrainableNetwork network = CreateAtInitialState(name, fixture);
        float[] inputs = Floats(fixture, "inputs");
        float[] gradient = new float[network.ParameterCount];
        network.ComputeGradient(inputs, Floats(fixture, "targets"), gradient);
        Report("gradient", Compare.AllClose(Floats(fixture, "gradient"), gradient, GradientTolerance, $"{name} gradient"));
        network.Backward(inputs, Floats(fixture, "outputGradients"), gradient);
        Report("backward", Compare.AllClose(Floats(fixture, "backwardGradient"), gradient, GradientTolerance, $"{name} Backward gradient"));
        Assert.Equal(Floats(fixture, "initialBuffers"), Buffers(network));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void EightTrainBatchStepsMatchPyTorchWithTheRunningStatistics(string name)
    {
        using JsonDocument fixture = Load(name);
        ITrainableNetwork network = CreateAtInitialState(name, fixture);
        float[] inputs = Floats(fixture, "inputs");
        float[] targets = Floats(fixture, "targets");
        float[][] steps = fixture.RootElement.GetProperty("parametersAfterSteps").EnumerateArray().Select(Floats).ToArray();
        float[][] buffers = fixture.RootElement.GetProperty("buffersAfterSteps").EnumerateArray().Select(Floats).ToArray();
        float[] losses = new float[steps.Length];
        double worst = 0;
        for (int step = 0; step < steps.Length; step++)
        {
            losses[step] = network.TrainBatch(inputs, targets);
            worst = Math.Max(worst, AssertParameters(network, steps[step], $"{name} parameters after step {step + 1}"));
            if (buffers[step].Length > 0)
            {
                worst = Math.Max(worst, Compare.AllClose(buffers[step], Buffers(network), StepTolerance, $"{name} running statistics after step {step + 1}"));
            }
        }

        Compare.Close(fixture.RootElement.GetProperty("meanLoss").GetDouble(), losses[0], ForwardTolerance, $"{name} train() loss");
        Compare.AllClose(Floats(fixture, "stepLosses"), losses, ForwardTolerance, $"{name} losses before each step");
        Report("8 steps", worst);
    }

    [Fact]
    public void OneTrainStepPerRowOfALayerNormNetworkMatchesPyTorch()
    {
        const string Name = "DenseLayerNormGeluAdamCrossEntropy";
        using JsonDocument fixture = Load(Name);
        ITrainableNetwork network = CreateAtInitialState(Name, fixture);
        float[] inputs = Floats(fixture, "inputs");
        float[] targets = Floats(fixture, "targets");
        float[] losses = new float[fixture.RootElement.GetProperty("rows").GetInt32()];
        for (int row = 0; row < losses.Length; row++)
        {
            losses[row] = network.TrainStep(inputs.AsSpan(row * network.InputSize, network.InputSize), targets.AsSpan(row * network.OutputSize, network.OutputSize));
        }

        Compare.AllClose(Floats(fixture, "rowStepLosses"), losses, ForwardTolerance, $"{Name} losses before each TrainStep");
        AssertParameters(network, Floats(fixture, "parametersAfterRowSteps"), $"{Name} parameters after one TrainStep per row");
    }

    [Theory]
    [MemberData(nameof(BatchNormFixtures))]
    public void ApplyGradientOfComputeGradientIsTrainBatchWithTheRunningUpdate(string name)
    {
        using JsonDocument fixture = Load(name);
        float[] inputs = Floats(fixture, "inputs");
        float[] targets = Floats(fixture, "targets");
        ITrainableNetwork trained = CreateAtInitialState(name, fixture);
        ITrainableNetwork stepped = CreateAtInitialState(name, fixture);
        float[] gradient = new float[trained.ParameterCount];
        for (int step = 0; step < 3; step++)
        {
            trained.TrainBatch(inputs, targets);
            stepped.ComputeGradient(inputs, targets, gradient);
            Assert.Equal(Floats(fixture, "initialBuffers").Length, Buffers(stepped).Length);
            stepped.ApplyGradient(gradient);
        }

        Assert.Equal(Parameters(trained), Parameters(stepped));
        Assert.Equal(Buffers(trained), Buffers(stepped));

        // Only the statistics of the gradient's own batch are folded in, once.
        float[] before = Buffers(stepped);
        stepped.ApplyGradient(gradient);
        Assert.Equal(before, Buffers(stepped));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void ResultsDoNotDependOnTheThreadCount(string name)
    {
        using JsonDocument fixture = Load(name);
        float[] inputs = Enumerable.Repeat(Floats(fixture, "inputs"), 40).SelectMany(static r => r).ToArray();
        float[] targets = Enumerable.Repeat(Floats(fixture, "targets"), 40).SelectMany(static r => r).ToArray();
        var results = new List<float[]>();
        for (int threads = 1; threads <= 2; threads++)
        {
            ITrainableNetwork network = CreateAtInitialState(name, fixture);
            network.GetType().GetProperty("MaxDegreeOfParallelism")!.SetValue(network, threads);
            network.TrainBatch(inputs, targets);
            network.TrainBatch(inputs.AsSpan(0, inputs.Length / 2), targets.AsSpan(0, targets.Length / 2));
            results.Add([.. Parameters(network), .. Buffers(network), network.ComputeLoss(inputs, targets)]);
        }

        Assert.Equal(results[0], results[1]);
    }

    private static JsonDocument Load(string name) => JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Folder, name + ".json")));

    private static float[] Floats(JsonDocument fixture, string property) => Floats(fixture.RootElement.GetProperty(property));

    private static float[] Floats(JsonElement array) => array.EnumerateArray().Select(static v => (float)v.GetDouble()).ToArray();

    private static ITrainableNetwork Create(string name) =>
        (ITrainableNetwork)Activator.CreateInstance(typeof(NormalizationParityTests).Assembly.GetType($"{typeof(NormalizationParityTests).Namespace}.{name}Net")!)!;

    private static ITrainableNetwork CreateAtInitialState(string name, JsonDocument fixture)
    {
        ITrainableNetwork network = Create(name);
        network.SetParameters(Floats(fixture, "initialParameters"));
        ((IPersistentNetwork)network).SetBuffers(Floats(fixture, "initialBuffers"));
        return network;
    }

    private static float[] Parameters(INetwork network)
    {
        float[] values = new float[network.ParameterCount];
        network.GetParameters(values);
        return values;
    }

    private static float[] Buffers(INetwork network)
    {
        var persistent = (IPersistentNetwork)network;
        float[] values = new float[persistent.BufferCount];
        persistent.GetBuffers(values);
        return values;
    }

    private static double AssertParameters(INetwork network, float[] expected, string what) =>
        Compare.AllClose(expected, Parameters(network), StepTolerance, what);

    private void Report(string what, double error) => output.WriteLine($"{what}: largest error {error:E2} (relative)");
}
