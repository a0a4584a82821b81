using System;
using System.Linq;
using CompiledNN.Runtime;
using CompiledNN.Tests.Helpers;
using Xunit;

namespace CompiledNN.Tests.Batching;

/// <summary>
/// The kernels of a batch with its rows in the registers' lanes (<see cref="RowsInLanes"/>), on their own: the
/// transposes exactly, and every output with the bits the row-major kernels and the span softmax give the same row, at
/// row counts that fill whole registers, leave padding, and reach every tile.
/// </summary>
public sealed class RowsInLanesTests
{
    private static readonly int[] RowCounts = [1, 2, 7, 15, 16, 17, 31, 32, 33, 48, 63, 64];

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(16)] // one block of 16 × 16 in registers per 16 rows
    [InlineData(20)] // a block and four columns one value at a time
    [InlineData(37)]
    public void TransposeWritesLinesWithZeroPaddingAndUntransposeRestoresTheRows(int width)
    {
        foreach (int rows in RowCounts)
        {
            int stride = RowsInLanes.Stride(rows);
            Assert.Equal(0, stride % RowsInLanes.RowMultiple);
            Assert.InRange(stride - rows, 0, RowsInLanes.RowMultiple - 1);
            float[] values = TestData.Uniform(rows * width, rows + width, min: -1f);
            float[] lines = Enumerable.Repeat(float.NaN, width * stride).ToArray();
            RowsInLanes.Transpose(values, lines, rows, width);
            for (int c = 0; c < width; c++)
            {
                for (int r = 0; r < stride; r++)
                {
                    float expected = r < rows ? values[(r * width) + c] : 0f;
                    Assert.True(expected.Equals(lines[(c * stride) + r]), $"{rows} rows of {width}: line {c}, row {r} holds {lines[(c * stride) + r]}, expected {expected}");
                }
            }

            float[] back = new float[rows * width];
            RowsInLanes.Untranspose(lines, back, rows, width);
            Assert.Equal(values, back);
        }
    }

    [Theory]
    [InlineData(4, 16)]
    [InlineData(16, 3)]
    [InlineData(20, 48)]
    [InlineData(48, 1)]
    [InlineData(10, 32)]
    [InlineData(7, 13)] // eight units, four, then one
    [InlineData(33, 6)]
    public void LinearGivesTheBitsOfTheRowMajorKernel(int inputs, int units)
    {
        float[] weights = TestData.Uniform(inputs * units, units + 1, min: -1f);
        float[] bias = TestData.Uniform(units, units + 2, min: -1f);
        foreach (bool rectify in new[] { false, true })
        {
            foreach (int rows in RowCounts)
            {
                int stride = RowsInLanes.Stride(rows);
                float[] x = TestData.Uniform(rows * inputs, rows * inputs, min: -1f);
                float[] expected = new float[rows * units];
                MatrixKernels.Linear(x, weights, bias, expected, rows, inputs, units, rectify);

                float[] lines = new float[inputs * stride];
                RowsInLanes.Transpose(x, lines, rows, inputs);
                float[] z = new float[units * stride];
                RowsInLanes.Linear(lines, weights, bias, z, rows, inputs, units, rectify);
                float[] actual = new float[rows * units];
                RowsInLanes.Untranspose(z, actual, rows, units);
                Assert.True(
                    expected.Select(BitConverter.SingleToInt32Bits).SequenceEqual(actual.Select(BitConverter.SingleToInt32Bits)),
                    $"{rows} rows, {inputs} inputs, {units} units, rectify {rectify}: the bits differ from MatrixKernels.Linear's");
                Assert.True(rectify ? actual.All(static v => v >= 0f) : actual.Any(static v => v < 0f));
            }
        }
    }

    [Fact]
    public void LinearMatchesADoublePrecisionSum()
    {
        const int Rows = 37, Inputs = 23, Units = 13;
        float[] x = TestData.Uniform(Rows * Inputs, 3, min: -1f);
        float[] weights = TestData.Uniform(Inputs * Units, 4, min: -1f);
        float[] bias = TestData.Uniform(Units, 5, min: -1f);
        int stride = RowsInLanes.Stride(Rows);
        float[] lines = new float[Inputs * stride];
        RowsInLanes.Transpose(x, lines, Rows, Inputs);
        float[] z = new float[Units * stride];
        RowsInLanes.Linear(lines, weights, bias, z, Rows, Inputs, Units);
        for (int r = 0; r < Rows; r++)
        {
            for (int j = 0; j < Units; j++)
            {
                double expected = bias[j], scale = Math.Abs(bias[j]);
                for (int i = 0; i < Inputs; i++)
                {
                    expected += (double)x[(r * Inputs) + i] * weights[(i * Units) + j];
                    scale += Math.Abs((double)x[(r * Inputs) + i] * weights[(i * Units) + j]);
                }

                Assert.True(Math.Abs(z[(j * stride) + r] - expected) <= 1e-6 * scale, $"row {r}, unit {j}: {z[(j * stride) + r]} vs {expected}");
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(10)]
    [InlineData(17)]
    public void SoftmaxGivesEachRowTheBitsOfTheSpanSoftmax(int units)
    {
        const int Rows = 37;
        float[] z = TestData.Uniform(Rows * units, units, min: -30f);
        for (int i = 0; i < z.Length; i++)
        {
            z[i] *= 3f;
        }

        // Rows that test the maximum's rules (NaN wins, +0 above −0), overflow and equal values.
        float[][] special =
        [
            [float.NaN], [-0f], [0f], [float.PositiveInfinity], [float.NegativeInfinity], [88f], [-100f],
        ];
        for (int r = 0; r < special.Length && units > 1; r++)
        {
            z[(r * units) + (r % units)] = special[r][0];
        }

        float[] expected = new float[Rows * units];
        for (int r = 0; r < Rows; r++)
        {
            Activations.Softmax(z.AsSpan(r * units, units), expected.AsSpan(r * units, units));
        }

        int stride = RowsInLanes.Stride(Rows);
        float[] lines = new float[units * stride];
        RowsInLanes.Transpose(z, lines, Rows, units);
        RowsInLanes.Softmax(lines, Rows, units);
        float[] actual = new float[Rows * units];
        RowsInLanes.Untranspose(lines, actual, Rows, units);
        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), actual.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void SpansOfTheWrongLengthAreRejectedBeforeAnythingIsWritten()
    {
        float[] lines = new float[3 * 16];
        float[] z = Enumerable.Repeat(7f, 2 * 16).ToArray();
        var error = Assert.Throws<ArgumentException>(() => RowsInLanes.Linear(lines, new float[6], new float[2], z.AsSpan(0, 31), 5, 3, 2));
        Assert.Contains("Expected 32 elements", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => RowsInLanes.Linear(lines.AsSpan(0, 47), new float[6], new float[2], z, 5, 3, 2));
        Assert.Throws<ArgumentException>(() => RowsInLanes.Transpose(new float[14], lines, 5, 3));
        Assert.Throws<ArgumentException>(() => RowsInLanes.Untranspose(lines, new float[14], 5, 3));
        Assert.Throws<ArgumentException>(() => RowsInLanes.Softmax(z.AsSpan(0, 30), 5, 2));
        Assert.All(z, static v => Assert.Equal(7f, v));
    }
}
