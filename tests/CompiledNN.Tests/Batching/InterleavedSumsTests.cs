using System;
using CompiledNN.Runtime;
using CompiledNN.Tests.Helpers;
using Xunit;

namespace CompiledNN.Tests.Batching;

/// <summary>
/// A deep, narrow layer's units each summed in four interleaved chains: exactly the bits of that rule written out
/// (fused multiply-adds where the processor has them), through every kernel entry and a generated network, which writes no
/// straight-line code for such a layer even when asked to unroll.
/// </summary>
public sealed class InterleavedSumsTests
{
    [Theory]
    [InlineData(2048, 10)]
    [InlineData(4096, 16)]
    [InlineData(2051, 9)]
    [InlineData(2050, 5)]
    [InlineData(2049, 2)]
    public void EveryKernelGivesTheBitsOfTheRule(int inputs, int units)
    {
        // Two tiles of 6 rows (with AVX-512) and one row alone.
        const int Rows = 13;
        float[] x = TestData.Uniform(Rows * inputs, inputs, min: -1f);
        float[] weights = TestData.Uniform(inputs * units, units, min: -1f);
        float[] bias = TestData.Uniform(units, units + 1, min: -1f);
        float[] expected = Rule(x, weights, bias, Rows, inputs, units);
        float[] packed = new float[inputs * units];
        MatrixKernels.Pack(weights, packed, inputs, units);
        var parameters = new AlignedBuffer([.. weights, .. bias]);

        float[] z = new float[Rows * units];
        MatrixKernels.Linear(x, weights, bias, z, Rows, inputs, units);
        Assert.Equal(Bits(expected), Bits(z));
        MatrixKernels.LinearPacked(x, packed, bias, z = new float[Rows * units], Rows, inputs, units);
        Assert.Equal(Bits(expected), Bits(z));
        LayerSplit.Linear(x, parameters, 0, weights.Length, z = new float[Rows * units], Rows, inputs, units, workers: 2);
        Assert.Equal(Bits(expected), Bits(z));
    }

    [Fact]
    public void ANetworkPredictsTheRulesBitsUnrolledOrNot()
    {
        const int Rows = 6;
        var network = new DeepNarrowNet(5);
        var unrolled = new UnrolledDeepNarrowNet(5);
        float[] parameters = TestData.Parameters(network);
        Assert.Equal(parameters, TestData.Parameters(unrolled));

        // Parameters in PyTorch's order: W[units, inputs], then b.
        int inputs = DeepNarrowNet.InputSize, units = DeepNarrowNet.OutputSize;
        float[] transposed = new float[inputs * units];
        for (int j = 0; j < units; j++)
        {
            for (int i = 0; i < inputs; i++)
            {
                transposed[(i * units) + j] = parameters[(j * inputs) + i];
            }
        }

        float[] x = TestData.Uniform(Rows * inputs, 9, min: -1f);
        float[] expected = Rule(x, transposed, parameters.AsSpan(inputs * units, units).ToArray(), Rows, inputs, units);
        float[] batch = new float[Rows * units];
        network.PredictBatch(x, batch);
        Assert.Equal(Bits(expected), Bits(batch));
        for (int r = 0; r < Rows; r++)
        {
            float[] row = new float[units];
            network.Predict(x.AsSpan(r * inputs, inputs), row);
            Assert.Equal(Bits(expected.AsSpan(r * units, units).ToArray()), Bits(row));
            unrolled.Predict(x.AsSpan(r * inputs, inputs), row);
            Assert.Equal(Bits(expected.AsSpan(r * units, units).ToArray()), Bits(row));
        }
    }

    /// <summary>Input i in chain i mod 4, the first chain from the bias, then (s₀ + s₁) + (s₂ + s₃): the rule, unit by unit.</summary>
    private static float[] Rule(float[] x, float[] transposed, float[] bias, int rows, int inputs, int units)
    {
        float[] z = new float[rows * units];
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < units; j++)
            {
                float[] chains = [bias[j], 0f, 0f, 0f];
                for (int i = 0; i < inputs; i++)
                {
                    float input = x[(r * inputs) + i], weight = transposed[(i * units) + j];
                    chains[i % 4] = KernelOrderTests.HardwareFma ? MathF.FusedMultiplyAdd(input, weight, chains[i % 4]) : (input * weight) + chains[i % 4];
                }

                z[(r * units) + j] = (chains[0] + chains[1]) + (chains[2] + chains[3]);
            }
        }

        return z;
    }

    private static int[] Bits(float[] values) => Array.ConvertAll(values, BitConverter.SingleToInt32Bits);
}

/// <summary>One deep, narrow layer.</summary>
[Network]
[Input(2050)]
[Dense(7)]
public partial class DeepNarrowNet;

/// <summary>The same layer, asked to unroll, which it is not.</summary>
[Network(CodeShape = CodeShape.Unrolled)]
[Input(2050)]
[Dense(7)]
public partial class UnrolledDeepNarrowNet;
