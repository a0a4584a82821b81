using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using CompiledNN.Data;
using Xunit;

namespace CompiledNN.Tests.Data;

/// <summary>The one-hot targets of a label column are rows × classes values: too many classes are rejected before they are allocated.</summary>
public sealed class CsvClassCountTests
{
    // One row per label: "x,label" with labels c0, c1, ….
    private static StringReader DistinctLabels(int count)
    {
        var text = new StringBuilder("x,label\n");
        for (int i = 0; i < count; i++)
        {
            text.Append("1,c").Append(i.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return new StringReader(text.ToString());
    }

    [Fact]
    public void More_distinct_labels_than_the_limit_are_rejected_without_allocating_the_targets()
    {
        using var reader = DistinctLabels(20_000);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<InvalidDataException>(() => CsvDataset.Read(reader, new CsvOptions { LabelColumn = "label" }));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("column 'label': 20000 distinct labels, more than CsvOptions.MaxClassCount (1000)", error.Message, StringComparison.Ordinal);
        // The text is about 170 KB; one-hot targets of 20,000 × 20,000 would be 1.6 GB.
        Assert.True(allocated < 32 * 1024 * 1024, $"{allocated} bytes allocated");
    }

    [Theory]
    [InlineData(46_341)]
    [InlineData(65_536)]
    public void Targets_larger_than_an_array_are_an_error_naming_the_sizes(int count)
    {
        using var reader = DistinctLabels(count);

        var error = Assert.Throws<InvalidDataException>(() => CsvDataset.Read(reader, new CsvOptions { LabelColumn = "label", MaxClassCount = count }));

        Assert.Contains($"{count} rows of {count} one-hot targets would be {(long)count * count} values", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Up_to_the_limit_every_label_is_a_class()
    {
        using var reader = DistinctLabels(1000);

        var data = CsvDataset.Read(reader, new CsvOptions { LabelColumn = "label" });

        Assert.Equal(1000, data.TargetCount);
        Assert.Equal(1000, data.Count);
        Assert.Equal(Enumerable.Repeat(1f, 1000), Enumerable.Range(0, 1000).Select(row => data.TargetRow(row).ToArray().Sum()));
    }

    [Fact]
    public void One_hot_encoding_rejects_a_size_beyond_an_array()
    {
        Assert.Throws<ArgumentException>(() => OneHot.Encode(new int[46_341], 46_341));
    }
}
