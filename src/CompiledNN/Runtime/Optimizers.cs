using System;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CompiledNN.Runtime;

/// <summary>
/// The update rules of <c>torch.optim</c>, element by element over the contiguous parameter block, with the same
/// order of operations as PyTorch's single-tensor implementations so that the two agree to float rounding.
/// <c>weightDecay</c> is PyTorch's <c>weight_decay</c>: L2, added to the gradient (decoupled only in AdamW).
/// </summary>
public static class Optimizers
{
    /// <summary>SGD: <c>w −= η (g + λw)</c>.</summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="gradient">Their gradient.</param>
    /// <param name="learningRate">η.</param>
    /// <param name="weightDecay">λ.</param>
    public static void Sgd(Span<float> parameters, ReadOnlySpan<float> gradient, float learningRate, float weightDecay)
    {
        for (int i = 0; i < parameters.Length; i++)
        {
            float g = gradient[i] + (weightDecay * parameters[i]);
            parameters[i] -= learningRate * g;
        }
    }

    /// <summary>
    /// SGD with momentum μ: <c>b = μb + g</c> (on the first step <c>b = g</c>), then <c>w −= η b</c>, or with Nesterov's
    /// correction <c>w −= η (g + μb)</c>.
    /// </summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="gradient">Their gradient.</param>
    /// <param name="velocity">The momentum buffer b, one per parameter.</param>
    /// <param name="learningRate">η.</param>
    /// <param name="momentum">μ.</param>
    /// <param name="weightDecay">λ.</param>
    /// <param name="nesterov">Whether to apply Nesterov's correction.</param>
    /// <param name="firstStep">Whether the buffer is still empty, as PyTorch's is before its first step.</param>
    public static void Momentum(
        Span<float> parameters, ReadOnlySpan<float> gradient, Span<float> velocity, float learningRate, float momentum, float weightDecay, bool nesterov, bool firstStep)
    {
        for (int i = 0; i < parameters.Length; i++)
        {
            float g = gradient[i] + (weightDecay * parameters[i]);
            float b = firstStep ? g : (momentum * velocity[i]) + g;
            velocity[i] = b;
            parameters[i] -= learningRate * (nesterov ? g + (momentum * b) : b);
        }
    }

    /// <summary>AdaGrad: <c>s += g²; w −= η g / (√s + ε)</c>.</summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="gradient">Their gradient.</param>
    /// <param name="sumOfSquares">The accumulated squared gradients s.</param>
    /// <param name="learningRate">η.</param>
    /// <param name="epsilon">ε.</param>
    /// <param name="weightDecay">λ.</param>
    public static void AdaGrad(
        Span<float> parameters, ReadOnlySpan<float> gradient, Span<float> sumOfSquares, float learningRate, float epsilon, float weightDecay)
    {
        for (int i = 0; i < parameters.Length; i++)
        {
            float g = gradient[i] + (weightDecay * parameters[i]);
            float s = sumOfSquares[i] + (g * g);
            sumOfSquares[i] = s;
            parameters[i] -= learningRate * (g / (MathF.Sqrt(s) + epsilon));
        }
    }

    /// <summary>RMSProp: <c>s = ρs + (1 − ρ)g²; w −= η g / (√s + ε)</c>.</summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="gradient">Their gradient.</param>
    /// <param name="meanSquare">The running mean of squared gradients s.</param>
    /// <param name="learningRate">η.</param>
    /// <param name="rho">ρ.</param>
    /// <param name="epsilon">ε.</param>
    /// <param name="weightDecay">λ.</param>
    public static void RMSProp(
        Span<float> parameters, ReadOnlySpan<float> gradient, Span<float> meanSquare, float learningRate, float rho, float epsilon, float weightDecay)
    {
        float keep = 1f - rho;
        for (int i = 0; i < parameters.Length; i++)
        {
            float g = gradient[i] + (weightDecay * parameters[i]);
            float s = (rho * meanSquare[i]) + (keep * g * g);
            meanSquare[i] = s;
            parameters[i] -= learningRate * (g / (MathF.Sqrt(s) + epsilon));
        }
    }

    /// <summary>
    /// Adam with bias correction, as PyTorch computes it: <c>m = β1 m + (1 − β1) g; v = β2 v + (1 − β2) g²;
    /// w −= (η / (1 − β1ᵗ)) · m / (√v / √(1 − β2ᵗ) + ε)</c>. With <paramref name="decoupled"/> (AdamW) the decay is
    /// <c>w −= ηλw</c> before the step instead of <c>λw</c> in the gradient.
    /// </summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="gradient">Their gradient.</param>
    /// <param name="firstMoment">m.</param>
    /// <param name="secondMoment">v.</param>
    /// <param name="learningRate">η.</param>
    /// <param name="beta1">β1.</param>
    /// <param name="beta2">β2.</param>
    /// <param name="epsilon">ε.</param>
    /// <param name="weightDecay">λ.</param>
    /// <param name="decoupled">Whether the weight decay is AdamW's.</param>
    /// <param name="step">The 1-based number of this step, t.</param>
    public static void Adam(
        Span<float> parameters,
        ReadOnlySpan<float> gradient,
        Span<float> firstMoment,
        Span<float> secondMoment,
        float learningRate,
        float beta1,
        float beta2,
        float epsilon,
        float weightDecay,
        bool decoupled,
        long step)
    {
        // PyTorch computes the bias corrections in double (Python floats) and applies them as scalars.
        double correction1 = 1.0 - Math.Pow(beta1, step);
        double correction2 = 1.0 - Math.Pow(beta2, step);
        float stepSize = (float)(learningRate / correction1);
        float correction2Sqrt = (float)Math.Sqrt(correction2);
        float keep1 = 1f - beta1;
        float keep2 = 1f - beta2;
        float decay = decoupled ? 1f - (learningRate * weightDecay) : 1f;
        float l2 = decoupled ? 0f : weightDecay;
        if (gradient.Length != parameters.Length || firstMoment.Length != parameters.Length || secondMoment.Length != parameters.Length)
        {
            throw new ArgumentException($"Expected a gradient and moments of {parameters.Length} values each.", nameof(gradient));
        }

        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            // The same operations in the same order as the scalar loop below (no fused multiply-add), so every
            // element rounds exactly as it would one at a time.
            ref float p = ref MemoryMarshal.GetReference(parameters);
            ref float gr = ref MemoryMarshal.GetReference(gradient);
            ref float m1 = ref MemoryMarshal.GetReference(firstMoment);
            ref float m2 = ref MemoryMarshal.GetReference(secondMoment);
            for (; i <= parameters.Length - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                Vector512<float> w = Vector512.LoadUnsafe(ref p, (nuint)i) * decay;
                Vector512<float> g = Vector512.LoadUnsafe(ref gr, (nuint)i) + (l2 * w);
                Vector512<float> m = (beta1 * Vector512.LoadUnsafe(ref m1, (nuint)i)) + (keep1 * g);
                Vector512<float> v = (beta2 * Vector512.LoadUnsafe(ref m2, (nuint)i)) + (keep2 * g * g);
                m.StoreUnsafe(ref m1, (nuint)i);
                v.StoreUnsafe(ref m2, (nuint)i);
                (w - (stepSize * (m / ((Vector512.Sqrt(v) / correction2Sqrt) + Vector512.Create(epsilon))))).StoreUnsafe(ref p, (nuint)i);
            }
        }

        for (; i < parameters.Length; i++)
        {
            float w = parameters[i] * decay;
            float g = gradient[i] + (l2 * w);
            float m = (beta1 * firstMoment[i]) + (keep1 * g);
            float v = (beta2 * secondMoment[i]) + (keep2 * g * g);
            firstMoment[i] = m;
            secondMoment[i] = v;
            parameters[i] = w - (stepSize * (m / ((MathF.Sqrt(v) / correction2Sqrt) + epsilon)));
        }
    }
}
