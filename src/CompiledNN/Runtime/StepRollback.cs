using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;

namespace CompiledNN.Runtime;

/// <summary>
/// Undoes an optimizer step that would leave the network unusable: a step saves what it changes (the parameters and
/// the optimizer's state) range by range, checks what it wrote, and when a value is out of range the whole step is
/// put back, so that a training call either takes a usable step or changes nothing.
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

    /// <summary>
    /// Copies parameters [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>) and the state at
    /// the same places into <paramref name="saved"/>, which holds the parameters, then the state, as the arrays do.
    /// </summary>
    /// <param name="parameters">The parameters, <c>n</c> of them.</param>
    /// <param name="state">The optimizer's state, a whole number of blocks of <c>n</c>; empty for SGD.</param>
    /// <param name="saved">At least <c>n</c> + the state's length.</param>
    /// <param name="start">The range's first parameter.</param>
    /// <param name="length">The range's length.</param>
    public static void Save(ReadOnlySpan<float> parameters, ReadOnlySpan<float> state, Span<float> saved, int start, int length)
    {
        parameters.Slice(start, length).CopyTo(saved.Slice(start, length));
        for (int block = 0; block < state.Length; block += parameters.Length)
        {
            state.Slice(block + start, length).CopyTo(saved.Slice(parameters.Length + block + start, length));
        }
    }

    /// <summary>Whether the step left range [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>) usable: parameters within ±<see cref="ParameterLimit"/>, state finite.</summary>
    /// <param name="parameters">The parameters, <c>n</c> of them.</param>
    /// <param name="state">The optimizer's state, a whole number of blocks of <c>n</c>; empty for SGD.</param>
    /// <param name="start">The range's first parameter.</param>
    /// <param name="length">The range's length.</param>
    /// <returns><see langword="false"/> if a value is out of range.</returns>
    public static bool InRange(ReadOnlySpan<float> parameters, ReadOnlySpan<float> state, int start, int length)
    {
        if (!Guard.AllWithin(parameters.Slice(start, length), ParameterLimit))
        {
            return false;
        }

        for (int block = 0; block < state.Length; block += parameters.Length)
        {
            if (!Guard.AllWithin(state.Slice(block + start, length), float.MaxValue))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Puts back every parameter and state value <see cref="Save"/> kept.</summary>
    /// <param name="saved">The saved parameters, then state.</param>
    /// <param name="parameters">The parameters to restore.</param>
    /// <param name="state">The state to restore; empty for SGD.</param>
    public static void Restore(ReadOnlySpan<float> saved, Span<float> parameters, Span<float> state)
    {
        saved.Slice(0, parameters.Length).CopyTo(parameters);
        saved.Slice(parameters.Length, state.Length).CopyTo(state);
    }

    /// <summary>Throws the error of a step that was undone.</summary>
    /// <param name="learningRate">The step's learning rate, for the message.</param>
    /// <param name="name">The inputs' parameter name.</param>
    /// <exception cref="ArgumentException">Always.</exception>
    [DoesNotReturn]
    public static void ThrowUndone(float learningRate, string name) =>
        throw new ArgumentException(
            $"Expected an optimizer step that keeps every parameter within ±{ParameterLimit:G3} and the optimizer's state finite, but this batch with learning rate {learningRate} did not; the step was undone and nothing changed. Lower the learning rate, or scale the inputs and targets.",
            name);
}
