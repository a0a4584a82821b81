using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace CompiledNN.Benchmarks.PeerComparison;

/// <summary>The shapes of the comparison, their CompiledNN networks, and the files export_onnx.py writes for them.</summary>
internal static class PeerShapes
{
    public static readonly string[] All = ["4-16-16-3", "64-32-10", "784-128-10", "784-256-128-10"];

    /// <summary>Shapes outside issue 8's table (export_onnx.py's SWEEP_SHAPES).</summary>
    public static readonly string[] Sweep =
        ["2-8-2", "10-32-32-2", "128-64-10", "256-128-10", "784-64-10", "784-512-10", "32-128-128-128-10", "3072-256-10", "1024-1024-10"];

    public static int[] Sizes(string shape) => shape.Split('-').Select(int.Parse).ToArray();

    /// <summary>
    /// The CompiledNN network of <paramref name="shape"/> with the exported weights, on <paramref name="threads"/>
    /// threads, or on its default number of threads when <paramref name="threads"/> is null.
    /// </summary>
    public static ITrainableNetwork Create(string shape, int? threads = 1)
    {
        ITrainableNetwork network = shape switch
        {
            "4-16-16-3" => new Peer4x16x16x3(),
            "64-32-10" => new Peer64x32x10(),
            "784-128-10" => new Peer784x128x10(),
            "784-256-128-10" => new Peer784x256x128x10(),
            "2-8-2" => new Sweep2x8x2(),
            "10-32-32-2" => new Sweep10x32x32x2(),
            "128-64-10" => new Sweep128x64x10(),
            "256-128-10" => new Sweep256x128x10(),
            "784-64-10" => new Sweep784x64x10(),
            "784-512-10" => new Sweep784x512x10(),
            "32-128-128-128-10" => new Sweep32x128x128x128x10(),
            "3072-256-10" => new Sweep3072x256x10(),
            "1024-1024-10" => new Sweep1024x1024x10(),
            _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, "Not a shape of the comparison."),
        };
        if (threads is int count)
        {
            // Every generated network has the property; the interfaces do not.
            network.GetType().GetProperty("MaxDegreeOfParallelism")!.SetValue(network, count);
        }

        network.SetParameters(Parameters(shape));
        return network;
    }

    /// <summary>The prediction a benchmark times: <c>Predict</c> for one row, <c>PredictBatch</c> for more.</summary>
    public static void Predict(ITrainableNetwork network, float[] inputs, float[] outputs, int batch)
    {
        if (batch == 1)
        {
            network.Predict(inputs, outputs);
        }
        else
        {
            network.PredictBatch(inputs, outputs);
        }
    }

    /// <summary>The exported canonical parameters of <paramref name="shape"/>.</summary>
    public static float[] Parameters(string shape) =>
        MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(Path.Combine(ModelDirectory, shape + ".params.bin"))).ToArray();

    public static string OnnxModel(string shape) => Path.Combine(ModelDirectory, shape + ".onnx");

    /// <summary>tests/CompiledNN.Benchmarks, found from the running assembly (BenchmarkDotNet may run it from its own folder).</summary>
    public static string ProjectDirectory
    {
        get
        {
            for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "export_onnx.py")))
                {
                    return directory.FullName;
                }
            }

            throw new DirectoryNotFoundException("tests/CompiledNN.Benchmarks (with export_onnx.py) is not above " + AppContext.BaseDirectory);
        }
    }

    public static string ModelDirectory
    {
        get
        {
            string models = Path.Combine(ProjectDirectory, "models");
            return Directory.Exists(models)
                ? models
                : throw new DirectoryNotFoundException($"{models} is missing: run /usr/bin/python3 export_onnx.py (or run_comparison.sh) first.");
        }
    }

    /// <summary>Deterministic inputs in [0, 1) and one-hot targets.</summary>
    public static (float[] Inputs, float[] Targets) Data(string shape, int rows)
    {
        int[] sizes = Sizes(shape);
        var random = new Random(42);
        float[] inputs = new float[rows * sizes[0]];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = (float)random.NextDouble();
        }

        int classes = sizes[^1];
        float[] targets = new float[rows * classes];
        for (int r = 0; r < rows; r++)
        {
            targets[(r * classes) + (r % classes)] = 1f;
        }

        return (inputs, targets);
    }
}
