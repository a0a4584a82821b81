using System;
using System.ComponentModel;

namespace CompiledNN.Runtime;

/// <summary>
/// The losses of one row, with PyTorch's definitions, and their gradients. Each returns the row's summed loss and
/// writes <c>delta = scale · ∂(summed loss)/∂(its input)</c>; the generated code passes the <c>scale</c> that turns the
/// sum into PyTorch's <c>reduction='mean'</c> (1/N for cross-entropy, 1/(N·K) for the element-wise losses).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Losses
{
    /// <summary>Squared error: <c>Σ (a − t)²</c>; <c>delta = scale · 2 (a − t)</c>.</summary>
    /// <param name="output">The network's outputs (activations).</param>
    /// <param name="target">The target row.</param>
    /// <param name="delta">Receives the scaled gradient with respect to <paramref name="output"/>.</param>
    /// <param name="scale">The factor of the mean.</param>
    /// <returns>The summed squared error of the row.</returns>
    public static float MeanSquaredError(ReadOnlySpan<float> output, ReadOnlySpan<float> target, Span<float> delta, float scale)
    {
        float sum = 0f;
        for (int k = 0; k < output.Length; k++)
        {
            float error = output[k] - target[k];
            sum += error * error;
            delta[k] = scale * 2f * error;
        }

        return sum;
    }

    /// <summary>
    /// Huber loss, as PyTorch's <c>HuberLoss</c>: <c>Σ (a − t)² / 2</c> where <c>|a − t| &lt; δ</c> and <c>δ (|a − t| − δ / 2)</c>
    /// elsewhere; <c>delta = scale · clamp(a − t, −δ, δ)</c>.
    /// </summary>
    /// <param name="output">The network's outputs (activations).</param>
    /// <param name="target">The target row.</param>
    /// <param name="delta">Receives the scaled gradient with respect to <paramref name="output"/>.</param>
    /// <param name="scale">The factor of the mean.</param>
    /// <param name="huberDelta">δ, where the loss turns from quadratic to linear.</param>
    /// <returns>The summed Huber loss of the row.</returns>
    public static float Huber(ReadOnlySpan<float> output, ReadOnlySpan<float> target, Span<float> delta, float scale, float huberDelta)
    {
        float sum = 0f;
        for (int k = 0; k < output.Length; k++)
        {
            float error = output[k] - target[k];
            float magnitude = MathF.Abs(error);
            sum += magnitude < huberDelta ? 0.5f * error * error : huberDelta * (magnitude - (0.5f * huberDelta));
            delta[k] = scale * Math.Clamp(error, -huberDelta, huberDelta);
        }

        return sum;
    }

    /// <summary>Absolute error, as PyTorch's <c>L1Loss</c>: <c>Σ |a − t|</c>; <c>delta = scale · sign(a − t)</c>, 0 where <c>a = t</c>.</summary>
    /// <param name="output">The network's outputs (activations).</param>
    /// <param name="target">The target row.</param>
    /// <param name="delta">Receives the scaled gradient with respect to <paramref name="output"/>.</param>
    /// <param name="scale">The factor of the mean.</param>
    /// <returns>The summed absolute error of the row.</returns>
    public static float L1(ReadOnlySpan<float> output, ReadOnlySpan<float> target, Span<float> delta, float scale)
    {
        float sum = 0f;
        for (int k = 0; k < output.Length; k++)
        {
            float error = output[k] - target[k];
            sum += MathF.Abs(error);
            delta[k] = error > 0f ? scale : error < 0f ? -scale : 0f;
        }

        return sum;
    }

    /// <summary>
    /// Cross-entropy of the softmax of <paramref name="logits"/> against a probability row, fused and stable:
    /// <c>−Σ t log softmax(z) = Σt · logsumexp(z) − Σ t z</c>; <c>delta = scale · (softmax(z) Σt − t)</c>, which is
    /// <c>scale · (p − t)</c> for a one-hot or probability target.
    /// </summary>
    /// <param name="logits">The output layer's pre-activations.</param>
    /// <param name="target">The target probabilities (one-hot for a class).</param>
    /// <param name="delta">Receives the scaled gradient with respect to the logits.</param>
    /// <param name="scale">The factor of the mean.</param>
    /// <returns>The row's cross-entropy.</returns>
    public static float CrossEntropy(ReadOnlySpan<float> logits, ReadOnlySpan<float> target, Span<float> delta, float scale)
    {
        float logSumExp = Activations.SoftmaxWithLogSumExp(logits, delta);
        float targetSum = 0f;
        float loss = 0f;
        for (int k = 0; k < logits.Length; k++)
        {
            targetSum += target[k];
            loss += target[k] * (logSumExp - logits[k]);
        }

        for (int k = 0; k < logits.Length; k++)
        {
            delta[k] = scale * ((delta[k] * targetSum) - target[k]);
        }

        return loss;
    }

    /// <summary>Cross-entropy against a class index: <c>logsumexp(z) − z_c</c>; <c>delta = scale · (softmax(z) − onehot(c))</c>.</summary>
    /// <param name="logits">The output layer's pre-activations.</param>
    /// <param name="target">The class, from 0 to the number of logits − 1.</param>
    /// <param name="delta">Receives the scaled gradient with respect to the logits.</param>
    /// <param name="scale">The factor of the mean.</param>
    /// <returns>The row's cross-entropy.</returns>
    public static float CrossEntropy(ReadOnlySpan<float> logits, int target, Span<float> delta, float scale)
    {
        float logSumExp = Activations.SoftmaxWithLogSumExp(logits, delta);
        for (int k = 0; k < logits.Length; k++)
        {
            delta[k] = scale * (k == target ? delta[k] - 1f : delta[k]);
        }

        return logSumExp - logits[target];
    }

    /// <summary>
    /// Binary cross-entropy of the sigmoid of <paramref name="logits"/>, fused as PyTorch's <c>BCEWithLogitsLoss</c>:
    /// <c>max(z, 0) − z t + log(1 + e^−|z|)</c> per output, which never takes the log of 0;
    /// <c>delta = scale · (σ(z) − t)</c>.
    /// </summary>
    /// <param name="logits">The output layer's pre-activations.</param>
    /// <param name="target">The targets, usually 0 or 1.</param>
    /// <param name="delta">Receives the scaled gradient with respect to the logits.</param>
    /// <param name="scale">The factor of the mean.</param>
    /// <returns>The summed loss of the row's outputs.</returns>
    public static float BinaryCrossEntropy(ReadOnlySpan<float> logits, ReadOnlySpan<float> target, Span<float> delta, float scale)
    {
        float sum = 0f;
        for (int k = 0; k < logits.Length; k++)
        {
            float z = logits[k];
            sum += MathF.Max(z, 0f) - (z * target[k]) + Activations.Softplus(-MathF.Abs(z));
            delta[k] = scale * (Activations.Sigmoid(z) - target[k]);
        }

        return sum;
    }
}
