using System;
using System.IO;
using System.Linq;
using System.Text;
using CompiledNN.Data;
using Xunit;
using Xunit.Sdk;

namespace CompiledNN.Tests.Fuzz;

[Trait("Category", "Fuzz")]
public sealed class CsvFuzzTests
{
    private static readonly CsvOptions Classes = new() { LabelColumn = "species" };

    private static readonly CsvOptions Regression = new() { TargetColumns = ["y", "z"] };

    private static readonly byte[][] ClassSeeds =
    [
        Encoding.UTF8.GetBytes("length,width,species\n5.1,3.5,setosa\n7.0,3.2,versicolor\n6.3,3.3,virginica\n4.9,3.0,setosa\n"),
        Encoding.UTF8.GetBytes("\"length\",width,species\r\n-1e-3,\"2\",\"a \"\"quoted\"\" class\"\r\n\r\n1.5E2,0,\"with, comma\"\r\n"),
    ];

    private static readonly byte[][] RegressionSeeds =
    [
        Encoding.UTF8.GetBytes("x,y,z\n0,1,2\n3.5,-4,5e10\n6,7,8\n"),
        Encoding.UTF8.GetBytes("y,x,w,z\n1,2,3,4\n\"5\",6,7,8\n"),
    ];

    // A header edit can rename the target column, which is the documented ArgumentException of an option naming a column the text lacks.
    private static bool IsDocumented(Exception e) =>
        e is InvalidDataException
        || (e.GetType() == typeof(ArgumentException)
            && (e.Message.StartsWith("The CSV header has no column", StringComparison.Ordinal)
                || e.Message.StartsWith("Every column is a target", StringComparison.Ordinal)));

    // Text of n lines holds at most n rows and n distinct labels, and the labels at most MaxClassCount classes.
    private static long Allowed(byte[] input)
    {
        long lines = input.Count(static b => b == '\n') + 1;
        return FuzzRunner.BaseAllocation + (64L * input.Length) + (4 * lines * Math.Min(lines, Classes.MaxClassCount));
    }

    private static void Read(byte[] input, CsvOptions options)
    {
        using var reader = new StreamReader(new MemoryStream(input), Encoding.UTF8);
        var data = CsvDataset.Read(reader, options);
        if (data.Count < 1 || data.Features.Length != data.Count * data.FeatureCount || data.Targets.Length != data.Count * data.TargetCount)
        {
            throw new XunitException($"accepted as {data.Count} rows of {data.FeatureCount} features and {data.TargetCount} targets, which the arrays do not hold");
        }
    }

    [Fact]
    public void Damaged_class_csv_is_read_or_rejected_as_invalid_data() =>
        FuzzRunner.Run("csv-classes", ClassSeeds, iterations: 3000, seed: 24_03, static input => Read(input, Classes), IsDocumented, Allowed);

    [Fact]
    public void Damaged_regression_csv_is_read_or_rejected_as_invalid_data() =>
        FuzzRunner.Run("csv-regression", RegressionSeeds, iterations: 3000, seed: 24_04, static input => Read(input, Regression), IsDocumented, Allowed);
}
