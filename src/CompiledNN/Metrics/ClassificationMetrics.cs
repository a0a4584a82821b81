using System;
using CompiledNN.Data;
using CompiledNN.Runtime;

namespace CompiledNN.Metrics;

/// <summary>Accuracy of class predictions. A row's class is the index of its largest value, or for a single (Sigmoid) output, 1 when it is at least 0.5.</summary>
public static class ClassificationMetrics
{
    /// <summary>The share of rows whose predicted class equals the target class.</summary>
    /// <param name="outputs">Rows of network outputs.</param>
    /// <param name="targets">As many rows of targets (one-hot, or 0/1 for a single output).</param>
    /// <param name="rowLength">The number of values of one row.</param>
    /// <returns>The accuracy in [0, 1].</returns>
    /// <exception cref="ArgumentException">The spans are not the same whole number of rows, or are empty.</exception>
    public static double Accuracy(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, int rowLength)
    {
        int rows = CheckRows(outputs, targets, rowLength);
        int correct = 0;
        for (int row = 0; row < rows; row++)
        {
            if (ClassIndex.Of(outputs.Slice(row * rowLength, rowLength)) == ClassIndex.Of(targets.Slice(row * rowLength, rowLength)))
            {
                correct++;
            }
        }

        return (double)correct / rows;
    }

    /// <summary>The network's accuracy on <paramref name="dataset"/>.</summary>
    /// <param name="network">The network.</param>
    /// <param name="dataset">Rows with class targets.</param>
    /// <returns>The accuracy in [0, 1].</returns>
    public static double Accuracy(INetwork network, Dataset dataset) =>
        Accuracy(Predictions.Of(network, dataset), dataset.Targets, dataset.TargetCount);

    /// <summary>Checks that <paramref name="outputs"/> and <paramref name="targets"/> are the same, non-zero number of rows.</summary>
    internal static int CheckRows(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, int rowLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rowLength, 1);
        int rows = Guard.Rows(outputs, rowLength, nameof(outputs), "outputs");
        Guard.Rows(targets, rows, rowLength, nameof(targets), "targets");
        if (rows == 0)
        {
            throw new ArgumentException("Expected at least one row.", nameof(outputs));
        }

        return rows;
    }
}
