using System;
using System.Globalization;
using System.IO;
using System.Linq;
using CompiledNN;

// Trains IrisNet on the 150 Iris flowers (Fisher 1936; the copy shipped with scikit-learn) and writes, into the
// EmbeddedInference sample: the weights file it bakes in, the flowers as input lines, and the class this trained
// network predicts for each, which the NativeAOT executable must reproduce.
string output = args.Length > 0 ? args[0] : Path.Combine("..", "EmbeddedInference");
string[] classes = ["setosa", "versicolor", "virginica"];

// The file's first line is "150,4,setosa,versicolor,virginica"; then four measurements in cm and the class index.
string[][] rows = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "iris.csv")).Skip(1).Select(static line => line.Split(',')).ToArray();
float[] features = rows.SelectMany(static row => row.Take(4).Select(static value => float.Parse(value, CultureInfo.InvariantCulture))).ToArray();
float[] targets = new float[rows.Length * 3];
for (int i = 0; i < rows.Length; i++)
{
    targets[(3 * i) + int.Parse(rows[i][4], CultureInfo.InvariantCulture)] = 1f;
}

// Full-batch Adam: deterministic, and 150 rows are no reason for mini-batches.
var network = new IrisNet(seed: 1);
for (int epoch = 1; epoch <= 1000; epoch++)
{
    float loss = network.TrainBatch(features, targets);
    if (epoch % 200 == 0)
    {
        Console.WriteLine(FormattableString.Invariant($"epoch {epoch,4}: loss {loss:F4}, accuracy {Accuracy(network):P1}"));
    }
}

Directory.CreateDirectory(output);
network.Save(Path.Combine(output, "iris.weights.json"));
File.WriteAllLines(Path.Combine(output, "inputs.txt"), rows.Select(static row => string.Join(' ', row.Take(4))));
File.WriteAllLines(Path.Combine(output, "expected.txt"), Enumerable.Range(0, rows.Length).Select(i => classes[network.PredictClass(features.AsSpan(4 * i, 4))]));
Console.WriteLine($"Saved {Path.Combine(output, "iris.weights.json")} and the expected predictions.");

float Accuracy(IrisNet net) =>
    (float)Enumerable.Range(0, rows.Length).Count(i => net.PredictClass(features.AsSpan(4 * i, 4)) == int.Parse(rows[i][4], CultureInfo.InvariantCulture)) / rows.Length;

/// <summary>Sepal length and width, petal length and width (cm) → setosa, versicolor, virginica.</summary>
[Network(Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
[Input(4)]
[Dense(8, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
internal sealed partial class IrisNet;
