using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace CompiledNN.Data;

/// <summary>Loads a <see cref="Dataset"/> from CSV text (RFC 4180): numeric feature columns and either a class column or numeric target columns.</summary>
public static class CsvDataset
{
    /// <summary>Reads the CSV file at <paramref name="path"/> (UTF-8).</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">Which columns are targets; see <see cref="CsvOptions"/>.</param>
    /// <returns>The rows in file order.</returns>
    /// <exception cref="InvalidDataException">The file is malformed; the message names the file and the line.</exception>
    /// <exception cref="ArgumentException">The options name no target, or a column the file does not have.</exception>
    public static Dataset Load(string path, CsvOptions options)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = new StreamReader(path, Encoding.UTF8);
        try
        {
            return Read(reader, options);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Reads CSV text from <paramref name="reader"/>.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="options">Which columns are targets; see <see cref="CsvOptions"/>.</param>
    /// <returns>The rows in text order.</returns>
    /// <exception cref="InvalidDataException">The text is malformed; the message names the line.</exception>
    /// <exception cref="ArgumentException">The options name no target, or a column the text does not have.</exception>
    public static Dataset Read(TextReader reader, CsvOptions options)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(options);
        if ((options.LabelColumn is null) == (options.TargetColumns is null or { Count: 0 }))
        {
            throw new ArgumentException("Expected either a LabelColumn (classes) or TargetColumns (numbers), and not both.", nameof(options));
        }

        if (options.MaxClassCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxClassCount, "Expected a MaxClassCount of at least 1.");
        }

        var records = new CsvRecordReader(reader, options.Separator);
        var fields = new List<string>();
        if (!records.TryRead(fields, out int line))
        {
            throw new InvalidDataException("CSV line 1: the text is empty; expected a header or a record.");
        }

        int columnCount = fields.Count;
        string[] names = options.HasHeader
            ? fields.ToArray()
            : Enumerable.Range(0, columnCount).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        int[] targetColumns = options.LabelColumn is { } label
            ? [ColumnIndex(names, label, options.HasHeader)]
            : options.TargetColumns!.Select(name => ColumnIndex(names, name, options.HasHeader)).ToArray();
        int[] featureColumns = Enumerable.Range(0, columnCount).Where(c => !targetColumns.Contains(c)).ToArray();
        if (featureColumns.Length == 0)
        {
            throw new ArgumentException("Every column is a target; a dataset needs at least one feature column.", nameof(options));
        }

        var features = new List<float>();
        var targets = new List<float>();
        var labels = new List<(string Label, int Line)>();
        bool pending = !options.HasHeader;
        while (pending || records.TryRead(fields, out line))
        {
            pending = false;
            if (fields.Count != columnCount)
            {
                throw new InvalidDataException($"CSV line {line}: {fields.Count} fields, but the {(options.HasHeader ? "header has" : "first record has")} {columnCount}.");
            }

            foreach (int column in featureColumns)
            {
                features.Add(ParseNumber(fields[column], names[column], line));
            }

            if (options.LabelColumn is not null)
            {
                labels.Add((fields[targetColumns[0]], line));
            }
            else
            {
                foreach (int column in targetColumns)
                {
                    targets.Add(ParseNumber(fields[column], names[column], line));
                }
            }
        }

        if (features.Count == 0)
        {
            throw new InvalidDataException($"CSV line {line}: the text has a header but no records.");
        }

        if (options.LabelColumn is null)
        {
            return new Dataset(features.ToArray(), featureColumns.Length, targets.ToArray(), targetColumns.Length);
        }

        IReadOnlyList<string> classNames = options.ClassNames
            ?? labels.Select(l => l.Label).Distinct().Order(StringComparer.Ordinal).ToArray();
        string labelColumn = names[targetColumns[0]];
        if (options.ClassNames is null && classNames.Count > options.MaxClassCount)
        {
            throw new InvalidDataException(
                $"CSV column '{labelColumn}': {classNames.Count} distinct labels, more than CsvOptions.MaxClassCount ({options.MaxClassCount}); "
                + "for numeric targets use TargetColumns, for more classes raise MaxClassCount or give ClassNames.");
        }

        if (!OneHot.Fits(labels.Count, classNames.Count))
        {
            throw new InvalidDataException($"CSV column '{labelColumn}': {OneHot.TooLarge(labels.Count, classNames.Count)}.");
        }
        var classIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < classNames.Count; i++)
        {
            if (!classIndex.TryAdd(classNames[i], i))
            {
                throw new ArgumentException($"Class '{classNames[i]}' is listed twice in ClassNames.", nameof(options));
            }
        }

        var indices = new int[labels.Count];
        for (int row = 0; row < labels.Count; row++)
        {
            if (!classIndex.TryGetValue(labels[row].Label, out indices[row]))
            {
                throw new InvalidDataException(
                    $"CSV line {labels[row].Line}: class '{labels[row].Label}' in column '{labelColumn}' is not one of {string.Join(", ", classNames)}.");
            }
        }

        return new Dataset(features.ToArray(), featureColumns.Length, OneHot.Encode(indices, classNames.Count), classNames.Count, classNames);
    }

    private static int ColumnIndex(string[] names, string name, bool hasHeader)
    {
        int index = Array.IndexOf(names, name);
        if (index < 0)
        {
            throw new ArgumentException(
                hasHeader
                    ? $"The CSV header has no column '{name}'; its columns are {string.Join(", ", names)}."
                    : $"The CSV text has no header, so columns are named by index 0 to {names.Length - 1}; '{name}' is not one of them.");
        }

        return index;
    }

    private static float ParseNumber(string field, string column, int line)
    {
        if (!float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) || !float.IsFinite(value))
        {
            throw new InvalidDataException($"CSV line {line}, column '{column}': '{field}' is not a finite number.");
        }

        return value;
    }
}
