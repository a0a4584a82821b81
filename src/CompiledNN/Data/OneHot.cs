using System;

namespace CompiledNN.Data;

/// <summary>One-hot encoding of class labels: class <c>c</c> of <c>K</c> becomes a row of <c>K</c> zeros with a 1 at <c>c</c>, the target a Softmax output learns.</summary>
public static class OneHot
{
    /// <summary>Encodes <paramref name="labels"/> as one-hot rows.</summary>
    /// <param name="labels">Class indices in [0, <paramref name="classCount"/>).</param>
    /// <param name="classCount">The number of classes; at least 1.</param>
    /// <returns><c>labels.Length</c> rows of <paramref name="classCount"/> values.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A label is outside [0, <paramref name="classCount"/>); the message names its position.</exception>
    /// <exception cref="ArgumentException">The rows would hold more values than an array can.</exception>
    public static float[] Encode(ReadOnlySpan<int> labels, int classCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        if (!Fits(labels.Length, classCount))
        {
            throw new ArgumentException(TooLarge(labels.Length, classCount), nameof(classCount));
        }

        var rows = new float[labels.Length * classCount];
        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classCount)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), $"Expected class indices in [0, {classCount}), but labels[{i}] is {labels[i]}.");
            }

            rows[(i * classCount) + labels[i]] = 1f;
        }

        return rows;
    }

    /// <summary>Whether <paramref name="rows"/> one-hot rows of <paramref name="classCount"/> values fit in one array.</summary>
    internal static bool Fits(int rows, int classCount) => (long)rows * classCount <= Array.MaxLength;

    /// <summary>Why <see cref="Fits"/> is false, for the message of whichever reader found it.</summary>
    internal static string TooLarge(int rows, int classCount) =>
        $"{rows} rows of {classCount} one-hot targets would be {(long)rows * classCount} values, more than an array holds ({Array.MaxLength})";
}
