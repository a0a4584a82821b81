using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace CompiledNN.Tests.Parity;

/// <summary>One network's PyTorch results, as make_fixtures.py writes them to Fixtures/&lt;Name&gt;.json.</summary>
public sealed class ParityFixture
{
    private ParityFixture(JsonElement root)
    {
        Name = root.GetProperty("name").GetString()!;
        InputSize = root.GetProperty("inputSize").GetInt32();
        Layers = root.GetProperty("layers").EnumerateArray()
            .Select(static l => new FixtureLayer(
                l.GetProperty("units").GetInt32(),
                Enum.Parse<Activation>(l.GetProperty("activation").GetString()!),
                l.GetProperty("alpha").ValueKind == JsonValueKind.Null ? null : (float)l.GetProperty("alpha").GetDouble()))
            .ToArray();
        Dropouts = root.TryGetProperty("dropouts", out JsonElement dropouts)
            ? dropouts.EnumerateArray().Select(static d => new FixtureDropout(d.GetProperty("after").GetInt32(), (float)d.GetProperty("rate").GetDouble())).ToArray()
            : [];
        Options = root.GetProperty("options").EnumerateObject().ToDictionary(static p => p.Name, static p => p.Value.Clone());
        Rows = root.GetProperty("rows").GetInt32();
        InitialParameters = Floats(root.GetProperty("initialParameters"));
        Inputs = Floats(root.GetProperty("inputs"));
        Targets = Floats(root.GetProperty("targets"));
        Outputs = Floats(root.GetProperty("outputs"));
        MeanLoss = (float)root.GetProperty("meanLoss").GetDouble();
        Gradient = Floats(root.GetProperty("gradient"));
        StepLosses = Floats(root.GetProperty("stepLosses"));
        ParametersAfterSteps = root.GetProperty("parametersAfterSteps").EnumerateArray().Select(Floats).ToArray();
        LearningRate = (float)root.GetProperty("hyperparameters").GetProperty("learningRate").GetDouble();
        ParametersAfterHalfRateSteps = root.GetProperty("parametersAfterHalfRateSteps").EnumerateArray().Select(Floats).ToArray();
        ParametersAfterResetSteps = root.GetProperty("parametersAfterResetSteps").EnumerateArray().Select(Floats).ToArray();
        RowStepLosses = Floats(root.GetProperty("rowStepLosses"));
        ParametersAfterRowSteps = Floats(root.GetProperty("parametersAfterRowSteps"));
        if (root.TryGetProperty("classTargets", out JsonElement classes))
        {
            ClassTargets = classes.EnumerateArray().Select(static c => c.GetInt32()).ToArray();
            ClassMeanLoss = (float)root.GetProperty("classMeanLoss").GetDouble();
            ClassGradient = Floats(root.GetProperty("classGradient"));
            ClassStepLosses = Floats(root.GetProperty("classStepLosses"));
            ClassParametersAfterSteps = root.GetProperty("classParametersAfterSteps").EnumerateArray().Select(Floats).ToArray();
        }
    }

    public string Name { get; }

    public int InputSize { get; }

    public FixtureLayer[] Layers { get; }

    /// <summary>The dropout layers, each after dense layer <see cref="FixtureDropout.After"/> (0-based; -1 on the inputs).</summary>
    public FixtureDropout[] Dropouts { get; }

    /// <summary>The [Network] options set explicitly, by property name (enum values by member name).</summary>
    public Dictionary<string, JsonElement> Options { get; }

    public int Rows { get; }

    public float[] InitialParameters { get; }

    public float[] Inputs { get; }

    public float[] Targets { get; }

    /// <summary>Predict's outputs for each row of <see cref="Inputs"/> (probabilities for Softmax).</summary>
    public float[] Outputs { get; }

    public float MeanLoss { get; }

    public float[] Gradient { get; }

    /// <summary>The mean loss before each of the 8 TrainBatch steps on the whole batch.</summary>
    public float[] StepLosses { get; }

    /// <summary>The parameters after each of the 8 TrainBatch steps.</summary>
    public float[][] ParametersAfterSteps { get; }

    /// <summary>The learning rate the network is declared with (or its optimizer's default).</summary>
    public float LearningRate { get; }

    /// <summary>The parameters after each of 2 further steps with <see cref="LearningRate"/> halved after the 8 steps.</summary>
    public float[][] ParametersAfterHalfRateSteps { get; }

    /// <summary>The parameters after each of 2 further steps after a ResetOptimizer that follows them (the rate stays halved).</summary>
    public float[][] ParametersAfterResetSteps { get; }

    /// <summary>The loss before each TrainStep on row 0, 1, … of the batch, in order, from the initial parameters.</summary>
    public float[] RowStepLosses { get; }

    /// <summary>The parameters after the last of those TrainSteps.</summary>
    public float[] ParametersAfterRowSteps { get; }

    /// <summary>For Softmax networks: one class index per row, and the numbers above for those targets.</summary>
    public int[]? ClassTargets { get; }

    public float ClassMeanLoss { get; }

    public float[]? ClassGradient { get; }

    public float[]? ClassStepLosses { get; }

    public float[][]? ClassParametersAfterSteps { get; }

    /// <summary>The fixture names, from the files copied next to the test assembly.</summary>
    public static IEnumerable<string> Names() =>
        Directory.EnumerateFiles(Folder, "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!;

    public static ParityFixture Load(string name)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Folder, name + ".json")));
        return new ParityFixture(document.RootElement);
    }

    private static string Folder => Path.Combine(AppContext.BaseDirectory, "Parity", "Fixtures");

    // The fixture writes each float32 as the repr of the equal float64, so the cast gives back the very same float.
    private static float[] Floats(JsonElement array) => array.EnumerateArray().Select(static v => (float)v.GetDouble()).ToArray();
}

/// <summary>A dropout layer after dense layer <paramref name="After"/> (0-based; -1 on the inputs).</summary>
public sealed record FixtureDropout(int After, float Rate);

/// <summary>One dense layer as the fixture describes it; <see cref="Alpha"/> is null when the declaration leaves it unset.</summary>
public sealed record FixtureLayer(int Units, Activation Activation, float? Alpha);
