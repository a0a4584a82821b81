using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace CompiledNN.Benchmarks.PeerComparison;

/// <summary>The shapes of the comparison, their CompiledNN networks, and the files export_onnx.py writes for them.</summary>
internal static class PeerShapes
{
    public static readonly string[] All = ["4-16-16-3", "64-32-10", "784-128-10", "784-256-128-10"];

    /// <summary>Shapes outside the peer comparison's main table (export_onnx.py's SWEEP_SHAPES).</summary>
    public static readonly string[] Sweep =
        ["2-8-2", "10-32-32-2", "128-64-10", "256-128-10", "784-64-10", "784-512-10", "32-128-128-128-10", "3072-256-10", "1024-1024-10",
            "784-300-100-10", "256-512-256-16", "3072-512-10", "100-200-200-200-5", "20-48-1"];

    public static int[] Sizes(string shape) => shape.Split('-').Select(int.Parse).ToArray();

    /// <summary>The floating-point operations of predicting <paramref name="rows"/> rows: a multiply and an add per weight.</summary>
    public static double PredictFlops(string shape, int rows) => 2.0 * rows * MultiplyAdds(shape);

    /// <summary>
    /// The floating-point operations of a training step's matrix products on <paramref name="rows"/> rows: the forward
    /// pass, the weight gradient, and the input gradient of every layer but the first.
    /// </summary>
    public static double TrainFlops(string shape, int rows)
    {
        int[] sizes = Sizes(shape);
        return 2.0 * rows * ((3 * MultiplyAdds(shape)) - ((long)sizes[0] * sizes[1]));
    }

    private static long MultiplyAdds(string shape)
    {
        int[] sizes = Sizes(shape);
        return Enumerable.Range(1, sizes.Length - 1).Sum(i => (long)sizes[i - 1] * sizes[i]);
    }

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
            "784-300-100-10" => new Sweep784x300x100x10(),
            "256-512-256-16" => new Sweep256x512x256x16(),
            "3072-512-10" => new Sweep3072x512x10(),
            "100-200-200-200-5" => new Sweep100x200x200x200x5(),
            "20-48-1" => new Sweep20x48x1(),
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
