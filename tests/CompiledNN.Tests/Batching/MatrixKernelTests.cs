using System;
using CompiledNN.Runtime;
using CompiledNN.Tests.Helpers;
using Xunit;

namespace CompiledNN.Tests.Batching;

/// <summary>
/// The matrix kernels on their own, at sizes that reach every tile and the units left over after whole registers:
/// against a double-precision reference, and a row's bits whatever the number of rows it is computed with.
/// </summary>
public sealed class MatrixKernelTests
{
    private static readonly int[] RowCounts = [1, 2, 3, 4, 5, 8, 9, 13, 64, 67];

    public static TheoryData<int, int> Sizes() => new()
    {
        { 5, 1 }, { 7, 3 }, { 130, 10 }, { 33, 16 }, { 20, 17 }, { 64, 32 }, { 200, 37 }, { 9, 48 }, { 100, 50 },
        { 300, 64 }, { 129, 100 }, { 31, 130 }, { 17, 200 }, { 40, 520 },

        // Many blocks of inputs, one of them shorter (259 = 87 + 87 + 85, 387 = 3 × 97 + 96), for few and for more units.
        { 1000, 5 }, { 520, 17 }, { 259, 24 }, { 387, 64 }, { 784, 64 },

        // Deep and narrow, summed in interleaved chains: one pair of registers, overlapping or not, and single lanes.
        { 2048, 10 }, { 2051, 16 }, { 2050, 8 }, { 3001, 3 }, { 2049, 1 },

        // 2 MiB of weights, which a row streams with prefetches: every one-row tile (256 + 128 + 64 + 16 + 8 units).
        { 1111, 472 },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void LinearMatchesTheReferenceAndARowAlone(int inputs, int units)
    {
        const int Rows = 67;
        float[] x = TestData.Uniform(Rows * inputs, inputs, min: -1f);
        float[] weights = TestData.Uniform(inputs * units, units + 1, min: -1f);
        float[] bias = TestData.Uniform(units, units + 2, min: -1f);
        float[] alone = new float[Rows * units];
        for (int r = 0; r < Rows; r++)
        {
            MatrixKernels.Linear(x.AsSpan(r * inputs, inputs), weights, bias, alone.AsSpan(r * units, units), 1, inputs, units);
        }

        for (int r = 0; r < Rows; r++)
        {
            for (int j = 0; j < units; j++)
            {
                double expected = bias[j];
                double scale = Math.Abs(bias[j]);
                for (int i = 0; i < inputs; i++)
                {
                    expected += (double)x[(r * inputs) + i] * weights[(i * units) + j];
                    scale += Math.Abs((double)x[(r * inputs) + i] * weights[(i * units) + j]);
                }

                Assert.True(Math.Abs(alone[(r * units) + j] - expected) <= 1e-6 * scale, $"row {r}, unit {j}: {alone[(r * units) + j]} vs {expected}");
            }
        }

        foreach (int rows in RowCounts)
        {
            // Rows from an odd offset, so that a row lands in a different place of the tiles than when it starts a block.
            int first = Rows - rows;
            float[] z = new float[rows * units];
            MatrixKernels.Linear(x.AsSpan(first * inputs, rows * inputs), weights, bias, z, rows, inputs, units);
            Assert.Equal(alone.AsSpan(first * units, rows * units).ToArray(), z);
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void RectifiedSumsAreTheBitsOfReLUAfterTheSums(int inputs, int units)
    {
        const int Rows = 67;
        float[] x = TestData.Uniform(Rows * inputs, inputs + 3, min: -1f);
        x[5 * inputs] = float.NaN; // a NaN sum is rectified to 0, as Activations.ReLU maps it
        float[] weights = TestData.Uniform(inputs * units, units + 4, min: -1f);
        float[] bias = TestData.Uniform(units, units + 5, min: -1f);
        float[] packed = new float[inputs * units];
        MatrixKernels.Pack(weights, packed, inputs, units);
        float[] parameters = [.. weights, .. bias];
        foreach (int rows in RowCounts)
        {
            ReadOnlySpan<float> rowsX = x.AsSpan(0, rows * inputs);
            float[] expected = new float[rows * units];
            MatrixKernels.Linear(rowsX, weights, bias, expected, rows, inputs, units);
            Activations.ReLU(expected, expected);
            if (rows == Rows)
            {
                // All the rows, the NaN one among them: some units rectified, some not.
                Assert.Contains(expected, static a => a > 0f);
                Assert.Contains(expected, static a => a == 0f);
            }

            float[] actual = new float[rows * units];
            MatrixKernels.Linear(rowsX, weights, bias, actual, rows, inputs, units, rectify: true);
            Assert.Equal(expected, actual);
            MatrixKernels.LinearPacked(rowsX, packed, bias, Cleared(actual), rows, inputs, units, rectify: true);
            Assert.Equal(expected, actual);
            LayerSplit.Linear(rowsX, new AlignedBuffer(parameters), 0, weights.Length, Cleared(actual), rows, inputs, units, workers: 2, rectify: true);
            Assert.Equal(expected, actual);
            LayerSplit.LinearPacked(rowsX, packed, 0, new AlignedBuffer(parameters), weights.Length, Cleared(actual), rows, inputs, units, workers: 2, rectify: true);
            Assert.Equal(expected, actual);
        }
    }

    private static float[] Cleared(float[] values)
    {
        Array.Clear(values);
        return values;
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void WeightGradientMatchesTheReference(int inputs, int units)
    {
        foreach (int rows in RowCounts)
        {
            float[] x = TestData.Uniform(rows * inputs, rows, min: -1f);
            float[] delta = TestData.Uniform(rows * units, rows + 1, min: -1f);
            float[] start = TestData.Uniform(inputs * units, rows + 2, min: -1f);
            float[] startBias = TestData.Uniform(units, rows + 3, min: -1f);
            float[] gradient = (float[])start.Clone();
            float[] biasGradient = (float[])startBias.Clone();

            MatrixKernels.AddWeightGradient(x, delta, gradient, biasGradient, rows, inputs, units);

            for (int j = 0; j < units; j++)
            {
                double expectedBias = startBias[j];
                for (int r = 0; r < rows; r++)
                {
                    expectedBias += delta[(r * units) + j];
                }

                Assert.True(Math.Abs(biasGradient[j] - expectedBias) <= 1e-5 * (rows + 1), $"{rows} rows, bias {j}");
                for (int i = 0; i < inputs; i++)
                {
                    double expected = start[(i * units) + j];
                    for (int r = 0; r < rows; r++)
                    {
                        expected += (double)x[(r * inputs) + i] * delta[(r * units) + j];
                    }

                    Assert.True(Math.Abs(gradient[(i * units) + j] - expected) <= 1e-5 * (rows + 1), $"{rows} rows, weight {i}, {j}: {gradient[(i * units) + j]} vs {expected}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void InputGradientMatchesTheReference(int inputs, int units)
    {
        foreach (int rows in RowCounts)
        {
            float[] delta = TestData.Uniform(rows * units, rows + 4, min: -1f);
            float[] weights = TestData.Uniform(inputs * units, rows + 5, min: -1f);
            float[] inputDelta = new float[rows * inputs];

            MatrixKernels.InputGradient(delta, weights, inputDelta, rows, inputs, units);

            for (int r = 0; r < rows; r++)
            {
                for (int i = 0; i < inputs; i++)
                {
                    double expected = 0;
                    for (int j = 0; j < units; j++)
                    {
                        expected += (double)delta[(r * units) + j] * weights[(i * units) + j];
                    }

                    Assert.True(Math.Abs(inputDelta[(r * inputs) + i] - expected) <= 1e-5 * (units + 1), $"{rows} rows, row {r}, input {i}");
                }
            }
        }
    }
}
