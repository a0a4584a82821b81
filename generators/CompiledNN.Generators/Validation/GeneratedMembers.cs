namespace CompiledNN.Generators.Validation;

/// <summary>The members the generator adds to each kind of network: a user member with one of these names collides.</summary>
internal static class GeneratedMembers
{
    /// <summary>
    /// What a <c>[Network]</c> class gets, written as the parser writes user members: methods with their parameter
    /// types, so that a user's overload with other parameters does not count as a collision.
    /// </summary>
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
        "LearningRate",
        "TrainStep(System.ReadOnlySpan<float>,System.ReadOnlySpan<float>)",
        "TrainBatch(System.ReadOnlySpan<float>,System.ReadOnlySpan<float>)",
        "ComputeLoss(System.ReadOnlySpan<float>,System.ReadOnlySpan<float>)",
        "ComputeGradient(System.ReadOnlySpan<float>,System.ReadOnlySpan<float>,System.Span<float>)",
        "ResetOptimizer()",
    ];
}
