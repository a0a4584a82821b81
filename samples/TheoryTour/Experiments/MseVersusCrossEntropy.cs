using System.Collections.Generic;
using System.Linq;
using CompiledNN;
using CompiledNN.Data;
using CompiledNN.Metrics;
using CompiledNN.Training;
using ScottPlot;

namespace CompiledNN.Samples.TheoryTour;

// The same classification network twice, differing only in the loss. Plain SGD: an adaptive optimizer would rescale
// the gradient and hide the difference in its size that the theory is about.
#pragma warning disable CNN1001 // shown on purpose: MSE on a softmax output is the experiment
[Network(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.1f)]
[Input(2)]
[Dense(32, Activation.ReLU)]
[Dense(32, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class SpiralsMse;
#pragma warning restore CNN1001

[Network(Loss = Loss.CrossEntropy, Optimizer = Optimizer.Sgd, LearningRate = 0.1f)]
[Input(2)]
[Dense(32, Activation.ReLU)]
[Dense(32, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class SpiralsCrossEntropy;

/// <summary>Experiment 3: mean squared error against cross-entropy on the same softmax classifier and data.</summary>
internal static class MseVersusCrossEntropy
{
    private const double Target = 0.9;

    public static Chapter Run(TourOptions options)
    {
        Dataset training = SyntheticData.Spirals(rowsPerClass: 100, classes: 3, noise: 0.2, seed: 3);
        Dataset test = SyntheticData.Spirals(rowsPerClass: 100, classes: 3, noise: 0.2, seed: 4);
        int epochs = options.Pick(full: 300, quick: 100);
        var trainer = new Trainer(new TrainerOptions { Epochs = epochs, BatchSize = 32, Seed = 0, RestoreBestParameters = false });

        // Both networks start from the same weights (same architecture and seed); both are scored with cross-entropy,
        // computed by a third network that takes their parameters, so the curves compare like with like.
        var judge = new SpiralsCrossEntropy();
        float[] parameters = new float[SpiralsCrossEntropy.ParameterCount];
        (string Name, ITrainableNetwork Network)[] networks = [("MSE", new SpiralsMse(seed: 0)), ("cross-entropy", new SpiralsCrossEntropy(seed: 0))];
        var crossEntropy = new Dictionary<string, List<double>>();
        var accuracy = new Dictionary<string, IReadOnlyList<double>>();
        foreach ((string name, ITrainableNetwork network) in networks)
        {
            var curve = crossEntropy[name] = [];
            var progress = new OnEpochEnd(_ =>
            {
                network.GetParameters(parameters);
                judge.SetParameters(parameters);
                curve.Add(judge.ComputeLoss(test.Features, test.Targets));
            });
            accuracy[name] = trainer.Fit(network, training, test, progress).ValidationAccuracy;
        }

        var multiplot = Charts.Grid(1, 2);
        Plot lossPanel = multiplot.GetPlot(0).Label("Cross-entropy on the test spirals", "epoch", "cross-entropy");
        Plot accuracyPanel = multiplot.GetPlot(1).Label("Accuracy on the test spirals", "epoch", "accuracy");
        double[] xs = Enumerable.Range(1, epochs).Select(e => (double)e).ToArray();
        for (int i = 0; i < networks.Length; i++)
        {
            string name = networks[i].Name;
            Charts.Line(lossPanel, xs, [.. crossEntropy[name]], $"trained on {name}", Charts.Color(i));
            Charts.Line(accuracyPanel, xs, [.. accuracy[name]], $"trained on {name}", Charts.Color(i));
        }

        accuracyPanel.Add.HorizontalLine(Target, 1, Colors.Gray, LinePattern.Dotted);
        lossPanel.ShowLegend(Alignment.UpperRight);
        accuracyPanel.ShowLegend(Alignment.LowerRight);
        string image = Charts.Save(multiplot, options, "3-mse-vs-cross-entropy.png", 1400, 560);

        int? mseReached = FirstEpochAt(accuracy["MSE"]), ceReached = FirstEpochAt(accuracy["cross-entropy"]);
        double mseFinal = accuracy["MSE"][^1];
        var evidence = networks.Select(n => n.Name).Select(name =>
            $"trained on {name}: test accuracy {accuracy[name][^1]:P1} after {epochs} epochs, {Reached(FirstEpochAt(accuracy[name]))}; " +
            $"test cross-entropy {crossEntropy[name][0]:0.000} after the first epoch, {crossEntropy[name][^1]:0.000} after the last").ToList();
        evidence.Insert(0, $"{training.Count} training and {test.Count} test points on 3 spiral arms; SGD η = 0.1, batches of 32, both networks from the same initial weights");

        // "Trains": clearly above the 1/3 of chance. "More slowly": cross-entropy gets to 90 % in fewer epochs (or MSE never does).
        bool trains = mseFinal > (1.0 / 3) + 0.2;
        bool slower = ceReached is int ce && (mseReached is null || mseReached > ce);
        bool supported = trains && slower;
        return Chapter.Judged(
            3,
            "Mean squared error against cross-entropy",
            "Mean squared error on a softmax output trains, but more slowly than cross-entropy: its gradient goes through the " +
            "softmax's derivative p(1 − p), which is small exactly when the network is confidently wrong, while " +
            "cross-entropy's gradient with respect to the logits is p − t.",
            image,
            evidence,
            supported,
            $"with MSE the network reaches {mseFinal:P1} (chance is 33.3 %), " +
            $"so it trains; cross-entropy reaches {Target:P0} {(ceReached is int e ? $"at epoch {e}" : "never")}, MSE " +
            $"{(mseReached is int m ? $"at epoch {m}" : "not within the run")}.",
            [.. AnalyzerLog.Find("CNN1001", "MseVersusCrossEntropy.cs")]);
    }

    private static int? FirstEpochAt(IReadOnlyList<double> accuracy)
    {
        int index = accuracy.ToList().FindIndex(a => a >= Target);
        return index < 0 ? null : index + 1;
    }

    private static string Reached(int? epoch) => epoch is int e ? $"{Target:P0} first at epoch {e}" : $"never {Target:P0}";
}
