using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using CompiledNN.Data;

namespace CompiledNN.Metrics;

/// <summary>
/// Counts of (actual class, predicted class) pairs, with the per-class precision, recall and F1 score derived from
/// them. <see cref="ToString"/> prints the table with a recall column and a precision row.
/// </summary>
/// <remarks>
/// Precision of class c = correct predictions of c / all predictions of c; recall = correct predictions of c / all
/// rows of class c; F1 = their harmonic mean. A ratio whose denominator is 0 is 0, as scikit-learn reports it.
/// </remarks>
public sealed class ConfusionMatrix
{
    private readonly int[] _counts;

    /// <summary>Counts the pairs of <paramref name="actual"/> and <paramref name="predicted"/> classes.</summary>
    /// <param name="actual">The true class of each row, in [0, <paramref name="classCount"/>).</param>
    /// <param name="predicted">The predicted class of each row, as many as <paramref name="actual"/>.</param>
    /// <param name="classCount">The number of classes; at least 1.</param>
    /// <param name="classNames">The name of each class for <see cref="ToString"/>, or <see langword="null"/> for the indices.</param>
    /// <exception cref="ArgumentException">The lengths differ, a class is out of range, or the names do not match the count.</exception>
    public ConfusionMatrix(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted, int classCount, IReadOnlyList<string>? classNames = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        if (actual.Length != predicted.Length)
        {
            throw new ArgumentException($"Expected as many predicted classes as actual ones ({actual.Length}), but got {predicted.Length}.", nameof(predicted));
        }

        if (classNames is not null && classNames.Count != classCount)
        {
            throw new ArgumentException($"Expected {classCount} class names, but got {classNames.Count}.", nameof(classNames));
        }

        _counts = new int[classCount * classCount];
        for (int i = 0; i < actual.Length; i++)
        {
            if ((uint)actual[i] >= (uint)classCount || (uint)predicted[i] >= (uint)classCount)
            {
                throw new ArgumentException($"Expected classes in [0, {classCount}), but row {i} has actual {actual[i]} and predicted {predicted[i]}.", nameof(actual));
            }

            _counts[(actual[i] * classCount) + predicted[i]]++;
        }

        ClassCount = classCount;
        Total = actual.Length;
        ClassNames = classNames ?? Enumerable.Range(0, classCount).Select(c => c.ToString(CultureInfo.InvariantCulture)).ToArray();
    }

    /// <summary>The number of classes.</summary>
    public int ClassCount { get; }

    /// <summary>The number of rows counted.</summary>
    public int Total { get; }

    /// <summary>The name of each class (its index when no names were given).</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The number of rows of class <paramref name="actual"/> predicted as <paramref name="predicted"/>.</summary>
    /// <param name="actual">The true class.</param>
    /// <param name="predicted">The predicted class.</param>
    /// <returns>The count.</returns>
    public int this[int actual, int predicted]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)actual, (uint)ClassCount, nameof(actual));
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)predicted, (uint)ClassCount, nameof(predicted));
            return _counts[(actual * ClassCount) + predicted];
        }
    }

    /// <summary>The share of rows on the diagonal (0 when there are no rows).</summary>
    public double Accuracy => Ratio(Enumerable.Range(0, ClassCount).Sum(c => this[c, c]), Total);

    /// <summary>The unweighted mean of the per-class F1 scores.</summary>
    public double MacroF1 => Enumerable.Range(0, ClassCount).Average(F1);

    /// <summary>Compares a network's predictions on <paramref name="dataset"/> with its targets.</summary>
    /// <param name="network">The network.</param>
    /// <param name="dataset">Rows with class targets; its <see cref="Dataset.ClassNames"/> label the table.</param>
    /// <returns>The matrix.</returns>
    public static ConfusionMatrix Of(INetwork network, Dataset dataset) =>
        FromOutputs(Predictions.Of(network, dataset), dataset.Targets, dataset.TargetCount, dataset.ClassNames);

    /// <summary>Compares rows of outputs with rows of targets (each row's class as in <see cref="ClassificationMetrics"/>).</summary>
    /// <param name="outputs">Rows of network outputs.</param>
    /// <param name="targets">As many rows of targets.</param>
    /// <param name="rowLength">The number of values of one row.</param>
    /// <param name="classNames">The class names, or <see langword="null"/>.</param>
    /// <returns>The matrix.</returns>
    public static ConfusionMatrix FromOutputs(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, int rowLength, IReadOnlyList<string>? classNames = null)
    {
        int rows = ClassificationMetrics.CheckRows(outputs, targets, rowLength);
        var actual = new int[rows];
        var predicted = new int[rows];
        for (int row = 0; row < rows; row++)
        {
            actual[row] = ClassIndex.Of(targets.Slice(row * rowLength, rowLength));
            predicted[row] = ClassIndex.Of(outputs.Slice(row * rowLength, rowLength));
        }

        return new ConfusionMatrix(actual, predicted, ClassIndex.Count(rowLength), classNames);
    }

    /// <summary>Of the rows predicted as <paramref name="classIndex"/>, the share that are of that class.</summary>
    /// <param name="classIndex">The class.</param>
    /// <returns>The precision in [0, 1].</returns>
    public double Precision(int classIndex) => Ratio(this[classIndex, classIndex], Enumerable.Range(0, ClassCount).Sum(a => this[a, classIndex]));

    /// <summary>Of the rows of class <paramref name="classIndex"/>, the share predicted as that class.</summary>
    /// <param name="classIndex">The class.</param>
    /// <returns>The recall in [0, 1].</returns>
    public double Recall(int classIndex) => Ratio(this[classIndex, classIndex], Enumerable.Range(0, ClassCount).Sum(p => this[classIndex, p]));

    /// <summary>The harmonic mean of <see cref="Precision"/> and <see cref="Recall"/> of <paramref name="classIndex"/>.</summary>
    /// <param name="classIndex">The class.</param>
    /// <returns>The F1 score in [0, 1].</returns>
    public double F1(int classIndex)
    {
        double precision = Precision(classIndex);
        double recall = Recall(classIndex);
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }

    /// <summary>The table: a row per actual class, a column per predicted class, then each class's recall, precision and F1.</summary>
    /// <returns>The table as lines of text.</returns>
    public override string ToString()
    {
        const string Corner = "actual \\ predicted";
        int nameWidth = Math.Max(Corner.Length, ClassNames.Max(n => n.Length));
        int[] widths = ClassNames.Select(n => Math.Max(Math.Max(n.Length, 5), Total.ToString(CultureInfo.InvariantCulture).Length)).ToArray();
        var text = new StringBuilder();
        text.Append(Corner.PadRight(nameWidth));
        for (int p = 0; p < ClassCount; p++)
        {
            text.Append("  ").Append(ClassNames[p].PadLeft(widths[p]));
        }

        text.Append(" | recall").Append('\n');
        for (int a = 0; a < ClassCount; a++)
        {
            text.Append(ClassNames[a].PadRight(nameWidth));
            for (int p = 0; p < ClassCount; p++)
            {
                text.Append("  ").Append(this[a, p].ToString(CultureInfo.InvariantCulture).PadLeft(widths[p]));
            }

            text.Append(" | ").Append(Format(Recall(a))).Append('\n');
        }

        AppendRow(text, "precision", nameWidth, widths, Precision);
        AppendRow(text, "F1", nameWidth, widths, F1);
        text.Append("accuracy ").Append(Format(Accuracy)).Append(" (").Append(Total.ToString(CultureInfo.InvariantCulture)).Append(" rows)");
        return text.ToString();
    }

    private void AppendRow(StringBuilder text, string label, int nameWidth, int[] widths, Func<int, double> value)
    {
        text.Append(label.PadRight(nameWidth));
        for (int c = 0; c < ClassCount; c++)
        {
            text.Append("  ").Append(Format(value(c)).PadLeft(widths[c]));
        }

        text.Append('\n');
    }

    private static string Format(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    private static double Ratio(int numerator, int denominator) => denominator == 0 ? 0 : (double)numerator / denominator;
}
