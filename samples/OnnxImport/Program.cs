using System;
using System.Globalization;
using System.IO;
using CompiledNN;

// Checks the network compiled from iris.onnx against the probabilities PyTorch computed for the 150 Iris flowers
// (expected.txt: four measurements, then three probabilities per line), and prints each flower's class.
const double Tolerance = 1e-5;
string[] classes = ["setosa", "versicolor", "virginica"];
string path = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "expected.txt");
Span<float> probabilities = stackalloc float[IrisNet.OutputSize];
float[] features = new float[IrisNet.InputSize];
double worst = 0;
int flowers = 0;
foreach (string line in File.ReadLines(path))
{
    string[] values = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    if (values.Length != IrisNet.InputSize + IrisNet.OutputSize)
    {
        Console.Error.WriteLine($"Line {flowers + 1} of {path} has {values.Length} numbers, not {IrisNet.InputSize + IrisNet.OutputSize}.");
        return 2;
    }

    for (int i = 0; i < IrisNet.InputSize; i++)
    {
        features[i] = float.Parse(values[i], CultureInfo.InvariantCulture);
    }

    IrisNet.Predict(features, probabilities);
    for (int k = 0; k < IrisNet.OutputSize; k++)
    {
        worst = Math.Max(worst, Math.Abs(probabilities[k] - float.Parse(values[IrisNet.InputSize + k], CultureInfo.InvariantCulture)));
    }

    flowers++;
    Console.WriteLine($"{string.Join(" ", values[..IrisNet.InputSize])} {classes[IrisNet.PredictClass(features)]}");
}

bool agrees = flowers > 0 && worst <= Tolerance;
Console.Error.WriteLine(agrees
    ? $"{flowers} predictions agree with PyTorch's (largest difference {worst:G3})."
    : $"The predictions differ from PyTorch's by up to {worst:G3} over {flowers} flowers.");
return agrees ? 0 : 1;

/// <summary>The PyTorch model of train_and_export.py, compiled from its ONNX export: static prediction over its weights.</summary>
[OnnxModel("iris.onnx", InferenceOnly = true)]
internal sealed partial class IrisNet;
