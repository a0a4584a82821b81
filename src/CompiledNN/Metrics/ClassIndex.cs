using System;
using CompiledNN.Runtime;

namespace CompiledNN.Metrics;

/// <summary>How a row of outputs or targets names a class, the same way for predictions and labels.</summary>
internal static class ClassIndex
{
    /// <summary>The index of the largest value; for a single value (a Sigmoid output), 1 when it is at least 0.5.</summary>
    public static int Of(ReadOnlySpan<float> row) => row.Length == 1 ? (row[0] >= 0.5f ? 1 : 0) : Kernels.ArgMax(row);

    /// <summary>The number of classes rows of <paramref name="rowLength"/> values distinguish.</summary>
    public static int Count(int rowLength) => rowLength == 1 ? 2 : rowLength;
}
