using System;
using System.Globalization;
using System.IO;
using System.Linq;
using CompiledNN.Data;
using CompiledNN.Metrics;
using CompiledNN.Samples;
using CompiledNN.Samples.FashionMnistCnn;
using CompiledNN.Training;

// Usage: dotnet run --project samples/FashionMnistCnn -c Release [directory with the four IDX files] [--epochs N]
//        [--train-limit N] [--test-limit N] [--threads N]
// The protocol (same in pytorch_reference.py): pixels / 255, Adam η = 0.001 lowered along a cosine over the epochs
// (set per epoch), batches of 64 shuffled every epoch, test loss and accuracy measured after every epoch (for
// monitoring only: nothing is selected on them). The limits keep the first N images, for a quick smoke run.
const string DebianDirectory = "/usr/share/datasets/fashion-mnist";
string? Option(string name) => Array.IndexOf(args, name) is >= 0 and int i && i + 1 < args.Length ? args[i + 1] : null;
int Count(string name, int fallback) => Option(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
int epochs = Count("--epochs", 10);
int threads = Count("--threads", 1);
string directory = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : DebianDirectory;
string[] names = ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"];
string?[] files = names.Select(name => new[] { name + ".gz", name }.Select(f => Path.Combine(directory, f)).FirstOrDefault(File.Exists)).ToArray();
if (files.Any(f => f is null))
{
    Console.Error.WriteLine($"Fashion-MNIST is not in {directory}: missing {string.Join(", ", names.Where((_, i) => files[i] is null).Select(n => n + "[.gz]"))}.");
    Console.Error.WriteLine("Get it in one of two ways:");
    Console.Error.WriteLine($"  - on Debian or Ubuntu: sudo apt-get install dataset-fashion-mnist   (installs the files into {DebianDirectory})");
    Console.Error.WriteLine("  - or download the four files from https://github.com/zalandoresearch/fashion-mnist (data/fashion)");
    Console.Error.WriteLine("    and pass their directory: dotnet run --project samples/FashionMnistCnn -c Release -- /path/to/fashion");
    return 2;
}

var loading = System.Diagnostics.Stopwatch.StartNew();
var training = IdxDataset.Load(files[0]!, files[1]!, classCount: 10, IdxDataset.FashionMnistClasses);
var test = IdxDataset.Load(files[2]!, files[3]!, classCount: 10, IdxDataset.FashionMnistClasses);
training = training.Slice(0, Math.Min(training.Count, Count("--train-limit", training.Count)));
test = test.Slice(0, Math.Min(test.Count, Count("--test-limit", test.Count)));
Console.WriteLine($"Fashion-MNIST from {directory}: {training.Count} training and {test.Count} test images of {training.FeatureCount} pixels, loaded in {loading.Elapsed.TotalSeconds:0.0} s");
Console.WriteLine($"Network 1×28×28 → conv 16 → pool → conv 32 → pool → 128 → dropout → 10 (ReLU, Softmax, Adam), {FashionCnn.ParameterCount} parameters; "
    + $".NET {Environment.Version}, {threads} of {Environment.ProcessorCount} logical processors");

// One thread by default, like the PyTorch reference it is compared with; results are bit-identical for any count.
var network = new FashionCnn(seed: 0) { MaxDegreeOfParallelism = threads };
var trainer = new Trainer(new TrainerOptions
{
    Epochs = epochs,
    BatchSize = 64,
    Seed = 0,
    Schedule = new CosineSchedule(epochs: epochs),
    BatchReportInterval = 50,
});
var history = TrainingConsole.Fit(trainer, network, training, test);

var confusion = ConfusionMatrix.Of(network, test);
Console.WriteLine();
Console.WriteLine(confusion.ToString());
double[] seconds = history.EpochDurations.Select(d => d.TotalSeconds).ToArray();
Console.WriteLine($"Seconds per epoch (training + test evaluation): {string.Join(" ", seconds.Select(s => s.ToString("0.00", CultureInfo.InvariantCulture)))}");
Console.WriteLine($"Mean seconds per epoch: {seconds.Average():0.00}; test accuracy after {history.EpochCount} epochs: {confusion.Accuracy:0.0000}");

string chart = Path.Combine(AppContext.BaseDirectory, "fashion-mnist-cnn-training.svg");
TrainingChart.Write(chart, history);
Console.WriteLine($"Loss and accuracy curves: {chart}");
return 0;
