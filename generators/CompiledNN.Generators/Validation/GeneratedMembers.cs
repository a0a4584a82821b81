using System.Collections.Generic;
using System.Linq;

namespace CompiledNN.Generators.Validation;

/// <summary>
/// The members the generator adds to a <c>[Network]</c> class: its public API, one nested class that holds the
/// implementation and one field. A user member with the same signature would be a compile error inside generated code,
/// so the validator reports it first (CNN0015). Written as the parser writes user members
/// (<see cref="Parsing.NetworkParser.MemberSignature"/>): methods with their parameter types, so that a user's overload
/// with other parameters does not count as a collision. A test checks that every member the emitters write is listed.
/// </summary>
internal static partial class GeneratedMembers
{
    /// <summary>What every network gets.</summary>
    public static readonly string[] Network =
    [
        ".ctor()",
        ".ctor(int)",
        "InputSize",
        "OutputSize",
        "ParameterCount",
        "Predict(System.ReadOnlySpan<float>,System.Span<float>)",
        "PredictClass(System.ReadOnlySpan<float>)",
        "PredictBatch(System.ReadOnlySpan<float>,System.Span<float>)",
        "GetParameters(System.Span<float>)",
        "SetParameters(System.ReadOnlySpan<float>)",
        "BufferCount",
        "GetBuffers(System.Span<float>)",
        "SetBuffers(System.ReadOnlySpan<float>)",
        "LearningRate",
        "TrainStep(System.ReadOnlySpan<float>,System.ReadOnlySpan<float>)",
        "TrainBatch(System.ReadOnlySpan<float>,System.ReadOnlySpan<float>)",
        "ComputeLoss(System.ReadOnlySpan<float>,System.ReadOnlySpan<float>)",
        "ComputeGradient(System.ReadOnlySpan<float>,System.ReadOnlySpan<float>,System.Span<float>)",
        "Backward(System.ReadOnlySpan<float>,System.ReadOnlySpan<float>,System.Span<float>)",
        "ApplyGradient(System.ReadOnlySpan<float>)",
        "ResetOptimizer()",
        "Architecture",
        "Save(System.IO.Stream)",
        "Save(string)",
        "Load(System.IO.Stream)",
        "Load(string)",
        "LoadParameters(System.IO.Stream)",
        "LoadParameters(string)",
        "MaxDegreeOfParallelism",
    ];

    /// <summary>The class-index overloads of a network with a Softmax output.</summary>
    public static readonly string[] Classifier =
    [
        "TrainStep(System.ReadOnlySpan<float>,int)",
        "TrainBatch(System.ReadOnlySpan<float>,System.ReadOnlySpan<int>)",
        "ComputeLoss(System.ReadOnlySpan<float>,System.ReadOnlySpan<int>)",
        "ComputeGradient(System.ReadOnlySpan<float>,System.ReadOnlySpan<int>,System.Span<float>)",
    ];

    /// <summary>Every member the generator adds to a network's class: its public API and the implementation behind it.</summary>
    public static IEnumerable<string> For(bool classifier) =>
        Network.Concat(classifier ? Classifier : []).Concat(Implementation);

    /// <summary>The one nested class that holds the state and the code, and the field that holds its instance.</summary>
    private static readonly string[] Implementation = ["Implementation", "_implementation"];
}
