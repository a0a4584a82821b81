using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace CompiledNN.Runtime;

/// <summary>
/// Layer normalisation for the generated code, as PyTorch's <c>nn.LayerNorm(features)</c>: each row is normalised with
/// its own mean and biased variance, then scaled by γ and shifted by β element-wise. Rows are independent, so blocks
/// of rows may run on any thread; the backward pass recomputes each row's statistics from its inputs.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class LayerNormalization
{
    /// <summary>Normalises each row of <paramref name="x"/>: <c>z = γ · (x − mean) / √(var + ε) + β</c>.</summary>
    /// <param name="x">Rows of <paramref name="features"/> values.</param>
    /// <param name="gamma">γ per feature.</param>
    /// <param name="beta">β per feature.</param>
    /// <param name="z">Receives the rows' outputs; may be <paramref name="x"/>.</param>
    /// <param name="features">The values per row.</param>
    /// <param name="epsilon">Added to the variance before its square root.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward(ReadOnlySpan<float> x, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, Span<float> z, int features, float epsilon)
    {
        int rows = x.Length / features;
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> row = x.Slice(r * features, features);
            (float mean, float invStd) = Statistics(row, epsilon);
            Span<float> output = z.Slice(r * features, features);
            for (int f = 0; f < features; f++)
            {
                output[f] = ((row[f] - mean) * invStd * gamma[f]) + beta[f];
            }
        }
    }

    /// <summary>
    /// The backward pass: adds <c>Σ δ·x̂</c> to ∂L/∂γ and <c>Σ δ</c> to ∂L/∂β (over rows) and, unless
    /// <paramref name="inputDelta"/> is empty, writes <c>∂L/∂x = 1/(n·σ) · (n·g − Σ g − x̂ · Σ g·x̂)</c> with <c>g = δ·γ</c>.
    /// </summary>
    /// <param name="x">The rows' inputs.</param>
    /// <param name="delta">∂L/∂z of the rows.</param>
    /// <param name="gamma">γ per feature.</param>
    /// <param name="gammaGradient">∂L/∂γ, added to.</param>
    /// <param name="betaGradient">∂L/∂β, added to.</param>
    /// <param name="inputDelta">Receives ∂L/∂x, or empty.</param>
    /// <param name="features">The values per row.</param>
    /// <param name="epsilon">Added to the variance before its square root.</param>
    public static void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> delta, ReadOnlySpan<float> gamma, Span<float> gammaGradient, Span<float> betaGradient, Span<float> inputDelta, int features, float epsilon)
    {
        int rows = x.Length / features;
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> row = x.Slice(r * features, features);
            ReadOnlySpan<float> rowDelta = delta.Slice(r * features, features);
            (float mean, float invStd) = Statistics(row, epsilon);
            double sum = 0;
            double sumNormalized = 0;
            for (int f = 0; f < features; f++)
            {
                float normalized = (row[f] - mean) * invStd;
                gammaGradient[f] += rowDelta[f] * normalized;
                betaGradient[f] += rowDelta[f];
                float g = rowDelta[f] * gamma[f];
                sum += g;
                sumNormalized += g * normalized;
            }

            if (inputDelta.IsEmpty)
            {
                continue;
            }

            Span<float> rowInputDelta = inputDelta.Slice(r * features, features);
            float scale = invStd / features;
            float sumG = (float)sum;
            float sumGNormalized = (float)sumNormalized;
            for (int f = 0; f < features; f++)
            {
                float normalized = (row[f] - mean) * invStd;
                rowInputDelta[f] = scale * ((features * rowDelta[f] * gamma[f]) - sumG - (normalized * sumGNormalized));
            }
        }
    }

    /// <summary>A row's mean and <c>1/√(var + ε)</c>, with the biased variance, summed in <see langword="double"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (float Mean, float InvStd) Statistics(ReadOnlySpan<float> row, float epsilon)
    {
        double sum = 0;
        for (int f = 0; f < row.Length; f++)
        {
            sum += row[f];
        }

        double mean = sum / row.Length;
        double squares = 0;
        for (int f = 0; f < row.Length; f++)
        {
            double d = row[f] - mean;
            squares += d * d;
        }

        return ((float)mean, 1f / MathF.Sqrt((float)(squares / row.Length) + epsilon));
    }
}
