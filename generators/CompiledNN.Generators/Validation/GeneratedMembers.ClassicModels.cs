using System.Collections.Generic;
using System.Linq;
using CompiledNN.Generators.Model;

namespace CompiledNN.Generators.Validation;

internal static partial class GeneratedMembers
{
    /// <summary>What a <c>[Neuron]</c> class with <paramref name="inputs"/> inputs gets.</summary>
    public static IEnumerable<string> Neuron(int inputs)
    {
        yield return "InputSize";
        yield return "Threshold";
        yield return "Weights";
        yield return "_weights";
        yield return "Fire(System.ReadOnlySpan<float>)";
        yield return "Fire(System.ReadOnlySpan<bool>)";
        if (inputs is > 0 and <= NeuronSpec.MaxBooleanParameters)
        {
            yield return "Fire(" + string.Join(",", Enumerable.Repeat("bool", inputs)) + ")";
        }
    }

    /// <summary>What a <c>[Perceptron]</c> class gets, public and private.</summary>
    public static readonly string[] Perceptron =
    [
        ".ctor()",
        ".ctor(int)",
        "InputSize",
        "OutputSize",
        "ParameterCount",
        "LearningRate",
        "Predict(System.ReadOnlySpan<float>,System.Span<float>)",
        "PredictClass(System.ReadOnlySpan<float>)",
        "PredictBatch(System.ReadOnlySpan<float>,System.Span<float>)",
        "Train(System.ReadOnlySpan<float>,System.ReadOnlySpan<float>)",
        "Fit(System.ReadOnlySpan<float>,System.ReadOnlySpan<float>,int)",
        "GetParameters(System.Span<float>)",
        "SetParameters(System.ReadOnlySpan<float>)",

        // The private members a user could otherwise clash with.
        "Bias",
        "_parameters",
        "_random",
        "_learningRate",
        "NetInput(int,System.ReadOnlySpan<float>)",
        "Forward(System.ReadOnlySpan<float>,System.Span<float>)",
        "Update(System.ReadOnlySpan<float>,System.ReadOnlySpan<float>)",
        "CorrectRows(System.ReadOnlySpan<float>,System.ReadOnlySpan<float>,int)",
    ];
}
