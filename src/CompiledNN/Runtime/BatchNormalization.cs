using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace CompiledNN.Runtime;

/// <summary>
/// Batch normalisation for the generated code, as PyTorch's <c>nn.BatchNorm1d</c>/<c>nn.BatchNorm2d</c>. A block of
/// rows is <c>rows × channels × positions</c> values (positions = 1 after a dense layer, the length or height × width
/// after a convolution); each channel is normalised over every row and position. A batch's statistics are kept as
/// <c>[mean, 1/√(var + ε), unbiased var]</c>, one array of <c>3 × channels</c> floats, for the backward pass and the
/// running update. Sums are taken in <see langword="double"/> in a fixed order, so results do not depend on threads.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class BatchNormalization
{
    /// <summary>
    /// The training forward pass: normalises each channel with the batch's mean and biased variance, then scales by γ
    /// and shifts by β, and keeps the statistics.
    /// </summary>
    /// <param name="x">The block's inputs.</param>
    /// <param name="gamma">γ per channel.</param>
    /// <param name="beta">β per channel.</param>
    /// <param name="z">Receives <c>γ · x̂ + β</c>.</param>
    /// <param name="statistics">Receives the batch's mean, inverse standard deviation and unbiased variance per channel.</param>
    /// <param name="rows">The rows of the block (the whole batch).</param>
    /// <param name="channels">The features or channels.</param>
    /// <param name="positions">The values per channel of one row.</param>
    /// <param name="epsilon">Added to the variance before its square root.</param>
    /// <exception cref="ArgumentException">A channel has a single value in the batch, whose variance is undefined (PyTorch refuses it too).</exception>
    public static void TrainingForward(ReadOnlySpan<float> x, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, Span<float> z, Span<float> statistics, int rows, int channels, int positions, float epsilon)
    {
        int count = rows * positions;
        if (count < 2)
        {
            throw new ArgumentException(
                "Batch normalisation needs more than one value per channel in training, but the batch has one row (PyTorch refuses it too). Train on batches of two rows or more, or use ComputeLoss and the predictions, which use the running statistics.",
                "inputs");
        }

        for (int c = 0; c < channels; c++)
        {
            double sum = 0;
            for (int r = 0; r < rows; r++)
            {
                ReadOnlySpan<float> values = x.Slice(((r * channels) + c) * positions, positions);
                for (int p = 0; p < values.Length; p++)
                {
                    sum += values[p];
                }
            }

            double mean = sum / count;
            double squares = 0;
            for (int r = 0; r < rows; r++)
            {
                ReadOnlySpan<float> values = x.Slice(((r * channels) + c) * positions, positions);
                for (int p = 0; p < values.Length; p++)
                {
                    double d = values[p] - mean;
                    squares += d * d;
                }
            }

            float variance = (float)(squares / count);
            float invStd = 1f / MathF.Sqrt(variance + epsilon);
            float m = (float)mean;
            statistics[c] = m;
            statistics[channels + c] = invStd;
            statistics[(2 * channels) + c] = (float)(squares / (count - 1));
            Normalize(x, z, c, m, invStd, gamma[c], beta[c], rows, channels, positions);
        }
    }

    /// <summary>The forward pass of predictions and <c>ComputeLoss</c> (PyTorch's <c>eval()</c>): normalises with the running statistics.</summary>
    /// <param name="x">The rows' inputs.</param>
    /// <param name="gamma">γ per channel.</param>
    /// <param name="beta">β per channel.</param>
    /// <param name="runningMean">The running mean per channel.</param>
    /// <param name="runningVariance">The running variance per channel.</param>
    /// <param name="z">Receives <c>γ · (x − mean) / √(var + ε) + β</c>; may be <paramref name="x"/>.</param>
    /// <param name="channels">The features or channels.</param>
    /// <param name="positions">The values per channel of one row.</param>
    /// <param name="epsilon">Added to the variance before its square root.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward(ReadOnlySpan<float> x, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, ReadOnlySpan<float> runningMean, ReadOnlySpan<float> runningVariance, Span<float> z, int channels, int positions, float epsilon)
    {
        int rows = x.Length / (channels * positions);
        for (int c = 0; c < channels; c++)
        {
            Normalize(x, z, c, runningMean[c], 1f / MathF.Sqrt(runningVariance[c] + epsilon), gamma[c], beta[c], rows, channels, positions);
        }
    }

    /// <summary>Channel <paramref name="c"/> of every row: <c>z = (x − mean) · invStd · γ + β</c>, the same arithmetic in training and predictions.</summary>
    private static void Normalize(ReadOnlySpan<float> x, Span<float> z, int c, float mean, float invStd, float gamma, float beta, int rows, int channels, int positions)
    {
        for (int r = 0; r < rows; r++)
        {
            int start = ((r * channels) + c) * positions;
            for (int p = start; p < start + positions; p++)
            {
                z[p] = ((x[p] - mean) * invStd * gamma) + beta;
            }
        }
    }

    /// <summary>
    /// The backward pass through the batch's statistics: adds <c>Σ δ·x̂</c> to ∂L/∂γ and <c>Σ δ</c> to ∂L/∂β and, unless
    /// <paramref name="inputDelta"/> is empty, writes <c>∂L/∂x = γ/(n·σ) · (n·δ − Σ δ − x̂ · Σ δ·x̂)</c>, n = rows × positions.
    /// </summary>
    /// <param name="x">The block's inputs, as <see cref="TrainingForward"/> read them.</param>
    /// <param name="delta">∂L/∂z of the block.</param>
    /// <param name="gamma">γ per channel.</param>
    /// <param name="statistics">The statistics <see cref="TrainingForward"/> kept.</param>
    /// <param name="gammaGradient">∂L/∂γ, added to.</param>
    /// <param name="betaGradient">∂L/∂β, added to.</param>
    /// <param name="inputDelta">Receives ∂L/∂x, or empty.</param>
    /// <param name="rows">The rows of the block.</param>
    /// <param name="channels">The features or channels.</param>
    /// <param name="positions">The values per channel of one row.</param>
    public static void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> delta, ReadOnlySpan<float> gamma, ReadOnlySpan<float> statistics, Span<float> gammaGradient, Span<float> betaGradient, Span<float> inputDelta, int rows, int channels, int positions)
    {
        int count = rows * positions;
        for (int c = 0; c < channels; c++)
        {
            float m = statistics[c];
            float invStd = statistics[channels + c];
            double sumDelta = 0;
            double sumDeltaNormalized = 0;
            for (int r = 0; r < rows; r++)
            {
                int start = ((r * channels) + c) * positions;
                for (int p = start; p < start + positions; p++)
                {
                    sumDelta += delta[p];
                    sumDeltaNormalized += delta[p] * ((x[p] - m) * invStd);
                }
            }

            gammaGradient[c] += (float)sumDeltaNormalized;
            betaGradient[c] += (float)sumDelta;
            if (inputDelta.IsEmpty)
            {
                continue;
            }

            float scale = gamma[c] * invStd / count;
            float meanDelta = (float)sumDelta;
            float meanDeltaNormalized = (float)sumDeltaNormalized;
            for (int r = 0; r < rows; r++)
            {
                int start = ((r * channels) + c) * positions;
                for (int p = start; p < start + positions; p++)
                {
                    float normalized = (x[p] - m) * invStd;
                    inputDelta[p] = scale * ((count * delta[p]) - meanDelta - (normalized * meanDeltaNormalized));
                }
            }
        }
    }

    /// <summary>Folds a batch's statistics into the running ones, as PyTorch: <c>running = (1 − m) · running + m · batch</c>, with the unbiased variance.</summary>
    /// <param name="runningMean">The running mean per channel.</param>
    /// <param name="runningVariance">The running variance per channel.</param>
    /// <param name="statistics">The statistics <see cref="TrainingForward"/> kept.</param>
    /// <param name="momentum">The momentum m, in (0, 1].</param>
    public static void UpdateRunning(Span<float> runningMean, Span<float> runningVariance, ReadOnlySpan<float> statistics, float momentum)
    {
        int channels = runningMean.Length;
        for (int c = 0; c < channels; c++)
        {
            runningMean[c] = ((1f - momentum) * runningMean[c]) + (momentum * statistics[c]);
            runningVariance[c] = ((1f - momentum) * runningVariance[c]) + (momentum * statistics[(2 * channels) + c]);
        }
    }

    /// <summary>Throws unless every running variance is at least 0, so that loaded statistics cannot make predictions take the root of a negative number.</summary>
    /// <param name="variances">One layer's running variances.</param>
    /// <param name="name">The parameter's name.</param>
    /// <exception cref="ArgumentException">A variance is negative.</exception>
    public static void CheckVariances(ReadOnlySpan<float> variances, string name)
    {
        for (int c = 0; c < variances.Length; c++)
        {
            if (variances[c] < 0f)
            {
                throw new ArgumentException($"Expected running variances of at least 0, but the variance of channel {c} is {variances[c]}; nothing was changed.", name);
            }
        }
    }
}
