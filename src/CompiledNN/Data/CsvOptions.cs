using System.Collections.Generic;

namespace CompiledNN.Data;

/// <summary>How <see cref="CsvDataset"/> reads a CSV file into a <see cref="Dataset"/>.</summary>
/// <remarks>
/// Columns are named by the header; without a header they are named by their zero-based index ("0", "1", …). Give
/// either <see cref="LabelColumn"/> (a class column, one-hot encoded) or <see cref="TargetColumns"/> (numeric
/// targets); every other column is a feature and must hold numbers in the invariant culture (<c>1.5</c>, <c>-2e-3</c>).
/// </remarks>
public sealed record CsvOptions
{
    /// <summary>Whether the first record names the columns. Default <see langword="true"/>.</summary>
    public bool HasHeader { get; init; } = true;

    /// <summary>The field separator. Default <c>,</c>.</summary>
    public char Separator { get; init; } = ',';

    /// <summary>The column that holds class labels (any text); each row's target becomes a one-hot row.</summary>
    public string? LabelColumn { get; init; }

    /// <summary>
    /// The classes in target order. When <see langword="null"/>, the distinct labels of the file in ordinal order;
    /// give them when loading several files (training and test) so that every file maps a label to the same index.
    /// A label not in the list is an error naming its line.
    /// </summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>
    /// The most distinct labels accepted when <see cref="ClassNames"/> is <see langword="null"/>; at least 1. Default
    /// 1,000. Each class is one output and one value of every target row, so a label column with more distinct labels
    /// is far more likely a numeric column read as classes than a real class column; the check rejects it before the
    /// one-hot targets (rows × classes values) are allocated. Raise it, or give <see cref="ClassNames"/>, for more classes.
    /// </summary>
    public int MaxClassCount { get; init; } = 1000;

    /// <summary>The columns that hold numeric targets, in target order (for regression).</summary>
    public IReadOnlyList<string>? TargetColumns { get; init; }
}
