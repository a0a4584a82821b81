using System;
using System.Collections.Generic;
using System.Linq;
using CompiledNN;
using ScottPlot;

namespace CompiledNN.Samples.TheoryTour;

// The same regression network three times, differing only in the loss.
[Network(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
[Input(1)]
[Dense(32, Activation.Tanh)]
[Dense(32, Activation.Tanh)]
[Dense(1, Activation.Identity)]
public partial class CurveMse;

[Network(Loss = Loss.Huber, HuberDelta = 1f, Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
[Input(1)]
[Dense(32, Activation.Tanh)]
[Dense(32, Activation.Tanh)]
[Dense(1, Activation.Identity)]
public partial class CurveHuber;

[Network(Loss = Loss.L1, Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
[Input(1)]
[Dense(32, Activation.Tanh)]
[Dense(32, Activation.Tanh)]
[Dense(1, Activation.Identity)]
public partial class CurveL1;

/// <summary>Experiment 8: mean squared error against Huber and L1 when some training targets are gross outliers.</summary>
internal static class RobustLosses
{
    private const int TrainingRows = 256;
    private const int TestRows = 200;
    private const double OutlierShare = 0.15;
    private const float OutlierShift = 8f;
    private const int BatchSize = 32;

    /// <summary>The curve every network should learn.</summary>
    private static float Curve(float x) => MathF.Sin(2 * x);

    public static Chapter Run(TourOptions options)
    {
        (float[] x, float[] y, bool[] outlier) = Training(seed: 8);
        float[] testX = Enumerable.Range(0, TestRows).Select(i => -3f + (6f * i / (TestRows - 1))).ToArray();
        int epochs = options.Pick(full: 400, quick: 150);

        // All three start from the same weights (same architecture and seed) and see the same batches.
        (string Name, ITrainableNetwork Network)[] networks = [("MSE", new CurveMse(seed: 0)), ("Huber (δ = 1)", new CurveHuber(seed: 0)), ("L1", new CurveL1(seed: 0))];
        var error = new Dictionary<string, double>();
        var fitted = new Dictionary<string, double[]>();
        foreach ((string name, ITrainableNetwork network) in networks)
        {
            for (int epoch = 0; epoch < epochs; epoch++)
            {
                for (int start = 0; start < TrainingRows; start += BatchSize)
                {
                    network.TrainBatch(x.AsSpan(start, BatchSize), y.AsSpan(start, BatchSize));
                }
            }

            var predictions = new float[TestRows];
            network.PredictBatch(testX, predictions);
            fitted[name] = predictions.Select(static p => (double)p).ToArray();
            error[name] = Math.Sqrt(testX.Select((t, i) => Math.Pow(predictions[i] - Curve(t), 2)).Average());
        }

        Plot plot = new Plot().Label("Fits to sin(2x) from targets with 15 % outliers", "x", "y");
        var clean = Enumerable.Range(0, TrainingRows).Where(i => !outlier[i]).ToArray();
        var shifted = Enumerable.Range(0, TrainingRows).Where(i => outlier[i]).ToArray();
        Points(plot, x, y, clean, "training targets", Colors.Gray);
        Points(plot, x, y, shifted, $"outliers (+{OutlierShift})", Colors.Black);
        double[] xs = testX.Select(static t => (double)t).ToArray();
        Charts.Line(plot, xs, xs.Select(t => (double)Curve((float)t)).ToArray(), "sin(2x)", Colors.Gray, LinePattern.Dotted);
        for (int i = 0; i < networks.Length; i++)
        {
            Charts.Line(plot, xs, fitted[networks[i].Name], $"trained on {networks[i].Name}", Charts.Color(i));
        }

        plot.ShowLegend(Alignment.UpperRight);
        string image = Charts.Save(plot, options, "8-robust-losses.png", 1000, 600);

        var evidence = networks.Select(n => $"trained on {n.Name}: RMS error against sin(2x) on the test grid {error[n.Name]:0.000}").ToList();
        evidence.Insert(0, $"{TrainingRows} training points y = sin(2x) + noise (σ = 0.1), {shifted.Length} of them shifted by +{OutlierShift}; " +
            $"Adam η = 0.01, batches of {BatchSize}, {epochs} epochs, all three networks from the same initial weights");

        // MSE's minimiser is the mean, which the outliers pull up by about 0.15 · 8 = 1.2; Huber's and L1's stay near the
        // median, the clean curve. "Much closer": at most half MSE's error.
        double mse = error["MSE"], huber = error["Huber (δ = 1)"], l1 = error["L1"];
        bool supported = huber <= mse / 2 && l1 <= mse / 2;
        return Chapter.Judged(
            8,
            "Robust losses: Huber and L1 against mean squared error",
            "Outliers in the targets pull a network trained on mean squared error towards them, since squared error is " +
            "minimised by the mean; Huber and L1 losses grow only linearly for large errors, are minimised near the median, " +
            "and fit the clean curve.",
            image,
            evidence,
            supported,
            $"RMS error against the clean curve: MSE {mse:0.000}, Huber {huber:0.000} ({mse / huber:0.0}× smaller), " +
            $"L1 {l1:0.000} ({mse / l1:0.0}× smaller).",
            []);
    }

    /// <summary>Training points x uniform in [−3, 3], y on the curve with a little noise, a share of them shifted up.</summary>
    private static (float[] X, float[] Y, bool[] Outlier) Training(long seed)
    {
        var random = new NetworkRandom(seed);
        float[] x = new float[TrainingRows];
        float[] y = new float[TrainingRows];
        bool[] outlier = new bool[TrainingRows];
        for (int i = 0; i < TrainingRows; i++)
        {
            x[i] = (float)((random.NextDouble() * 6) - 3);
            y[i] = Curve(x[i]) + (float)(0.1 * random.NextNormal());
            outlier[i] = random.NextDouble() < OutlierShare;
            y[i] += outlier[i] ? OutlierShift : 0f;
        }

        return (x, y, outlier);
    }

    private static void Points(Plot plot, float[] x, float[] y, int[] rows, string label, Color color)
    {
        var points = plot.Add.ScatterPoints(rows.Select(i => (double)x[i]).ToArray(), rows.Select(i => (double)y[i]).ToArray(), color);
        points.LegendText = label;
        points.MarkerSize = 4;
    }
}
