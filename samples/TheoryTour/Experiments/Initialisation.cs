using System;
using System.Collections.Generic;
using System.Linq;
using CompiledNN;
using CompiledNN.Persistence;
using ScottPlot;

namespace CompiledNN.Samples.TheoryTour;

// 10 layers of 64 units, tanh or ReLU, initialised by Xavier or He (normal). The mismatched pairs get CNN1004 and the
// tanh stacks CNN1003: here the mistakes are the experiment. N(0, 0.01²) and N(0, 1) are set by hand (Weights.SetNormal).
#pragma warning disable CNN1003, CNN1004 // shown on purpose: deep tanh stacks, and inits that do not match the activation
[Network(Init = Initialization.XavierNormal)]
[Input(64)]
[Dense(64, Activation.Tanh)]
[Dense(64, Activation.Tanh)]
[Dense(64, Activation.Tanh)]
[Dense(64, Activation.Tanh)]
[Dense(64, Activation.Tanh)]
[Dense(64, Activation.Tanh)]
[Dense(64, Activation.Tanh)]
[Dense(64, Activation.Tanh)]
[Dense(64, Activation.Tanh)]
[Dense(64, Activation.Tanh)]
public partial class TanhXavier;

[Network(Init = Initialization.HeNormal)]
[Input(64)]
[Dense(64, Activation.Tanh)]
[Dense(64, Activation.Tanh)]
[Dense(64, Activation.Tanh)]
[Dense(64, Activation.Tanh)]
[Dense(64, Activation.Tanh)]
[Dense(64, Activation.Tanh)]
[Dense(64, Activation.Tanh)]
[Dense(64, Activation.Tanh)]
[Dense(64, Activation.Tanh)]
[Dense(64, Activation.Tanh)]
public partial class TanhHe;

[Network(Init = Initialization.XavierNormal)]
[Input(64)]
[Dense(64, Activation.ReLU)]
[Dense(64, Activation.ReLU)]
[Dense(64, Activation.ReLU)]
[Dense(64, Activation.ReLU)]
[Dense(64, Activation.ReLU)]
[Dense(64, Activation.ReLU)]
[Dense(64, Activation.ReLU)]
[Dense(64, Activation.ReLU)]
[Dense(64, Activation.ReLU)]
[Dense(64, Activation.ReLU)]
public partial class ReluXavier;
#pragma warning restore CNN1003, CNN1004

[Network(Init = Initialization.HeNormal)]
[Input(64)]
[Dense(64, Activation.ReLU)]
[Dense(64, Activation.ReLU)]
[Dense(64, Activation.ReLU)]
[Dense(64, Activation.ReLU)]
[Dense(64, Activation.ReLU)]
[Dense(64, Activation.ReLU)]
[Dense(64, Activation.ReLU)]
[Dense(64, Activation.ReLU)]
[Dense(64, Activation.ReLU)]
[Dense(64, Activation.ReLU)]
public partial class ReluHe;

// One layer of each kind: given a deep network's layer-k weights, it computes layer k's activations from layer k − 1's,
// which the deep network's Predict does not show.
[Network]
[Input(64)]
[Dense(64, Activation.Tanh)]
public partial class TanhLayer;

[Network]
[Input(64)]
[Dense(64, Activation.ReLU)]
public partial class ReluLayer;

/// <summary>Experiment 6: the activations of each layer of 10-layer tanh and ReLU networks under four initialisations.</summary>
internal static class Initialisation
{
    private const int Width = 64;
    private const int Layers = 10;

    private sealed record Case(string Activation, string Init, INetwork Network, NetworkArchitecture Architecture, INetwork Layer);

    public static Chapter Run(TourOptions options)
    {
        int rows = options.Pick(full: 2000, quick: 500);
        float[] input = new float[rows * Width];
        var random = new NetworkRandom(6);
        for (int i = 0; i < input.Length; i++)
        {
            input[i] = (float)random.NextNormal();
        }

        var tanhSmall = new TanhXavier();
        var tanhLarge = new TanhXavier();
        var reluSmall = new ReluHe();
        var reluLarge = new ReluHe();
        Weights.SetNormal(tanhSmall, TanhXavier.Architecture, std: 0.01, seed: 0);
        Weights.SetNormal(tanhLarge, TanhXavier.Architecture, std: 1, seed: 0);
        Weights.SetNormal(reluSmall, ReluHe.Architecture, std: 0.01, seed: 0);
        Weights.SetNormal(reluLarge, ReluHe.Architecture, std: 1, seed: 0);
        Case[] cases =
        [
            new("tanh", "N(0, 0.01²)", tanhSmall, TanhXavier.Architecture, new TanhLayer()),
            new("tanh", "N(0, 1)", tanhLarge, TanhXavier.Architecture, new TanhLayer()),
            new("tanh", "Xavier", new TanhXavier(seed: 0), TanhXavier.Architecture, new TanhLayer()),
            new("tanh", "He", new TanhHe(seed: 0), TanhHe.Architecture, new TanhLayer()),
            new("ReLU", "N(0, 0.01²)", reluSmall, ReluHe.Architecture, new ReluLayer()),
            new("ReLU", "N(0, 1)", reluLarge, ReluHe.Architecture, new ReluLayer()),
            new("ReLU", "Xavier", new ReluXavier(seed: 0), ReluXavier.Architecture, new ReluLayer()),
            new("ReLU", "He", new ReluHe(seed: 0), ReluHe.Architecture, new ReluLayer()),
        ];

        var multiplot = Charts.Grid(2, 4);
        var std = new Dictionary<Case, double[]>();
        var saturated = new Dictionary<Case, double>();
        double worstMismatch = 0;
        for (int c = 0; c < cases.Length; c++)
        {
            Case @case = cases[c];
            float[][] activations = LayerByLayer(@case, input, rows);
            worstMismatch = Math.Max(worstMismatch, Mismatch(@case.Network, input, activations[^1], rows));
            std[@case] = activations.Select(a => Std(a)).ToArray();
            saturated[@case] = activations[^1].Count(a => Math.Abs(a) > 0.99f) / (double)activations[^1].Length;
            Ridges(multiplot.GetPlot(c), @case, activations, std[@case], Charts.Color(c < 4 ? 1 : 2));
        }

        string image = Charts.Save(multiplot, options, "6-initialization.png", 1600, 1000);

        double Ratio(string activation, string init)
        {
            double[] s = std[cases.Single(c => c.Activation == activation && c.Init == init)];
            return s[^1] / s[0];
        }

        var evidence = cases.Select(c =>
            $"{c.Activation}, {c.Init}: standard deviation of the activations at layers 1, 5, 10 = " +
            $"{Charts.Number(std[c][0])}, {Charts.Number(std[c][4])}, {Charts.Number(std[c][9])}" +
            (c.Activation == "tanh" ? $"; {saturated[c]:P0} of layer 10 saturated (|a| > 0.99)" : "")).ToList();
        evidence.Add($"{rows} inputs drawn from N(0, 1); the layer-by-layer activations reproduce each 10-layer network's own output " +
            (worstMismatch == 0 ? "bit for bit" : $"to a relative {Charts.Number(worstMismatch)}"));

        double tanhLargeSaturated = saturated[cases[1]];
        bool vanishes = Ratio("tanh", "N(0, 0.01²)") < 1e-2 && Ratio("ReLU", "N(0, 0.01²)") < 1e-2;
        bool explodes = tanhLargeSaturated > 0.5 && Ratio("ReLU", "N(0, 1)") > 1e3;
        // He keeps ReLU's spread about constant (within a factor 2 over 10 layers); Xavier keeps tanh's in its order of
        // magnitude: it is derived for the linear range, and tanh(x) < x, so the spread shrinks slowly with depth.
        bool matched = Within(Ratio("ReLU", "He"), 2) && Within(Ratio("tanh", "Xavier"), 10);
        bool supported = vanishes && explodes && matched;
        return Chapter.Judged(
            6,
            "Initialisation",
            "Good initialisation keeps the spread of the activations from layer to layer: He (variance 2/fan_in) keeps " +
            "ReLU's about constant, making up for the half of the inputs ReLU zeroes; Xavier (variance 2/(fan_in + fan_out)) " +
            "is derived for units that are linear around 0, and keeps tanh's within its order of magnitude (tanh compresses, " +
            "so it shrinks slowly). Weights that are too small, N(0, 0.01²), make the signal vanish layer after layer; " +
            "weights that are too large, N(0, 1), saturate tanh at ±1 and make ReLU's activations explode.",
            image,
            evidence,
            supported,
            $"from layer 1 to layer 10 the spread changes by a factor " +
            $"{Charts.Number(Ratio("tanh", "Xavier"))} for tanh with Xavier and {Charts.Number(Ratio("ReLU", "He"))} for ReLU with He, " +
            $"but {Charts.Number(Ratio("tanh", "N(0, 0.01²)"))} and {Charts.Number(Ratio("ReLU", "N(0, 0.01²)"))} with N(0, 0.01²); with N(0, 1) " +
            $"{tanhLargeSaturated:P0} of tanh's last layer is saturated and ReLU's spread grows {Charts.Number(Ratio("ReLU", "N(0, 1)"))}-fold.",
            [.. AnalyzerLog.Find("CNN1004", "Initialisation.cs")]);
    }

    private static bool Within(double ratio, double factor) => ratio > 1 / factor && ratio < factor;

    // Layer k's weights and bias go into the one-layer network, which maps layer k − 1's activations to layer k's.
    private static float[][] LayerByLayer(Case @case, float[] input, int rows)
    {
        float[] parameters = new float[@case.Network.ParameterCount];
        @case.Network.GetParameters(parameters);
        int perLayer = (Width * Width) + Width;
        var activations = new float[Layers][];
        float[] previous = input;
        for (int layer = 0; layer < Layers; layer++)
        {
            @case.Layer.SetParameters(parameters.AsSpan(layer * perLayer, perLayer));
            activations[layer] = new float[rows * Width];
            @case.Layer.PredictBatch(previous, activations[layer]);
            previous = activations[layer];
        }

        return activations;
    }

    // The largest difference between the deep network's output and the last layer computed one layer at a time, relative to its spread.
    private static double Mismatch(INetwork network, float[] input, float[] last, int rows)
    {
        float[] output = new float[rows * Width];
        network.PredictBatch(input, output);
        double scale = Math.Max(Std(last), 1e-30);
        return output.Zip(last).Max(p => Math.Abs(p.First - p.Second)) / scale;
    }

    private static double Std(float[] values)
    {
        double mean = values.Average(v => (double)v);
        return Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));
    }

    // One histogram per layer, stacked upwards (layer 1 at the bottom), each scaled to the same height; ReLU's exact zeros
    // (about half of the units) are left out so the rest of the distribution shows.
    private static void Ridges(Plot plot, Case @case, float[][] activations, double[] std, Color color)
    {
        bool relu = @case.Activation == "ReLU";
        (double low, double high) = relu ? (0.0, 3.0) : (-1.0, 1.0);
        const int Bins = 60;
        double width = (high - low) / Bins;
        double[] xs = Enumerable.Range(0, Bins).Select(i => low + ((i + 0.5) * width)).ToArray();
        for (int layer = 0; layer < Layers; layer++)
        {
            double[] counts = new double[Bins];
            foreach (float a in activations[layer])
            {
                int bin = (int)Math.Floor((a - low) / width);
                if ((!relu || a > 0) && bin >= 0 && bin <= Bins)
                {
                    counts[Math.Min(bin, Bins - 1)]++;
                }
            }

            double peak = Math.Max(counts.Max(), 1);
            double baseline = layer + 1;
            double[] bottom = xs.Select(_ => baseline).ToArray();
            double[] top = counts.Select(n => baseline + (0.9 * n / peak)).ToArray();
            var fill = plot.Add.FillY(xs, bottom, top);
            fill.FillColor = color.WithAlpha(0.35);
            fill.LineColor = color;
            string offScale = std[layer] > 3 * high ? " (off scale)" : "";
            var label = plot.Add.Text($"σ {Charts.Number(std[layer])}{offScale}", high, baseline + 0.45);
            label.LabelFontSize = 10;
            label.LabelAlignment = Alignment.MiddleLeft;
        }

        plot.Label($"{@case.Activation}, weights {@case.Init}", relu ? "activation (zeros left out)" : "activation", "layer");
        plot.Axes.SetLimits(low, high + ((high - low) * 0.45), 0.8, Layers + 1);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(1, Layers).Select(l => (double)l).ToArray(), Enumerable.Range(1, Layers).Select(l => l.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());
    }
}
