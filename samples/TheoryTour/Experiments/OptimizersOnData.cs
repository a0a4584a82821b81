using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using CompiledNN;
using CompiledNN.Data;
using CompiledNN.Training;
using ScottPlot;

namespace CompiledNN.Samples.TheoryTour;

// The same small Fashion-MNIST classifier once per optimizer, each at its usual learning rate: the one CompiledNN takes
// when LearningRate is not set (torch.optim's defaults: 0.01, and 0.001 for Adam).
[Network(Optimizer = Optimizer.Sgd)]
[Input(784)]
[Dense(32, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class FashionSgd;

[Network(Optimizer = Optimizer.Momentum)]
[Input(784)]
[Dense(32, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class FashionMomentum;

[Network(Optimizer = Optimizer.Nesterov)]
[Input(784)]
[Dense(32, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class FashionNesterov;

[Network(Optimizer = Optimizer.AdaGrad)]
[Input(784)]
[Dense(32, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class FashionAdaGrad;

[Network(Optimizer = Optimizer.RMSProp)]
[Input(784)]
[Dense(32, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class FashionRmsProp;

[Network(Optimizer = Optimizer.Adam)]
[Input(784)]
[Dense(32, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class FashionAdam;

/// <summary>Experiment 5: SGD, Momentum, Nesterov, AdaGrad, RMSProp and Adam training the same network on Fashion-MNIST.</summary>
internal static class OptimizersOnData
{
    public static Chapter Run(TourOptions options)
    {
        const string Title = "Optimizers on data";
        if (Load(options) is not (Dataset training, Dataset test))
        {
            string missing = $"Fashion-MNIST is not in {options.FashionMnistDirectory}: install it with `sudo apt-get install dataset-fashion-mnist`, " +
                "or download the four files of github.com/zalandoresearch/fashion-mnist and pass their directory with --fashion-mnist DIR.";
            return new Chapter(5, Title, Claim, null, [missing], Verdict.NotRun, "Not run: the data set is missing.", []);
        }

        // One thread, as the tour promises; every network starts from the same weights (same architecture, same seed).
        (string Name, ITrainableNetwork Network)[] runs =
        [
            ("SGD", new FashionSgd(seed: 0) { MaxDegreeOfParallelism = 1 }),
            ("Momentum", new FashionMomentum(seed: 0) { MaxDegreeOfParallelism = 1 }),
            ("Nesterov", new FashionNesterov(seed: 0) { MaxDegreeOfParallelism = 1 }),
            ("AdaGrad", new FashionAdaGrad(seed: 0) { MaxDegreeOfParallelism = 1 }),
            ("RMSProp", new FashionRmsProp(seed: 0) { MaxDegreeOfParallelism = 1 }),
            ("Adam", new FashionAdam(seed: 0) { MaxDegreeOfParallelism = 1 }),
        ];
        // Quick mode trains fewer epochs, but on all the images: an epoch must last long enough for its time to be measured.
        int epochs = options.Pick(full: 10, quick: 3);
        var trainer = new Trainer(new TrainerOptions { Epochs = epochs, BatchSize = 64, Seed = 0, RestoreBestParameters = false });
        var multiplot = Charts.Grid(1, 2);
        Plot byEpoch = multiplot.GetPlot(0).Label("Training loss per epoch", "epoch", "cross-entropy (mean over the epoch)");
        Plot byTime = multiplot.GetPlot(1).Label("Training loss against wall time (one core)", "seconds", "cross-entropy (mean over the epoch)");
        var evidence = new List<string>
        {
            $"Fashion-MNIST: {training.Count} training and {test.Count} test images; 784-32-10 (ReLU, softmax), batches of 64, {epochs} epochs",
        };
        var finalLoss = new Dictionary<string, double>();
        var firstEpochLoss = new List<double>();
        double slowest = 0;
        var cpuSecondsPerEpoch = new Dictionary<string, double>();
        for (int i = 0; i < runs.Length; i++)
        {
            (string name, ITrainableNetwork network) = runs[i];
            float initialLoss = network.ComputeLoss(training.Features, training.Targets);
            TimeSpan cpuBefore = CpuTime();
            TrainingHistory history = trainer.Fit(network, training, test);
            cpuSecondsPerEpoch[name] = (CpuTime() - cpuBefore).TotalSeconds / epochs;
            double[] loss = [initialLoss, .. history.TrainingLoss.Select(l => (double)l)];
            double[] seconds = [0, .. CumulativeSeconds(history)];
            string label = $"{name} (η = {network.LearningRate})";
            Charts.Line(byEpoch, Enumerable.Range(0, loss.Length).Select(e => (double)e).ToArray(), loss, label, Charts.Color(i)).MarkerSize = 5;
            Charts.Line(byTime, seconds, loss, label, Charts.Color(i)).MarkerSize = 5;
            finalLoss[name] = loss[^1];
            slowest = Math.Max(slowest, seconds[^1]);
            firstEpochLoss.Add(loss[1]);
            evidence.Add($"{label}: training loss {loss[1]:0.000} in epoch 1, {loss[^1]:0.000} in epoch {epochs}; test accuracy " +
                $"{history.ValidationAccuracy[^1]:P1}; per epoch (with the test pass) {seconds[^1] / epochs:0.00} s of wall time, {cpuSecondsPerEpoch[name]:0.00} s of processor time");
        }

        // The first epoch's losses at the top: the untrained 2.3 would squeeze the curves, which differ by tenths, together.
        double top = 1.1 * firstEpochLoss.Max(), bottom = 0.9 * finalLoss.Values.Min();
        byEpoch.Axes.SetLimitsY(bottom, top);
        byTime.Axes.SetLimitsY(bottom, top);
        byEpoch.Axes.SetLimitsX(0, epochs + 0.2);
        byTime.Axes.SetLimitsX(0, 1.05 * slowest);
        Charts.IntegerX(byEpoch);
        byEpoch.ShowLegend(Alignment.UpperRight);
        byTime.ShowLegend(Alignment.UpperRight);
        string image = Charts.Save(multiplot, options, "5-optimizers-on-data.png", 1400, 560);

        string[] faster = ["Momentum", "Nesterov", "RMSProp", "Adam"];
        // Time is compared in processor seconds: wall time also counts whatever else the machine is running.
        double spread = cpuSecondsPerEpoch.Values.Max() / cpuSecondsPerEpoch.Values.Min();
        bool supported = faster.All(name => finalLoss[name] < finalLoss["SGD"]) && spread < 1.5;
        return Chapter.Judged(
            5,
            Title,
            Claim,
            image,
            evidence,
            supported,
            $"after {epochs} epochs SGD's training loss is {finalLoss["SGD"]:0.000}, " +
            $"against {string.Join(", ", faster.Select(n => $"{finalLoss[n]:0.000} for {n}"))}; the slowest optimizer takes " +
            $"{spread:0.00} times as much processor time per epoch as the fastest.",
            []);
    }

    private const string Claim =
        "At their usual learning rates, momentum (and Nesterov's look-ahead) and the adaptive methods (RMSProp, Adam) " +
        "bring the training loss down faster than plain SGD, epoch for epoch. Per second the picture is the same: an " +
        "optimizer step costs little next to computing the gradient, so every optimizer takes about the same time per epoch.";

    private static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private static IEnumerable<double> CumulativeSeconds(TrainingHistory history)
    {
        double total = 0;
        foreach (TimeSpan epoch in history.EpochDurations)
        {
            total += epoch.TotalSeconds;
            yield return total;
        }
    }

    private static (Dataset Training, Dataset Test)? Load(TourOptions options)
    {
        string[] names = ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"];
        string?[] files = names.Select(name => new[] { name + ".gz", name }.Select(f => Path.Combine(options.FashionMnistDirectory, f)).FirstOrDefault(File.Exists)).ToArray();
        if (files.Any(f => f is null))
        {
            return null;
        }

        Dataset training = IdxDataset.Load(files[0]!, files[1]!, classCount: 10, IdxDataset.FashionMnistClasses);
        Dataset test = IdxDataset.Load(files[2]!, files[3]!, classCount: 10, IdxDataset.FashionMnistClasses);
        return (training, test);
    }
}
