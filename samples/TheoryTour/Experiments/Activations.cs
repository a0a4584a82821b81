using System;
using System.Collections.Generic;
using System.Linq;
using CompiledNN;
using ScottPlot;

namespace CompiledNN.Samples.TheoryTour;

// One unit per activation, y = f(1·x + 0): the generated forward pass draws f, the generated backward pass f′.
// MSE is set explicitly so the output's own loss does not fuse the activation away (BCE would, for the sigmoid).
[Network(Loss = Loss.MeanSquaredError)]
[Input(1)]
[Dense(1, Activation.Sigmoid)]
public partial class SigmoidUnit;

[Network(Loss = Loss.MeanSquaredError)]
[Input(1)]
[Dense(1, Activation.Tanh)]
public partial class TanhUnit;

[Network(Loss = Loss.MeanSquaredError)]
[Input(1)]
[Dense(1, Activation.ReLU)]
public partial class ReluUnit;

// α = 0.1 rather than the default 0.01, so the leak is visible at this scale.
[Network(Loss = Loss.MeanSquaredError)]
[Input(1)]
[Dense(1, Activation.LeakyReLU, Alpha = 0.1f)]
public partial class LeakyReluUnit;

[Network(Loss = Loss.MeanSquaredError)]
[Input(1)]
[Dense(1, Activation.Softplus)]
public partial class SoftplusUnit;

[Network(Loss = Loss.MeanSquaredError)]
[Input(1)]
[Dense(1, Activation.ELU)]
public partial class EluUnit;

/// <summary>Experiment 1: each activation and its derivative on [−6, 6].</summary>
internal static class Activations
{
    public static Chapter Run(TourOptions options)
    {
        // Dashes tell apart the curves that coincide for x > 0 (ReLU, leaky ReLU and ELU are all x there).
        (string Name, ITrainableNetwork Unit, LinePattern Pattern)[] units =
        [
            ("sigmoid", new SigmoidUnit(), LinePattern.Solid), ("tanh", new TanhUnit(), LinePattern.Solid),
            ("ReLU", new ReluUnit(), LinePattern.Solid), ("leaky ReLU (α = 0.1)", new LeakyReluUnit(), LinePattern.Dashed),
            ("softplus", new SoftplusUnit(), LinePattern.Solid), ("ELU", new EluUnit(), LinePattern.Dotted),
        ];
        double[] xs = Enumerable.Range(0, 241).Select(i => -6 + (i * 0.05)).ToArray();
        var multiplot = Charts.Grid(1, 2);
        Plot values = multiplot.GetPlot(0).Label("Activation f(x)", "x", "f(x)");
        Plot slopes = multiplot.GetPlot(1).Label("Derivative f′(x), from the generated backward pass", "x", "f′(x)");
        var slope = new Dictionary<string, double[]>();
        foreach ((string name, ITrainableNetwork unit, LinePattern pattern) in units)
        {
            unit.SetParameters([1f, 0f]);
            double[] ys = xs.Select(x => (double)Value(unit, (float)x)).ToArray();
            slope[name] = xs.Select(x => (double)Derivative(unit, (float)x)).ToArray();
            Color color = Charts.Color(slope.Count - 1);
            Charts.Line(values, xs, ys, name, color, pattern);
            Charts.Line(slopes, xs, slope[name], name, color, pattern);
        }

        values.Axes.SetLimitsY(-2, 6);
        values.ShowLegend(Alignment.UpperLeft);
        slopes.ShowLegend(Alignment.UpperLeft);
        string image = Charts.Save(multiplot, options, "1-activations.png", 1400, 560);

        // Saturation: how much of the derivative's peak is left at the edge of the range.
        double Peak(string name) => slope[name].Max();
        double Edge(string name) => Math.Max(slope[name][0], slope[name][^1]);
        double sigmoidLeft = Edge("sigmoid") / Peak("sigmoid");
        double tanhLeft = Edge("tanh") / Peak("tanh");
        bool reluKeepsOne = xs.Zip(slope["ReLU"]).Where(p => p.First > 0).All(p => p.Second == 1);
        var evidence = units.Select(u => $"{u.Name}: f′ peaks at {Charts.Number(Peak(u.Name))}; f′(−6) = {Charts.Number(slope[u.Name][0])}, f′(6) = {Charts.Number(slope[u.Name][^1])}").ToList();
        bool supported = sigmoidLeft < 0.02 && tanhLeft < 0.02 && reluKeepsOne;
        return Chapter.Judged(
            1,
            "Activations and their derivatives",
            "Sigmoid and tanh saturate: away from 0 their derivative falls to almost nothing, so a saturated unit passes " +
            "almost no gradient back. ReLU's derivative is 1 for every positive input; its relatives keep a slope for " +
            "negative inputs too (leaky ReLU, ELU) or round the corner (softplus).",
            image,
            evidence,
            supported,
            $"at |x| = 6 the sigmoid keeps {Charts.Number(100 * sigmoidLeft)} % of its peak slope and tanh " +
            $"{Charts.Number(100 * tanhLeft)} %, while ReLU's slope is {(reluKeepsOne ? "exactly 1 for every x > 0" : "not 1 everywhere on x > 0")}.",
            []);
    }

    private static float Value(ITrainableNetwork unit, float x)
    {
        Span<float> y = stackalloc float[1];
        unit.Predict([x], y);
        return y[0];
    }

    // The loss (f(x) − t)² has bias gradient 2(f(x) − t)·f′(x); with t = f(x) − ½ the gradient divided by 2(f(x) − t) is f′(x).
    private static float Derivative(ITrainableNetwork unit, float x)
    {
        float y = Value(unit, x);
        float target = y - 0.5f;
        Span<float> gradient = stackalloc float[2];
        unit.ComputeGradient([x], [target], gradient);
        return gradient[1] / (2 * (y - target));
    }
}
