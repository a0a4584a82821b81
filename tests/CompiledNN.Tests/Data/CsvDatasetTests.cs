using System;
using System.IO;
using System.Linq;
using CompiledNN.Data;
using Xunit;

namespace CompiledNN.Tests.Data;

public sealed class CsvDatasetTests
{
    private static readonly CsvOptions Species = new() { LabelColumn = "species" };

    private static Dataset Read(string text, CsvOptions options) => CsvDataset.Read(new StringReader(text), options);

    private static string ErrorOf(string text, CsvOptions options) =>
        Assert.Throws<InvalidDataException>(() => Read(text, options)).Message;

    [Fact]
    public void Reads_features_and_one_hot_labels_in_ordinal_class_order()
    {
        var data = Read("a,species,b\n1.5,virginica,-2e-3\n2,setosa,3\n4,virginica,5\n", Species);

        Assert.Equal(3, data.Count);
        Assert.Equal(2, data.FeatureCount);
        Assert.Equal(["setosa", "virginica"], data.ClassNames);
        Assert.Equal([1.5f, -0.002f, 2f, 3f, 4f, 5f], data.Features.ToArray());
        Assert.Equal([0f, 1f, 1f, 0f, 0f, 1f], data.Targets.ToArray());
    }

    [Fact]
    public void Given_class_names_fix_the_mapping()
    {
        var data = Read("x,species\n1,b\n2,a\n", Species with { ClassNames = ["b", "c", "a"] });

        Assert.Equal([1f, 0f, 0f, 0f, 0f, 1f], data.Targets.ToArray());
    }

    [Fact]
    public void Reads_numeric_target_columns_in_the_given_order()
    {
        var data = Read("x,t1,y,t2\n1,10,2,20\n3,30,4,40\n", new CsvOptions { TargetColumns = ["t2", "t1"] });

        Assert.Equal([1f, 2f, 3f, 4f], data.Features.ToArray());
        Assert.Equal([20f, 10f, 40f, 30f], data.Targets.ToArray());
        Assert.Null(data.ClassNames);
    }

    [Fact]
    public void Without_a_header_columns_are_named_by_index()
    {
        var data = Read("1,2,cat\n3,4,dog\n", new CsvOptions { HasHeader = false, LabelColumn = "2" });

        Assert.Equal(2, data.Count);
        Assert.Equal([1f, 2f, 3f, 4f], data.Features.ToArray());
        Assert.Equal(["cat", "dog"], data.ClassNames);
    }

    [Fact]
    public void Follows_rfc_4180_quoting_line_breaks_and_separators()
    {
        string text = "\"x\",\"the \"\"species\"\"\",y\r\n\"1\",\"a, b\",2\r\n\r\n3,\"line\nbreak\",4\r\n5,\"\",6";
        var data = Read(text, new CsvOptions { LabelColumn = "the \"species\"" });

        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f], data.Features.ToArray());
        Assert.Equal(["", "a, b", "line\nbreak"], data.ClassNames);
    }

    [Fact]
    public void Keeps_every_character_of_quoted_fields()
    {
        string text = "x,species\n1,\"\"\"\"\n2,\"a\"\"b\"\n3,\"x\r\ny\"\n4, \n5,\"end\"";
        var data = Read(text, Species);

        Assert.Equal([1f, 2f, 3f, 4f, 5f], data.Features.ToArray());
        Assert.Equal(["\"", "a\"b", "x\r\ny", " ", "end"], data.Targets.ToArray().Chunk(data.TargetCount).Select(row => data.ClassNames![Array.IndexOf(row, 1f)]));
    }

    [Fact]
    public void A_trailing_separator_is_an_empty_field_and_counts()
    {
        Assert.Contains("line 2: 3 fields", ErrorOf("x,species\n1,a,\n", Species));
    }

    [Fact]
    public void Honours_another_separator()
    {
        var data = Read("x;y;c\n1.5;2;k,l\n", new CsvOptions { Separator = ';', LabelColumn = "c", ClassNames = ["k,l"] });

        Assert.Equal([1.5f, 2f], data.Features.ToArray());
    }

    [Theory]
    [InlineData("x,species\n1,a\n2,b\"c\n", "line 3", "double quote inside an unquoted field")]
    [InlineData("x,species\n1,a\n2,\"b\n3,c\n", "line 3", "never closed")]
    [InlineData("x,species\n1,\"a\"b\n", "line 2", "'b' after the closing quote")]
    [InlineData("x,species\n1,a\n2,b,3\n", "line 3", "3 fields, but the header has 2")]
    [InlineData("x,species\n1,a\n\n\nzz,b\n", "line 5, column 'x'", "'zz' is not a finite number")]
    [InlineData("x,species\n1,a\n2,b\rx\n", "line 3", "carriage return not followed by a line feed")]
    [InlineData("x,species\nNaN,a\n", "line 2, column 'x'", "not a finite number")]
    [InlineData("x,species\n1,\"a\nb\"\r\nzz,c\n", "line 4, column 'x'", "'zz' is not a finite number")]
    [InlineData("", "line 1", "empty")]
    [InlineData("x,species\n", "line 2", "no records")]
    public void Malformed_text_names_the_line(string text, string where, string what)
    {
        string message = ErrorOf(text, Species);

        Assert.Contains(where, message);
        Assert.Contains(what, message);
    }

    [Fact]
    public void A_label_outside_the_given_classes_names_its_line()
    {
        string message = ErrorOf("x,species\n1,a\n2,z\n", Species with { ClassNames = ["a", "b"] });

        Assert.Contains("line 3", message);
        Assert.Contains("class 'z'", message);
    }

    [Fact]
    public void Options_naming_no_target_or_a_missing_column_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => Read("x,y\n1,2\n", new CsvOptions()));
        var error = Assert.Throws<ArgumentException>(() => Read("x,y\n1,2\n", new CsvOptions { LabelColumn = "label" }));
        Assert.Contains("no column 'label'", error.Message);
        Assert.Contains("x, y", error.Message);
    }

    [Fact]
    public void Load_names_the_file_in_errors()
    {
        string path = Path.Combine(Path.GetTempPath(), $"compilednn-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "x,species\n1,a\n2\n");
        try
        {
            var error = Assert.Throws<InvalidDataException>(() => CsvDataset.Load(path, Species));
            Assert.StartsWith(path + ": CSV line 3", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
