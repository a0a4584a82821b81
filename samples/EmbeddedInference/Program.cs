using System;
using System.Globalization;
using CompiledNN;

// Classifies Iris flowers with weights compiled into the executable. Give the four measurements in cm (sepal length,
// sepal width, petal length, petal width) as arguments, or one flower per line on standard input; it prints the class.
string[] classes = ["setosa", "versicolor", "virginica"];
Span<float> flower = stackalloc float[IrisNet.InputSize];

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

/// <summary>The network samples/EmbeddedInference.Training trained, inference only: static methods over the baked weights.</summary>
[Network(Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
[Input(4)]
[Dense(8, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Weights("iris.weights.json", InferenceOnly = true)]
internal sealed partial class IrisNet;
