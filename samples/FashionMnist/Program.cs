using System;
using System.IO;
using System.Linq;
using CompiledNN.Data;
using CompiledNN.Metrics;
using CompiledNN.Samples;
using CompiledNN.Samples.FashionMnist;
using CompiledNN.Training;

// Usage: dotnet run --project samples/FashionMnist -c Release [directory with the four IDX files] [--small] [--epochs N] [--save file]
// --small trains 784-64-10 instead; --save writes the trained weights (what [Weights] bakes, e.g. as int8).
// The protocol (same in pytorch_reference.py): pixels / 255, Adam η = 0.001 lowered along a cosine over the 10
// epochs (CosineAnnealingLR, set per epoch), batches of 64 shuffled every epoch, test loss and accuracy measured after every epoch (for monitoring only: nothing is selected on them).
const string DebianDirectory = "/usr/share/datasets/fashion-mnist";
string? Option(string name) => Array.IndexOf(args, name) is >= 0 and int i && i + 1 < args.Length ? args[i + 1] : null;
bool small = args.Contains("--small");
int epochs = Option("--epochs") is { } count ? int.Parse(count, System.Globalization.CultureInfo.InvariantCulture) : 10;
string directory = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : DebianDirectory;
string[] names = ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"];
string?[] files = names.Select(name => new[] { name + ".gz", name }.Select(f => Path.Combine(directory, f)).FirstOrDefault(File.Exists)).ToArray();
if (files.Any(f => f is null))
{
    Console.Error.WriteLine($"Fashion-MNIST is not in {directory}: missing {string.Join(", ", names.Where((_, i) => files[i] is null).Select(n => n + "[.gz]"))}.");
    Console.Error.WriteLine("Get it in one of two ways:");
    Console.Error.WriteLine($"  - on Debian or Ubuntu: sudo apt-get install dataset-fashion-mnist   (installs the files into {DebianDirectory})");
    Console.Error.WriteLine("  - or download the four files from https://github.com/zalandoresearch/fashion-mnist (data/fashion)");
    Console.Error.WriteLine("    and pass their directory: dotnet run --project samples/FashionMnist -c Release -- /path/to/fashion");
    return 2;
}

var loading = System.Diagnostics.Stopwatch.StartNew();
var training = IdxDataset.Load(files[0]!, files[1]!, classCount: 10, IdxDataset.FashionMnistClasses);
var test = IdxDataset.Load(files[2]!, files[3]!, classCount: 10, IdxDataset.FashionMnistClasses);
Console.WriteLine($"Fashion-MNIST from {directory}: {training.Count} training and {test.Count} test images of {training.FeatureCount} pixels, loaded in {loading.Elapsed.TotalSeconds:0.0} s");
Console.WriteLine(small
    ? $"Network 784-64-10 (ReLU, Softmax, Adam), {SmallFashionNet.ParameterCount} parameters; .NET {Environment.Version}, {Environment.ProcessorCount} logical processors"
    : $"Network 784-256-128-10 (ReLU, Softmax, Adam), {FashionNet.ParameterCount} parameters; .NET {Environment.Version}, {Environment.ProcessorCount} logical processors");

// One thread, like the PyTorch reference it is compared with (a network this size would use every processor by default).
CompiledNN.Persistence.IPersistentNetwork network = small
    ? new SmallFashionNet(seed: 0) { MaxDegreeOfParallelism = 1 }
    : new FashionNet(seed: 0) { MaxDegreeOfParallelism = 1 };
var trainer = new Trainer(new TrainerOptions
{
    Epochs = epochs,
    BatchSize = 64,
    Seed = 0,
    Schedule = new CosineSchedule(epochs: epochs),
    BatchReportInterval = 50,
});
var history = TrainingConsole.Fit(trainer, (CompiledNN.ITrainableNetwork)network, training, test);

var confusion = ConfusionMatrix.Of(network, test);
Console.WriteLine();
Console.WriteLine(confusion.ToString());
double[] seconds = history.EpochDurations.Select(d => d.TotalSeconds).ToArray();
Console.WriteLine($"Seconds per epoch (training + test evaluation): {string.Join(" ", seconds.Select(s => s.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)))}");
Console.WriteLine($"Mean seconds per epoch: {seconds.Average():0.00}; test accuracy after {history.EpochCount} epochs: {confusion.Accuracy:0.0000}");

string output = AppContext.BaseDirectory;
string chart = Path.Combine(output, "fashion-mnist-training.svg");
TrainingChart.Write(chart, history);
Console.WriteLine($"Loss and accuracy curves: {chart}");
if (Option("--save") is { } weights)
{
    CompiledNN.Persistence.WeightsFile.Save(network, weights);
    Console.WriteLine($"Trained weights: {weights}");
}

return 0;
