using System;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using CompiledNN.Runtime;
using CompiledNN.Tests.Helpers;
using Xunit;

namespace CompiledNN.Tests.Batching;

/// <summary>
/// What makes results portable: every unit is one chain of multiply-adds from the bias over the inputs in order, fused
/// where the processor has FMA and a multiply then an add where it has not, whatever the vector width. So machines
/// with FMA agree with each other, and so do machines without it (CI runs this with the JIT's AVX2 and SIMD turned off).
/// </summary>
public sealed class MultiplyAddRoundingTests
{
    private static bool HardwareFma => Fma.IsSupported || AdvSimd.IsSupported;

    [Theory]
    [InlineData(784, 256, 1)]
    [InlineData(784, 256, 64)]
    [InlineData(33, 16, 7)]
    [InlineData(20, 17, 3)]
    [InlineData(1000, 5, 2)]
    public void EachUnitIsOneChainFusedExactlyWhereTheProcessorHasFma(int inputs, int units, int rows)
    {
        float[] x = TestData.Uniform(rows * inputs, inputs, min: -1f);
        float[] weights = TestData.Uniform(inputs * units, units + 1, min: -1f);
        float[] bias = TestData.Uniform(units, units + 2, min: -1f);
        float[] z = new float[rows * units];
        MatrixKernels.Linear(x, weights, bias, z, rows, inputs, units);

        int differing = 0;
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < units; j++)
            {
                float fused = bias[j];
                float separate = bias[j];
                for (int i = 0; i < inputs; i++)
                {
                    float xi = x[(r * inputs) + i];
                    float w = weights[(i * units) + j];
                    fused = MathF.FusedMultiplyAdd(xi, w, fused);
                    separate = (xi * w) + separate;
                }

                Assert.Equal(HardwareFma ? fused : separate, z[(r * units) + j]);
                differing += fused == separate ? 0 : 1;
            }
        }

        // The two roundings differ on these sizes, so the check above tells them apart.
        Assert.True(differing > 0, "fused and separate multiply-adds gave the same sums");
    }
}
