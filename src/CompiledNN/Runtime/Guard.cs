using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CompiledNN.Runtime;

/// <summary>The argument checks of generated members, so that every network words its errors the same way.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
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

    /// <summary>Throws unless there is at least one row: a mean over no rows is undefined.</summary>
    /// <param name="rows">The number of rows.</param>
    /// <param name="name">The parameter's name.</param>
    /// <exception cref="ArgumentException">There are no rows.</exception>
    public static void NotEmpty(int rows, string name)
    {
        if (rows == 0)
        {
            throw new ArgumentException($"Expected at least one row, but {name} is empty.", name);
        }
    }

    /// <summary>Throws unless <paramref name="classes"/> holds <paramref name="rows"/> class indices, each from 0 to <paramref name="classCount"/> − 1.</summary>
    /// <param name="classes">The class indices.</param>
    /// <param name="rows">The number of input rows.</param>
    /// <param name="classCount">The number of classes (outputs).</param>
    /// <param name="name">The parameter's name.</param>
    /// <exception cref="ArgumentException">The count differs from the rows.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index is out of range.</exception>
    public static void Classes(ReadOnlySpan<int> classes, int rows, int classCount, string name)
    {
        if (classes.Length != rows)
        {
            throw new ArgumentException($"Expected {rows} class indices, one per input row, but {name} has {classes.Length}.", name);
        }

        for (int i = 0; i < classes.Length; i++)
        {
            if ((uint)classes[i] >= (uint)classCount)
            {
                throw new ArgumentOutOfRangeException(name, classes[i], $"Expected class indices from 0 to {classCount - 1}, but {name}[{i}] is {classes[i]}.");
            }
        }
    }

    /// <summary>Throws unless <paramref name="value"/> is a usable learning rate: finite and greater than 0.</summary>
    /// <param name="value">The learning rate.</param>
    /// <param name="name">The parameter's name.</param>
    /// <exception cref="ArgumentOutOfRangeException">It is not.</exception>
    public static void LearningRate(float value, string name)
    {
        if (!(value > 0f && float.IsFinite(value)))
        {
            throw new ArgumentOutOfRangeException(name, value, $"Expected a learning rate that is finite and greater than 0, but it is {value}.");
        }
    }

    /// <summary>
    /// Throws when a batch's loss or gradient is not finite, before the optimizer step, so that bad data cannot poison
    /// the parameters. Both are checked: a NaN input can vanish from the loss (ReLU maps it to 0) yet reach the gradient.
    /// </summary>
    /// <param name="loss">The mean loss of the batch.</param>
    /// <param name="gradient">The mean gradient of the batch.</param>
    /// <param name="name">The inputs' parameter name.</param>
    /// <exception cref="ArgumentException">A value is NaN or infinite.</exception>
    public static void FiniteStep(float loss, ReadOnlySpan<float> gradient, string name)
    {
        if (!(float.IsFinite(loss) && AllFinite(gradient)))
        {
            throw new ArgumentException($"Expected inputs and targets that give a finite loss and gradient, but the loss is {loss}{(float.IsFinite(loss) ? " and the gradient is not finite" : "")}; nothing was updated. Check the data for NaN or infinite values.", name);
        }
    }

    /// <summary>Throws unless every value of <paramref name="span"/> is finite.</summary>
    /// <param name="span">The argument.</param>
    /// <param name="name">The parameter's name.</param>
    /// <exception cref="ArgumentException">A value is NaN or infinite.</exception>
    public static void Finite(ReadOnlySpan<float> span, string name)
    {
        if (AllFinite(span))
        {
            return;
        }

        for (int i = 0; i < span.Length; i++)
        {
            if (!float.IsFinite(span[i]))
            {
                throw new ArgumentException($"Expected finite values, but {name}[{i}] is {span[i]}.", name);
            }
        }
    }

    /// <summary>Whether every value is finite.</summary>
    private static bool AllFinite(ReadOnlySpan<float> span) => AllWithin(span, float.MaxValue);

    /// <summary>Whether every |value| ≤ <paramref name="limit"/>, checked a register at a time; a NaN compares false, so it fails too.</summary>
    /// <param name="span">The values.</param>
    /// <param name="limit">The largest magnitude allowed.</param>
    /// <returns><see langword="false"/> if a value is NaN or beyond the limit.</returns>
    internal static bool AllWithin(ReadOnlySpan<float> span, float limit)
    {
        ref float values = ref MemoryMarshal.GetReference(span);
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<float> bound = Vector512.Create(limit);
            Vector512<float> within = Vector512<float>.AllBitsSet;
            for (; i <= span.Length - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                within &= Vector512.LessThanOrEqual(Vector512.Abs(Vector512.LoadUnsafe(ref values, (nuint)i)), bound);
            }

            if (!Vector512.EqualsAll(within.AsInt32(), Vector512<int>.AllBitsSet))
            {
                return false;
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Vector256<float> bound = Vector256.Create(limit);
            Vector256<float> within = Vector256<float>.AllBitsSet;
            for (; i <= span.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                within &= Vector256.LessThanOrEqual(Vector256.Abs(Vector256.LoadUnsafe(ref values, (nuint)i)), bound);
            }

            if (!Vector256.EqualsAll(within.AsInt32(), Vector256<int>.AllBitsSet))
            {
                return false;
            }
        }

        for (; i < span.Length; i++)
        {
            if (!(MathF.Abs(Unsafe.Add(ref values, i)) <= limit))
            {
                return false;
            }
        }

        return true;
    }

    [DoesNotReturn]
    private static void ThrowLength(int actual, int expected, string name, string what) =>
        throw new ArgumentException($"Expected {expected} {what}, but {name} has {actual} elements.", name);
}
