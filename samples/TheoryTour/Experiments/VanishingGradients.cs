using System;
using System.Collections.Generic;
using System.Linq;
using CompiledNN;
using CompiledNN.Data;
using CompiledNN.Persistence;
using ScottPlot;

namespace CompiledNN.Samples.TheoryTour;

// Three 10-layer networks that differ only in the hidden activation; Init = Auto gives the sigmoid and tanh stacks
// Xavier and the ReLU stack He, each the initialisation made for it. Plain SGD, so a layer learns as fast as its gradient.
#pragma warning disable CNN1003 // shown on purpose: the deep sigmoid and tanh stacks are the experiment
[Network(Optimizer = Optimizer.Sgd, LearningRate = 0.1f)]
[Input(16)]
[Dense(32, Activation.Sigmoid)]
[Dense(32, Activation.Sigmoid)]
[Dense(32, Activation.Sigmoid)]
[Dense(32, Activation.Sigmoid)]
[Dense(32, Activation.Sigmoid)]
[Dense(32, Activation.Sigmoid)]
[Dense(32, Activation.Sigmoid)]
[Dense(32, Activation.Sigmoid)]
[Dense(32, Activation.Sigmoid)]
[Dense(32, Activation.Sigmoid)]
[Dense(4, Activation.Softmax)]
public partial class SigmoidStack;

[Network(Optimizer = Optimizer.Sgd, LearningRate = 0.1f)]
[Input(16)]
[Dense(32, Activation.Tanh)]
[Dense(32, Activation.Tanh)]
[Dense(32, Activation.Tanh)]
[Dense(32, Activation.Tanh)]
[Dense(32, Activation.Tanh)]
[Dense(32, Activation.Tanh)]
[Dense(32, Activation.Tanh)]
[Dense(32, Activation.Tanh)]
[Dense(32, Activation.Tanh)]
[Dense(32, Activation.Tanh)]
[Dense(4, Activation.Softmax)]
public partial class TanhStack;
#pragma warning restore CNN1003

[Network(Optimizer = Optimizer.Sgd, LearningRate = 0.1f)]
[Input(16)]
[Dense(32, Activation.ReLU)]
[Dense(32, Activation.ReLU)]
[Dense(32, Activation.ReLU)]
[Dense(32, Activation.ReLU)]
[Dense(32, Activation.ReLU)]
[Dense(32, Activation.ReLU)]
[Dense(32, Activation.ReLU)]
[Dense(32, Activation.ReLU)]
[Dense(32, Activation.ReLU)]
[Dense(32, Activation.ReLU)]
[Dense(4, Activation.Softmax)]
public partial class ReluStack;

/// <summary>Experiment 2: the gradient's norm at each layer of 10-layer sigmoid, tanh and ReLU networks.</summary>
internal static class VanishingGradients
{
    public static Chapter Run(TourOptions options)
    {
        Dataset data = SyntheticData.Teacher(rows: 512, features: 16, classes: 4, seed: 2);
        int steps = options.Pick(full: 200, quick: 50);
        (string Name, ITrainableNetwork Network, NetworkArchitecture Architecture)[] stacks =
        [
            ("sigmoid", new SigmoidStack(seed: 0), SigmoidStack.Architecture),
            ("tanh", new TanhStack(seed: 0), TanhStack.Architecture),
            ("ReLU", new ReluStack(seed: 0), ReluStack.Architecture),
        ];
        var plot = new Plot().Label(
            $"Gradient norm per layer: at initialisation (solid) and after {steps} SGD steps (dashed)",
            "layer (1 = first hidden, 11 = softmax output)",
            "‖∂loss/∂W‖ of the layer (log scale)");
        Charts.LogY(plot);
        Charts.IntegerX(plot);
        var evidence = new List<string>();
        var firstToLast = new Dictionary<string, (double Initial, double Trained)>();
        var losses = new Dictionary<string, (float Before, float After)>();
        double[] layers = Enumerable.Range(1, 11).Select(i => (double)i).ToArray();
        foreach ((string name, ITrainableNetwork network, NetworkArchitecture architecture) in stacks)
        {
            double[] initial = LayerNorms(network, architecture, data);
            float lossBefore = network.ComputeLoss(data.Features, data.Targets);
            Train(network, data, steps);
            float lossAfter = network.ComputeLoss(data.Features, data.Targets);
            double[] trained = LayerNorms(network, architecture, data);
            Color color = Charts.Color(firstToLast.Count);
            Charts.Line(plot, layers, initial.Select(Charts.Log10).ToArray(), $"{name}, initial", color).MarkerSize = 6;
            Charts.Line(plot, layers, trained.Select(Charts.Log10).ToArray(), $"{name}, after {steps} steps", color, LinePattern.Dashed).MarkerSize = 6;
            firstToLast[name] = (initial[0] / initial[9], trained[0] / trained[9]);
            losses[name] = (lossBefore, lossAfter);
            evidence.Add($"{name}: first hidden layer's gradient / tenth's = {Charts.Number(firstToLast[name].Initial)} at initialisation, " +
                $"{Charts.Number(firstToLast[name].Trained)} after {steps} steps; loss {lossBefore:0.000} → {lossAfter:0.000}");
        }

        plot.ShowLegend(Alignment.LowerRight);
        string image = Charts.Save(plot, options, "2-vanishing-gradients.png", 1100, 620);
        // "Orders of magnitude" is below 1e-3; "keeps its order of magnitude" is above 0.1, at initialisation and after training.
        (double Initial, double Trained) sigmoid = firstToLast["sigmoid"], tanh = firstToLast["tanh"], relu = firstToLast["ReLU"];
        bool supported = Math.Max(sigmoid.Initial, sigmoid.Trained) < 1e-3 && Math.Min(tanh.Initial, tanh.Trained) > 0.1 &&
            Math.Min(relu.Initial, relu.Trained) > 0.1;
        return Chapter.Judged(
            2,
            "Vanishing gradients",
            "Backpropagation multiplies the gradient by every layer's activation derivative on its way down. The sigmoid's " +
            "is at most 1/4, so in a 10-layer sigmoid network the first layers get a gradient orders of magnitude smaller " +
            "than the last and barely learn. Tanh's derivative is 1 at 0, so its gradient keeps its size as long as the " +
            "units stay out of saturation, which Xavier initialisation sees to at this depth (it vanishes once they " +
            "saturate: see experiment 1). ReLU's derivative is 1 where the unit is on: its gradient keeps its order of magnitude too.",
            image,
            evidence,
            supported,
            $"the first hidden layer gets {Charts.Number(sigmoid.Initial)} of the " +
            $"tenth layer's gradient in the sigmoid network, against {Charts.Number(tanh.Initial)} with tanh and " +
            $"{Charts.Number(relu.Initial)} with ReLU; in {steps} steps the sigmoid network's loss went from " +
            $"{losses["sigmoid"].Before:0.000} to {losses["sigmoid"].After:0.000}, the ReLU network's from {losses["ReLU"].Before:0.000} to {losses["ReLU"].After:0.000}.",
            [.. AnalyzerLog.Find("CNN1003", "VanishingGradients.cs")]);
    }

    // The mean gradient over the whole set, cut into the layers' weight matrices (canonical order: W, then b, per layer).
    private static double[] LayerNorms(ITrainableNetwork network, NetworkArchitecture architecture, Dataset data)
    {
        float[] gradient = new float[network.ParameterCount];
        network.ComputeGradient(data.Features, data.Targets, gradient);
        var norms = new double[architecture.Layers.Count];
        int offset = 0;
        for (int layer = 0; layer < norms.Length; layer++)
        {
            int weights = architecture.Layers[layer].Units * architecture.InputsOf(layer);
            norms[layer] = Math.Sqrt(gradient.AsSpan(offset, weights).ToArray().Sum(g => (double)g * g));
            offset += weights + architecture.Layers[layer].Units;
        }

        return norms;
    }

    private static void Train(ITrainableNetwork network, Dataset data, int steps)
    {
        const int Batch = 64;
        for (int step = 0; step < steps; step++)
        {
            int start = step * Batch % data.Count;
            Dataset batch = data.Slice(start, Math.Min(Batch, data.Count - start));
            network.TrainBatch(batch.Features, batch.Targets);
        }
    }
}
