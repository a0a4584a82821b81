using System;
using System.Globalization;
using CompiledNN;

// Classifies Iris flowers with weights compiled into the executable. Give the four measurements in cm (sepal length,
// sepal width, petal length, petal width) as arguments, or one flower per line on standard input; it prints the class.
// With --time, it reads the flowers from standard input and prints the time of one prediction instead. With
// --fashion IMAGES LABELS (Fashion-MNIST's idx files), it classifies those images with a second network (FashionNet.cs).
string[] classes = ["setosa", "versicolor", "virginica"];
Span<float> flower = stackalloc float[IrisNet.InputSize];

if (args is ["--time"])
{
    return Time();
}

if (args is ["--fashion", string images, string labels])
{
    return FashionClassifier.Run(images, labels);
}

if (args.Length > 0)
{
    return Classify(args, flower) ? 0 : 2;
}

int lineNumber = 0;
while (Console.In.ReadLine() is { } line)
{
    lineNumber++;
    if (line.Trim().Length > 0 && !Classify(line.Split([' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries), flower))
    {
        Console.Error.WriteLine($"on line {lineNumber}");
        return 2;
    }
}

return 0;

bool Classify(string[] values, Span<float> features)
{
    if (values.Length != IrisNet.InputSize)
    {
        Console.Error.WriteLine($"Expected {IrisNet.InputSize} measurements in cm (sepal length, sepal width, petal length, petal width), got {values.Length}.");
        return false;
    }

    for (int i = 0; i < values.Length; i++)
    {
        if (!float.TryParse(values[i], NumberStyles.Float, CultureInfo.InvariantCulture, out features[i]) || !float.IsFinite(features[i]))
        {
            Console.Error.WriteLine($"'{values[i]}' is not a number.");
            return false;
        }
    }

    Console.WriteLine(classes[IrisNet.PredictClass(features)]);
    return true;
}

// The median over 21 rounds of the time of one prediction, each round predicting every flower 2,000 times.
int Time()
{
    var flowers = new System.Collections.Generic.List<float[]>();
    while (Console.In.ReadLine() is { } line)
    {
        string[] values = line.Split([' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (values.Length == IrisNet.InputSize)
        {
            flowers.Add(Array.ConvertAll(values, v => float.Parse(v, CultureInfo.InvariantCulture)));
        }
    }

    if (flowers.Count == 0)
    {
        Console.Error.WriteLine("--time reads flowers from standard input, four measurements a line.");
        return 2;
    }

    Span<float> probabilities = stackalloc float[IrisNet.OutputSize];
    double[] rounds = new double[21];
    for (int round = -1; round < rounds.Length; round++)
    {
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        for (int repeat = 0; repeat < 2000; repeat++)
        {
            foreach (float[] f in flowers)
            {
                IrisNet.Predict(f, probabilities);
            }
        }

        // Round -1 warms up (the JIT's tiers); it is not counted.
        if (round >= 0)
        {
            rounds[round] = System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalNanoseconds / (2000.0 * flowers.Count);
        }
    }

    Array.Sort(rounds);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rounds[rounds.Length / 2]:F0} ns per prediction (median of {rounds.Length} rounds)"));
    return 0;
}

/// <summary>The network samples/EmbeddedInference.Training trained, inference only: static methods over the baked weights.</summary>
[Network(Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
[Input(4)]
[Dense(8, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Weights("iris.weights.json", InferenceOnly = true)]
internal sealed partial class IrisNet;
