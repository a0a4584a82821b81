using System;
using System.IO;
using CompiledNN.Data;
using CompiledNN.Metrics;
using CompiledNN.Samples;
using CompiledNN.Samples.Iris;
using CompiledNN.Training;
using Spectre.Console;

// Usage: dotnet run --project samples/Iris -c Release [output directory]
string output = args.Length > 0 ? args[0] : AppContext.BaseDirectory;
Directory.CreateDirectory(output);

// 150 rows, 50 per species; a stratified, seeded split keeps 10 of each species for the test.
var iris = CsvDataset.Load(Path.Combine(AppContext.BaseDirectory, "data", "iris.csv"), new CsvOptions { LabelColumn = "species" });
var (training, test) = iris.Split(testFraction: 0.2, seed: 42, stratified: true);

// Standardise with the training rows' statistics only, then apply the same scaling to the test rows.
var scaler = FeatureScaler.FitStandard(training);
training = scaler.Transform(training);
test = scaler.Transform(test);
AnsiConsole.MarkupLine($"Iris: {training.Count} training rows, {test.Count} test rows, classes {Markup.Escape(string.Join(", ", iris.ClassNames!))}");

var network = new IrisNet(seed: 7);
var trainer = new Trainer(new TrainerOptions
{
    Epochs = 100,
    BatchSize = 16,
    Seed = 42,
    ValidationSplit = 0.2, // early stopping watches rows held out of the training set, never the test set
    Patience = 15,
    Schedule = new CosineSchedule(epochs: 100, minimumRate: 0.001f),
});
var history = TrainingConsole.Fit(trainer, network, training, validation: null);

var confusion = ConfusionMatrix.Of(network, test);
AnsiConsole.WriteLine();
AnsiConsole.WriteLine(confusion.ToString());
AnsiConsole.MarkupLine($"[bold]Test accuracy: {confusion.Accuracy:0.000}[/] ({test.Count} rows, best epoch {history.BestEpoch} of {history.EpochCount})");

// Save the trained weights; loading them into a new network gives the same predictions.
string weights = Path.Combine(output, "iris.weights.json");
network.Save(weights);
double reloaded = ClassificationMetrics.Accuracy(IrisNet.Load(weights), test);
Console.WriteLine($"Weights: {weights} (reloaded: test accuracy {reloaded:0.000})");

string chart = Path.Combine(output, "iris-training.svg");
TrainingChart.Write(chart, history);
Console.WriteLine($"Loss and accuracy curves: {chart}");
return confusion.Accuracy >= 0.93 ? 0 : 1;
