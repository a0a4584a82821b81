using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;

namespace CompiledNN.Runtime;

/// <summary>
/// Drops an optimizer step that would leave the network unusable: a step writes the new parameters and optimizer
/// state beside the current ones (the out-of-place forms of <see cref="Optimizers"/>), which check every value they
/// write, and the network takes them in place of the old ones only if every range was usable, so that a training call
/// either takes a usable step or changes nothing.
/// </summary>
/// <remarks>
/// A finite loss and gradient can still step a parameter out of use: a huge learning rate makes it infinite, and a
/// finite row of 1e30 moves it to 1e28, where the next row's forward pass overflows. So a parameter must stay within
/// ±<see cref="ParameterLimit"/>, beyond which the product with an activation as large overflows float, and the state
/// must stay finite.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class StepRollback
{
    /// <summary>The largest magnitude a step may leave in a parameter: 2⁶⁴, the square root of the largest float.</summary>
    public const float ParameterLimit = 18446744073709551616f;

    /// <summary>Throws the error of a batch's step that was undone.</summary>
    /// <param name="learningRate">The step's learning rate, for the message.</param>
    /// <param name="name">The inputs' parameter name.</param>
    /// <exception cref="ArgumentException">Always.</exception>
    [DoesNotReturn]
    public static void ThrowUndone(float learningRate, string name) =>
        throw new ArgumentException(Message("this batch", learningRate, "scale the inputs and targets"), name);

    /// <summary>Throws the error of a step on a given gradient that was undone.</summary>
    /// <param name="learningRate">The step's learning rate, for the message.</param>
    /// <param name="name">The gradient's parameter name.</param>
    /// <exception cref="ArgumentException">Always.</exception>
    [DoesNotReturn]
    public static void ThrowGradientUndone(float learningRate, string name) =>
        throw new ArgumentException(Message("this gradient", learningRate, "scale the gradient"), name);

    private static string Message(string what, float learningRate, string remedy) =>
        $"Expected an optimizer step that keeps every parameter within ±{ParameterLimit:G3} and the optimizer's state finite, but {what} with learning rate {learningRate} did not; the step was undone and nothing changed. Lower the learning rate, or {remedy}.";
}
