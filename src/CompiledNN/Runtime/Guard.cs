using System;
using System.Diagnostics.CodeAnalysis;

namespace CompiledNN.Runtime;

/// <summary>The argument checks of generated members, so that every network words its errors the same way.</summary>
public static class Guard
{
    /// <summary>Throws unless <paramref name="span"/> holds exactly <paramref name="expected"/> elements.</summary>
    /// <param name="span">The argument.</param>
    /// <param name="expected">The length the network needs.</param>
    /// <param name="name">The parameter's name.</param>
    /// <param name="what">What one element is, for the message (e.g. "input features").</param>
    /// <exception cref="ArgumentException">The length differs.</exception>
    public static void Length(ReadOnlySpan<float> span, int expected, string name, string what)
    {
        if (span.Length != expected)
        {
            ThrowLength(span.Length, expected, name, what);
        }
    }

    /// <summary>Throws unless <paramref name="span"/> holds a whole number of rows of <paramref name="rowLength"/>, and returns that number.</summary>
    /// <param name="span">The argument.</param>
    /// <param name="rowLength">The length of one row.</param>
    /// <param name="name">The parameter's name.</param>
    /// <param name="what">What one element is, for the message.</param>
    /// <returns>The number of rows.</returns>
    /// <exception cref="ArgumentException">The length is not a multiple of <paramref name="rowLength"/>.</exception>
    public static int Rows(ReadOnlySpan<float> span, int rowLength, string name, string what)
    {
        if (span.Length % rowLength != 0)
        {
            throw new ArgumentException(
                $"Expected rows of {rowLength} {what} (a length that is a multiple of {rowLength}), but {name} has {span.Length} elements.",
                name);
        }

        return span.Length / rowLength;
    }

    /// <summary>Throws unless <paramref name="span"/> holds <paramref name="rows"/> rows of <paramref name="rowLength"/>.</summary>
    /// <param name="span">The argument.</param>
    /// <param name="rows">The number of rows the other argument has.</param>
    /// <param name="rowLength">The length of one row.</param>
    /// <param name="name">The parameter's name.</param>
    /// <param name="what">What one element is, for the message.</param>
    /// <exception cref="ArgumentException">The length is not <c>rows × rowLength</c>.</exception>
    public static void Rows(ReadOnlySpan<float> span, int rows, int rowLength, string name, string what)
    {
        if (span.Length != rows * rowLength)
        {
            throw new ArgumentException(
                $"Expected {rows} rows of {rowLength} {what} ({rows * rowLength} elements), but {name} has {span.Length} elements.",
                name);
        }
    }

    /// <summary>Throws unless every value of <paramref name="span"/> is finite.</summary>
    /// <param name="span">The argument.</param>
    /// <param name="name">The parameter's name.</param>
    /// <exception cref="ArgumentException">A value is NaN or infinite.</exception>
    public static void Finite(ReadOnlySpan<float> span, string name)
    {
        for (int i = 0; i < span.Length; i++)
        {
            if (!float.IsFinite(span[i]))
            {
                throw new ArgumentException($"Expected finite values, but {name}[{i}] is {span[i]}.", name);
            }
        }
    }

    [DoesNotReturn]
    private static void ThrowLength(int actual, int expected, string name, string what) =>
        throw new ArgumentException($"Expected {expected} {what}, but {name} has {actual} elements.", name);
}
