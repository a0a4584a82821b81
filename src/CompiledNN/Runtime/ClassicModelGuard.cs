using System;
using System.ComponentModel;

namespace CompiledNN.Runtime;

/// <summary>The argument checks of generated neurons and perceptrons that <see cref="Guard"/> does not cover, worded the same way.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ClassicModelGuard
{
    /// <summary>Throws unless <paramref name="span"/> holds exactly <paramref name="expected"/> elements.</summary>
    /// <param name="span">The argument.</param>
    /// <param name="expected">The length the neuron needs.</param>
    /// <param name="name">The parameter's name.</param>
    /// <exception cref="ArgumentException">The length differs.</exception>
    public static void Length(ReadOnlySpan<bool> span, int expected, string name)
    {
        if (span.Length != expected)
        {
            throw new ArgumentException($"Expected {expected} inputs, but {name} has {span.Length} elements.", name);
        }
    }

    /// <summary>Throws unless every target is 0 or 1, the only outputs a step unit has.</summary>
    /// <param name="targets">The targets.</param>
    /// <param name="name">The parameter's name.</param>
    /// <exception cref="ArgumentException">A target is neither 0 nor 1.</exception>
    public static void Targets(ReadOnlySpan<float> targets, string name)
    {
        for (int i = 0; i < targets.Length; i++)
        {
            if (targets[i] is not (0f or 1f))
            {
                throw new ArgumentException($"Expected targets of 0 or 1 (a step unit outputs nothing else), but {name}[{i}] is {targets[i]}.", name);
            }
        }
    }

    /// <summary>Returns <paramref name="value"/> if it is a usable learning rate (finite, greater than 0), else throws.</summary>
    /// <param name="value">The learning rate.</param>
    /// <param name="name">The parameter's name.</param>
    /// <returns><paramref name="value"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not finite or not greater than 0.</exception>
    public static float LearningRate(float value, string name) => value > 0f && float.IsFinite(value)
        ? value
        : throw new ArgumentOutOfRangeException(name, value, "Expected a learning rate that is finite and greater than 0.");

    /// <summary>Throws unless <paramref name="maxEpochs"/> is at least 1.</summary>
    /// <param name="maxEpochs">The epoch limit.</param>
    /// <param name="name">The parameter's name.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public static void MaxEpochs(int maxEpochs, string name)
    {
        if (maxEpochs < 1)
        {
            throw new ArgumentOutOfRangeException(name, maxEpochs, "Expected at least 1 epoch.");
        }
    }

    /// <summary>Throws unless the data set has at least one row.</summary>
    /// <param name="rows">The number of rows.</param>
    /// <param name="name">The parameter's name.</param>
    /// <exception cref="ArgumentException">There is no row.</exception>
    public static void NotEmpty(int rows, string name)
    {
        if (rows == 0)
        {
            throw new ArgumentException("Expected at least one row to fit, but the data set is empty.", name);
        }
    }
}
