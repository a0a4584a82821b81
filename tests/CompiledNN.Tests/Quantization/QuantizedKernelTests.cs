using System;
using System.Linq;
using CompiledNN.Runtime;
using Xunit;

namespace CompiledNN.Tests.Quantization;

/// <summary>
/// The int8 dense kernel: every path this processor runs gives the portable path's bits (the products are integers), and
/// the result is the float layer's within the error the 7-bit inputs allow (a bound from the formula, not from the code).
/// </summary>
public sealed class QuantizedKernelTests
{
    private static readonly QuantizedKernels.Path[] Paths = Enum.GetValues<QuantizedKernels.Path>();

    private sealed record Layer(int Inputs, int Units, sbyte[] Weights, float[] Scales, Int8Panels Panels, float[] Bias);

    private static Layer RandomLayer(Random random, int inputs, int units, sbyte? constant = null)
    {
        sbyte[] weights = new sbyte[units * inputs];
        for (int i = 0; i < units * inputs; i++)
        {
            weights[i] = constant ?? (sbyte)random.Next(-127, 128);
        }

        float[] scales = Enumerable.Range(0, units).Select(_ => (float)(0.001 + (random.NextDouble() * 0.01))).ToArray();
        float[] bias = Enumerable.Range(0, units).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        return new Layer(inputs, units, weights, scales, new Int8Panels(weights, inputs, units), bias);
    }

    private static float[] Run(Layer layer, float[] x, int rows, QuantizedKernels.Path path)
    {
        var z = new float[rows * layer.Units];
        QuantizedKernels.Linear(x, layer.Panels, layer.Scales, layer.Bias, z, rows, path);
        return z;
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(31, 3, 5)]
    [InlineData(32, 4, 4)]
    [InlineData(33, 5, 9)]
    [InlineData(100, 10, 3)]
    [InlineData(784, 64, 13)]
    [InlineData(64, 17, 4)]
    [InlineData(101, 33, 7)]
    [InlineData(784, 40, 8)]
    public void Every_path_gives_the_portable_bits(int inputs, int units, int rows)
    {
        var random = new Random(inputs * 1000 + units);
        Layer layer = RandomLayer(random, inputs, units);
        float[] x = Enumerable.Range(0, rows * inputs).Select(_ => (float)((random.NextDouble() * 4) - 1)).ToArray();
        float[] portable = Run(layer, x, rows, QuantizedKernels.Path.Portable);

        int checkedPaths = 0;
        foreach (QuantizedKernels.Path path in Paths.Where(QuantizedKernels.IsSupported))
        {
            Assert.Equal(portable.Select(BitConverter.SingleToInt32Bits), Run(layer, x, rows, path).Select(BitConverter.SingleToInt32Bits));
            checkedPaths++;
        }

        Assert.True(checkedPaths >= 1);
    }

    [Fact]
    public void Largest_products_do_not_saturate_on_any_path()
    {
        // Every quantised input 127 (a positive row has zero point 0) times every weight ±127: vpmaddubsw's pairs reach
        // 2 · 127 · 127 = 32,258, just below int16's limit, and the int32 sum 127 · 127 · 784.
        foreach (sbyte w in new sbyte[] { 127, -127 })
        {
            Layer layer = RandomLayer(new Random(1), 784, 6, w) with { Scales = Enumerable.Repeat(1f, 6).ToArray(), Bias = new float[6] };
            float[] x = Enumerable.Repeat(1f, 784 * 5).ToArray();
            foreach (QuantizedKernels.Path path in Paths.Where(QuantizedKernels.IsSupported))
            {
                float[] z = Run(layer, x, 5, path);

                // The row's scale is 1/127: z = 127 · w · 784 / 127.
                Assert.All(z, v => Assert.Equal(w * 784f, v, 0.5f));
            }
        }
    }

    [Fact]
    public void Result_is_the_float_layer_within_the_input_rounding_bound()
    {
        var random = new Random(7);
        const int Inputs = 200, Units = 9, Rows = 6;
        Layer layer = RandomLayer(random, Inputs, Units);
        float[] x = Enumerable.Range(0, Rows * Inputs).Select(_ => (float)((random.NextDouble() * 3) - 0.5)).ToArray();

        float[] z = Run(layer, x, Rows, QuantizedKernels.BestPath);

        for (int r = 0; r < Rows; r++)
        {
            double[] row = x.Skip(r * Inputs).Take(Inputs).Select(static v => (double)v).ToArray();
            double step = (Math.Max(0, row.Max()) - Math.Min(0, row.Min())) / 127;
            for (int j = 0; j < Units; j++)
            {
                double exact = layer.Bias[j];
                double weightMass = 0;
                for (int i = 0; i < Inputs; i++)
                {
                    double w = layer.Scales[j] * layer.Weights[(j * Inputs) + i];
                    exact += w * row[i];
                    weightMass += Math.Abs(w);
                }

                // Each input moves by at most half a step (plus the zero point's rounding, another half step).
                double bound = (weightMass * step) + 1e-4;
                Assert.True(Math.Abs(z[(r * Units) + j] - exact) <= bound, $"row {r} unit {j}: {z[(r * Units) + j]} vs {exact} (bound {bound})");
            }
        }
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void A_row_with_a_non_finite_input_gets_NaN_and_the_others_do_not(float bad)
    {
        var random = new Random(3);
        Layer layer = RandomLayer(random, 50, 7);
        float[] x = Enumerable.Range(0, 3 * 50).Select(_ => (float)random.NextDouble()).ToArray();
        x[50 + 17] = bad;

        foreach (QuantizedKernels.Path path in Paths.Where(QuantizedKernels.IsSupported))
        {
            float[] z = Run(layer, x, 3, path);

            Assert.All(z.Skip(7).Take(7), static v => Assert.True(float.IsNaN(v)));
            Assert.All(z.Take(7).Concat(z.Skip(14)), static v => Assert.True(float.IsFinite(v)));
        }
    }

    [Fact]
    public void An_all_zero_row_gives_the_bias()
    {
        Layer layer = RandomLayer(new Random(5), 40, 3);

        Assert.Equal(layer.Bias, Run(layer, new float[40], 1, QuantizedKernels.BestPath));
    }

    [Fact]
    public void Spans_too_short_for_the_layer_are_refused()
    {
        Layer layer = RandomLayer(new Random(5), 40, 3);

        Assert.Throws<ArgumentException>(() => QuantizedKernels.Linear(new float[39], layer.Panels, layer.Scales, layer.Bias, new float[3], 1));
        Assert.Throws<ArgumentException>(() => QuantizedKernels.Linear(new float[80], layer.Panels, layer.Scales, layer.Bias, new float[5], 2));
        Assert.Throws<ArgumentException>(() => QuantizedKernels.Linear(new float[40], layer.Panels, layer.Scales.AsSpan(0, 2), layer.Bias, new float[3], 1));
    }

    [Fact]
    public void Weights_of_the_wrong_length_are_refused_with_the_expected_one()
    {
        var error = Assert.Throws<ArgumentException>(() => new Int8Panels(new sbyte[119], 40, 3));

        Assert.Contains("3 × 40", error.Message, StringComparison.Ordinal);
    }
}
