using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CompiledNN.Runtime;

/// <summary>
/// The update rules of <c>torch.optim</c> over the contiguous parameter block, with the same order of operations as
/// PyTorch's single-tensor implementations so that the two agree to float rounding. <c>weightDecay</c> is PyTorch's
/// <c>weight_decay</c>: L2, added to the gradient (decoupled only in AdamW).
/// </summary>
/// <remarks>
/// Each rule is written once over a register type and run with the widest registers the processor accelerates (512,
/// 256, 128 bits, then one float for the last elements). No fused multiply-add, no reordering: every element rounds
/// as it would one at a time, whatever the width. The one departure from PyTorch's operations is Adam's, noted there.
/// <para>
/// State that decays (moments, momentum, running means) is stored as 0 once it falls below the smallest normal float
/// (1.2e-38): arithmetic on subnormal floats takes a slow microcode path on x64, and a parameter whose gradient stays 0
/// (a dead ReLU unit, a feature that is always 0) would otherwise pay it on every step for thousands of steps. The
/// effect on a step is below float resolution: a subnormal moment moves a parameter by less than 1e-30 · η, and a
/// subnormal second moment changes √v + ε by less than 1e-11 of ε.
/// </para>
/// <para>
/// Each rule has two forms: in place, and out of place, which reads the parameters and state and writes the updated
/// ones elsewhere (the same span is allowed: that is the in-place form), and returns whether every value it wrote is
/// usable, as <see cref="StepRollback"/> defines it. The check rides along in registers in the same pass, so a caller
/// that keeps the old values can drop a bad step without copying anything first or scanning anything after.
/// </para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Optimizers
{
    /// <summary>SGD: <c>w −= η (g + λw)</c>.</summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="gradient">Their gradient.</param>
    /// <param name="learningRate">η.</param>
    /// <param name="weightDecay">λ.</param>
    public static void Sgd(Span<float> parameters, ReadOnlySpan<float> gradient, float learningRate, float weightDecay) =>
        _ = Sgd(parameters, gradient, parameters, learningRate, weightDecay);

    /// <summary>SGD out of place: <c>w′ = w − η (g + λw)</c>.</summary>
    /// <param name="parameters">The parameters w.</param>
    /// <param name="gradient">Their gradient.</param>
    /// <param name="updatedParameters">Receives w′; may be <paramref name="parameters"/> itself, but must not otherwise overlap an input.</param>
    /// <param name="learningRate">η.</param>
    /// <param name="weightDecay">λ.</param>
    /// <returns>Whether every updated parameter is within ±<see cref="StepRollback.ParameterLimit"/> (a NaN is not).</returns>
    public static bool Sgd(ReadOnlySpan<float> parameters, ReadOnlySpan<float> gradient, Span<float> updatedParameters, float learningRate, float weightDecay)
    {
        CheckLength(gradient.Length, parameters.Length, nameof(gradient));
        CheckLength(updatedParameters.Length, parameters.Length, nameof(updatedParameters));
        var rule = new SgdRule(learningRate, weightDecay);
        return Run(ref rule, parameters, gradient, default, default, updatedParameters, default, default);
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
        Span<float> parameters, ReadOnlySpan<float> gradient, Span<float> velocity, float learningRate, float momentum, float weightDecay, bool nesterov, bool firstStep) =>
        _ = Momentum(parameters, gradient, velocity, parameters, velocity, learningRate, momentum, weightDecay, nesterov, firstStep);

    /// <summary>SGD with momentum out of place: <see cref="Momentum(Span{float}, ReadOnlySpan{float}, Span{float}, float, float, float, bool, bool)"/>, writing w′ and b′ elsewhere.</summary>
    /// <param name="parameters">The parameters w.</param>
    /// <param name="gradient">Their gradient.</param>
    /// <param name="velocity">The momentum buffer b, one per parameter.</param>
    /// <param name="updatedParameters">Receives w′; may be <paramref name="parameters"/> itself, but must not otherwise overlap an input.</param>
    /// <param name="updatedVelocity">Receives b′; may be <paramref name="velocity"/> itself, but must not otherwise overlap an input.</param>
    /// <param name="learningRate">η.</param>
    /// <param name="momentum">μ.</param>
    /// <param name="weightDecay">λ.</param>
    /// <param name="nesterov">Whether to apply Nesterov's correction.</param>
    /// <param name="firstStep">Whether the buffer is still empty, as PyTorch's is before its first step.</param>
    /// <returns>Whether every updated parameter is within ±<see cref="StepRollback.ParameterLimit"/> and every updated b′ finite.</returns>
    public static bool Momentum(
        ReadOnlySpan<float> parameters,
        ReadOnlySpan<float> gradient,
        ReadOnlySpan<float> velocity,
        Span<float> updatedParameters,
        Span<float> updatedVelocity,
        float learningRate,
        float momentum,
        float weightDecay,
        bool nesterov,
        bool firstStep)
    {
        CheckLength(gradient.Length, parameters.Length, nameof(gradient));
        CheckLength(velocity.Length, parameters.Length, nameof(velocity));
        CheckLength(updatedParameters.Length, parameters.Length, nameof(updatedParameters));
        CheckLength(updatedVelocity.Length, parameters.Length, nameof(updatedVelocity));
        // On the first step b = g: the same as μ·0 + g, since the buffer starts at 0.
        var rule = new MomentumRule(learningRate, firstStep ? 0f : momentum, momentum, weightDecay, nesterov);
        return Run(ref rule, parameters, gradient, velocity, default, updatedParameters, updatedVelocity, default);
    }

    /// <summary>AdaGrad: <c>s += g²; w −= η g / (√s + ε)</c>.</summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="gradient">Their gradient.</param>
    /// <param name="sumOfSquares">The accumulated squared gradients s.</param>
    /// <param name="learningRate">η.</param>
    /// <param name="epsilon">ε.</param>
    /// <param name="weightDecay">λ.</param>
    public static void AdaGrad(
        Span<float> parameters, ReadOnlySpan<float> gradient, Span<float> sumOfSquares, float learningRate, float epsilon, float weightDecay) =>
        _ = AdaGrad(parameters, gradient, sumOfSquares, parameters, sumOfSquares, learningRate, epsilon, weightDecay);

    /// <summary>AdaGrad out of place: <see cref="AdaGrad(Span{float}, ReadOnlySpan{float}, Span{float}, float, float, float)"/>, writing w′ and s′ elsewhere.</summary>
    /// <param name="parameters">The parameters w.</param>
    /// <param name="gradient">Their gradient.</param>
    /// <param name="sumOfSquares">The accumulated squared gradients s.</param>
    /// <param name="updatedParameters">Receives w′; may be <paramref name="parameters"/> itself, but must not otherwise overlap an input.</param>
    /// <param name="updatedSumOfSquares">Receives s′; may be <paramref name="sumOfSquares"/> itself, but must not otherwise overlap an input.</param>
    /// <param name="learningRate">η.</param>
    /// <param name="epsilon">ε.</param>
    /// <param name="weightDecay">λ.</param>
    /// <returns>Whether every updated parameter is within ±<see cref="StepRollback.ParameterLimit"/> and every updated s′ finite.</returns>
    public static bool AdaGrad(
        ReadOnlySpan<float> parameters,
        ReadOnlySpan<float> gradient,
        ReadOnlySpan<float> sumOfSquares,
        Span<float> updatedParameters,
        Span<float> updatedSumOfSquares,
        float learningRate,
        float epsilon,
        float weightDecay)
    {
        CheckLength(gradient.Length, parameters.Length, nameof(gradient));
        CheckLength(sumOfSquares.Length, parameters.Length, nameof(sumOfSquares));
        CheckLength(updatedParameters.Length, parameters.Length, nameof(updatedParameters));
        CheckLength(updatedSumOfSquares.Length, parameters.Length, nameof(updatedSumOfSquares));
        var rule = new AdaGradRule(learningRate, epsilon, weightDecay);
        return Run(ref rule, parameters, gradient, sumOfSquares, default, updatedParameters, updatedSumOfSquares, default);
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
        Span<float> parameters, ReadOnlySpan<float> gradient, Span<float> meanSquare, float learningRate, float rho, float epsilon, float weightDecay) =>
        _ = RMSProp(parameters, gradient, meanSquare, parameters, meanSquare, learningRate, rho, epsilon, weightDecay);

    /// <summary>RMSProp out of place: <see cref="RMSProp(Span{float}, ReadOnlySpan{float}, Span{float}, float, float, float, float)"/>, writing w′ and s′ elsewhere.</summary>
    /// <param name="parameters">The parameters w.</param>
    /// <param name="gradient">Their gradient.</param>
    /// <param name="meanSquare">The running mean of squared gradients s.</param>
    /// <param name="updatedParameters">Receives w′; may be <paramref name="parameters"/> itself, but must not otherwise overlap an input.</param>
    /// <param name="updatedMeanSquare">Receives s′; may be <paramref name="meanSquare"/> itself, but must not otherwise overlap an input.</param>
    /// <param name="learningRate">η.</param>
    /// <param name="rho">ρ.</param>
    /// <param name="epsilon">ε.</param>
    /// <param name="weightDecay">λ.</param>
    /// <returns>Whether every updated parameter is within ±<see cref="StepRollback.ParameterLimit"/> and every updated s′ finite.</returns>
    public static bool RMSProp(
        ReadOnlySpan<float> parameters,
        ReadOnlySpan<float> gradient,
        ReadOnlySpan<float> meanSquare,
        Span<float> updatedParameters,
        Span<float> updatedMeanSquare,
        float learningRate,
        float rho,
        float epsilon,
        float weightDecay)
    {
        CheckLength(gradient.Length, parameters.Length, nameof(gradient));
        CheckLength(meanSquare.Length, parameters.Length, nameof(meanSquare));
        CheckLength(updatedParameters.Length, parameters.Length, nameof(updatedParameters));
        CheckLength(updatedMeanSquare.Length, parameters.Length, nameof(updatedMeanSquare));
        var rule = new RMSPropRule(learningRate, rho, epsilon, weightDecay);
        return Run(ref rule, parameters, gradient, meanSquare, default, updatedParameters, updatedMeanSquare, default);
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
    /// <param name="beta1Power">β1ᵗ for this step t (1-based); the caller keeps it as a running product, so that a step needs no power function.</param>
    /// <param name="beta2Power">β2ᵗ.</param>
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
        double beta1Power,
        double beta2Power) =>
        _ = Adam(
            parameters,
            gradient,
            firstMoment,
            secondMoment,
            parameters,
            firstMoment,
            secondMoment,
            learningRate,
            beta1,
            beta2,
            epsilon,
            weightDecay,
            decoupled,
            beta1Power,
            beta2Power);

    /// <summary>
    /// Adam out of place: <see cref="Adam(Span{float}, ReadOnlySpan{float}, Span{float}, Span{float}, float, float, float, float, float, bool, double, double)"/>,
    /// writing w′, m′ and v′ elsewhere.
    /// </summary>
    /// <param name="parameters">The parameters w.</param>
    /// <param name="gradient">Their gradient.</param>
    /// <param name="firstMoment">m.</param>
    /// <param name="secondMoment">v.</param>
    /// <param name="updatedParameters">Receives w′; may be <paramref name="parameters"/> itself, but must not otherwise overlap an input.</param>
    /// <param name="updatedFirstMoment">Receives m′; may be <paramref name="firstMoment"/> itself, but must not otherwise overlap an input.</param>
    /// <param name="updatedSecondMoment">Receives v′; may be <paramref name="secondMoment"/> itself, but must not otherwise overlap an input.</param>
    /// <param name="learningRate">η.</param>
    /// <param name="beta1">β1.</param>
    /// <param name="beta2">β2.</param>
    /// <param name="epsilon">ε.</param>
    /// <param name="weightDecay">λ.</param>
    /// <param name="decoupled">Whether the weight decay is AdamW's.</param>
    /// <param name="beta1Power">β1ᵗ for this step t (1-based).</param>
    /// <param name="beta2Power">β2ᵗ.</param>
    /// <returns>Whether every updated parameter is within ±<see cref="StepRollback.ParameterLimit"/> and every updated m′ and v′ finite.</returns>
    public static bool Adam(
        ReadOnlySpan<float> parameters,
        ReadOnlySpan<float> gradient,
        ReadOnlySpan<float> firstMoment,
        ReadOnlySpan<float> secondMoment,
        Span<float> updatedParameters,
        Span<float> updatedFirstMoment,
        Span<float> updatedSecondMoment,
        float learningRate,
        float beta1,
        float beta2,
        float epsilon,
        float weightDecay,
        bool decoupled,
        double beta1Power,
        double beta2Power)
    {
        CheckLength(gradient.Length, parameters.Length, nameof(gradient));
        CheckLength(firstMoment.Length, parameters.Length, nameof(firstMoment));
        CheckLength(secondMoment.Length, parameters.Length, nameof(secondMoment));
        CheckLength(updatedParameters.Length, parameters.Length, nameof(updatedParameters));
        CheckLength(updatedFirstMoment.Length, parameters.Length, nameof(updatedFirstMoment));
        CheckLength(updatedSecondMoment.Length, parameters.Length, nameof(updatedSecondMoment));
        // PyTorch computes the bias corrections in double (Python floats) and applies them as scalars. It divides √v by
        // √(1 − β2ᵗ); multiplying by the reciprocal instead leaves one division per element rather than two (the
        // divider bounds this loop), at a cost of at most one rounding in the denominator.
        var rule = new AdamRule(
            stepSize: (float)(learningRate / (1.0 - beta1Power)),
            inverseCorrection2Sqrt: (float)(1.0 / Math.Sqrt(1.0 - beta2Power)),
            beta1,
            beta2,
            epsilon,
            decay: decoupled ? 1f - (learningRate * weightDecay) : 1f,
            l2: decoupled ? 0f : weightDecay);
        return Run(ref rule, parameters, gradient, firstMoment, secondMoment, updatedParameters, updatedFirstMoment, updatedSecondMoment);
    }

    private static void CheckLength(int actual, int expected, string name)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"Expected {expected} values, one per parameter, but {name} has {actual}.", name);
        }
    }

    /// <summary>
    /// Applies <paramref name="rule"/> to every element, the widest registers first, reading w, g, s1, s2 and writing w′,
    /// s1′, s2′; returns whether every value written is usable.
    /// </summary>
    private static bool Run<TRule>(
        ref TRule rule,
        ReadOnlySpan<float> parameters,
        ReadOnlySpan<float> gradient,
        ReadOnlySpan<float> state1,
        ReadOnlySpan<float> state2,
        Span<float> updatedParameters,
        Span<float> updatedState1,
        Span<float> updatedState2)
        where TRule : struct, IRule
    {
        var at = new Operands(
            ref MemoryMarshal.GetReference(parameters),
            ref MemoryMarshal.GetReference(gradient),
            ref MemoryMarshal.GetReference(state1),
            ref MemoryMarshal.GetReference(state2),
            ref MemoryMarshal.GetReference(updatedParameters),
            ref MemoryMarshal.GetReference(updatedState1),
            ref MemoryMarshal.GetReference(updatedState2));
        nint length = parameters.Length;
        nint i = 0;
        bool usable = true;
        if (Vector512.IsHardwareAccelerated)
        {
            i = rule.Update<Lanes512, Vector512<float>>(in at, i, length, ref usable);
        }

        if (Vector256.IsHardwareAccelerated)
        {
            i = rule.Update<Lanes256, Vector256<float>>(in at, i, length, ref usable);
        }

        if (Vector128.IsHardwareAccelerated)
        {
            i = rule.Update<Lanes128, Vector128<float>>(in at, i, length, ref usable);
        }

        rule.Update<Scalar, float>(in at, i, length, ref usable);
        return usable;
    }

    /// <summary>Where a rule reads (w, g, s1, s2) and writes (w′, s1′, s2′); a write may be to the very place it reads.</summary>
    private readonly ref struct Operands
    {
        public readonly ref float W;
        public readonly ref float G;
        public readonly ref float S1;
        public readonly ref float S2;
        public readonly ref float UpdatedW;
        public readonly ref float UpdatedS1;
        public readonly ref float UpdatedS2;

        public Operands(ref float w, ref float g, ref float s1, ref float s2, ref float updatedW, ref float updatedS1, ref float updatedS2)
        {
            W = ref w;
            G = ref g;
            S1 = ref s1;
            S2 = ref s2;
            UpdatedW = ref updatedW;
            UpdatedS1 = ref updatedS1;
            UpdatedS2 = ref updatedS2;
        }
    }

    /// <summary>
    /// An update rule with its per-step constants; updates elements from <c>i</c> while a whole register fits, and returns
    /// where it stopped. Every element's loads come before its stores, so that the update may be in place. Clears
    /// <c>usable</c> if a parameter it wrote is beyond ±<see cref="StepRollback.ParameterLimit"/> or a state value not finite.
    /// </summary>
    private interface IRule
    {
        nint Update<TLanes, TVector>(in Operands at, nint i, nint length, ref bool usable)
            where TLanes : struct, ILanes<TVector>
            where TVector : struct;
    }

    private readonly struct SgdRule(float learningRate, float weightDecay) : IRule
    {
        public nint Update<TLanes, TVector>(in Operands at, nint i, nint length, ref bool usable)
            where TLanes : struct, ILanes<TVector>
            where TVector : struct
        {
            ref float w = ref at.W;
            ref float g = ref at.G;
            ref float updatedW = ref at.UpdatedW;
            TVector eta = TLanes.Broadcast(learningRate);
            TVector lambda = TLanes.Broadcast(weightDecay);
            TVector parameterLimit = TLanes.Broadcast(StepRollback.ParameterLimit);
            TVector within = TLanes.AllTrue;
            for (; i <= length - TLanes.Count; i += TLanes.Count)
            {
                TVector weight = TLanes.Load(ref w, i);
                TVector gradient = TLanes.Add(TLanes.Load(ref g, i), TLanes.Multiply(lambda, weight));
                TVector updated = TLanes.Subtract(weight, TLanes.Multiply(eta, gradient));
                TLanes.Store(updated, ref updatedW, i);
                within = TLanes.AndWithin(within, updated, parameterLimit);
            }

            usable &= TLanes.All(within);
            return i;
        }
    }

    private readonly struct MomentumRule(float learningRate, float keep, float momentum, float weightDecay, bool nesterov) : IRule
    {
        public nint Update<TLanes, TVector>(in Operands at, nint i, nint length, ref bool usable)
            where TLanes : struct, ILanes<TVector>
            where TVector : struct
        {
            ref float w = ref at.W;
            ref float g = ref at.G;
            ref float s1 = ref at.S1;
            ref float updatedW = ref at.UpdatedW;
            ref float updatedS1 = ref at.UpdatedS1;
            TVector eta = TLanes.Broadcast(learningRate);
            TVector lambda = TLanes.Broadcast(weightDecay);
            TVector mu = TLanes.Broadcast(momentum);
            TVector muOld = TLanes.Broadcast(keep);
            TVector parameterLimit = TLanes.Broadcast(StepRollback.ParameterLimit);
            TVector stateLimit = TLanes.Broadcast(float.MaxValue);
            TVector within = TLanes.AllTrue;
            for (; i <= length - TLanes.Count; i += TLanes.Count)
            {
                TVector weight = TLanes.Load(ref w, i);
                TVector gradient = TLanes.Add(TLanes.Load(ref g, i), TLanes.Multiply(lambda, weight));
                TVector b = TLanes.FlushSubnormal(TLanes.Add(TLanes.Multiply(muOld, TLanes.Load(ref s1, i)), gradient));
                TLanes.Store(b, ref updatedS1, i);
                TVector direction = nesterov ? TLanes.Add(gradient, TLanes.Multiply(mu, b)) : b;
                TVector updated = TLanes.Subtract(weight, TLanes.Multiply(eta, direction));
                TLanes.Store(updated, ref updatedW, i);
                within = TLanes.AndWithin(TLanes.AndWithin(within, updated, parameterLimit), b, stateLimit);
            }

            usable &= TLanes.All(within);
            return i;
        }
    }

    private readonly struct AdaGradRule(float learningRate, float epsilon, float weightDecay) : IRule
    {
        public nint Update<TLanes, TVector>(in Operands at, nint i, nint length, ref bool usable)
            where TLanes : struct, ILanes<TVector>
            where TVector : struct
        {
            ref float w = ref at.W;
            ref float g = ref at.G;
            ref float s1 = ref at.S1;
            ref float updatedW = ref at.UpdatedW;
            ref float updatedS1 = ref at.UpdatedS1;
            TVector eta = TLanes.Broadcast(learningRate);
            TVector lambda = TLanes.Broadcast(weightDecay);
            TVector eps = TLanes.Broadcast(epsilon);
            TVector parameterLimit = TLanes.Broadcast(StepRollback.ParameterLimit);
            TVector stateLimit = TLanes.Broadcast(float.MaxValue);
            TVector within = TLanes.AllTrue;
            for (; i <= length - TLanes.Count; i += TLanes.Count)
            {
                TVector weight = TLanes.Load(ref w, i);
                TVector gradient = TLanes.Add(TLanes.Load(ref g, i), TLanes.Multiply(lambda, weight));
                TVector s = TLanes.Add(TLanes.Load(ref s1, i), TLanes.Multiply(gradient, gradient));
                TLanes.Store(s, ref updatedS1, i);
                TVector step = TLanes.Divide(gradient, TLanes.Add(TLanes.Sqrt(s), eps));
                TVector updated = TLanes.Subtract(weight, TLanes.Multiply(eta, step));
                TLanes.Store(updated, ref updatedW, i);
                within = TLanes.AndWithin(TLanes.AndWithin(within, updated, parameterLimit), s, stateLimit);
            }

            usable &= TLanes.All(within);
            return i;
        }
    }

    private readonly struct RMSPropRule(float learningRate, float rho, float epsilon, float weightDecay) : IRule
    {
        public nint Update<TLanes, TVector>(in Operands at, nint i, nint length, ref bool usable)
            where TLanes : struct, ILanes<TVector>
            where TVector : struct
        {
            ref float w = ref at.W;
            ref float g = ref at.G;
            ref float s1 = ref at.S1;
            ref float updatedW = ref at.UpdatedW;
            ref float updatedS1 = ref at.UpdatedS1;
            TVector eta = TLanes.Broadcast(learningRate);
            TVector lambda = TLanes.Broadcast(weightDecay);
            TVector eps = TLanes.Broadcast(epsilon);
            TVector decay = TLanes.Broadcast(rho);
            TVector keep = TLanes.Broadcast(1f - rho);
            TVector parameterLimit = TLanes.Broadcast(StepRollback.ParameterLimit);
            TVector stateLimit = TLanes.Broadcast(float.MaxValue);
            TVector within = TLanes.AllTrue;
            for (; i <= length - TLanes.Count; i += TLanes.Count)
            {
                TVector weight = TLanes.Load(ref w, i);
                TVector gradient = TLanes.Add(TLanes.Load(ref g, i), TLanes.Multiply(lambda, weight));
                TVector s = TLanes.FlushSubnormal(TLanes.Add(TLanes.Multiply(decay, TLanes.Load(ref s1, i)), TLanes.Multiply(TLanes.Multiply(keep, gradient), gradient)));
                TLanes.Store(s, ref updatedS1, i);
                TVector step = TLanes.Divide(gradient, TLanes.Add(TLanes.Sqrt(s), eps));
                TVector updated = TLanes.Subtract(weight, TLanes.Multiply(eta, step));
                TLanes.Store(updated, ref updatedW, i);
                within = TLanes.AndWithin(TLanes.AndWithin(within, updated, parameterLimit), s, stateLimit);
            }

            usable &= TLanes.All(within);
            return i;
        }
    }

    private readonly struct AdamRule(float stepSize, float inverseCorrection2Sqrt, float beta1, float beta2, float epsilon, float decay, float l2) : IRule
    {
        public nint Update<TLanes, TVector>(in Operands at, nint i, nint length, ref bool usable)
            where TLanes : struct, ILanes<TVector>
            where TVector : struct
        {
            ref float w = ref at.W;
            ref float g = ref at.G;
            ref float s1 = ref at.S1;
            ref float s2 = ref at.S2;
            ref float updatedW = ref at.UpdatedW;
            ref float updatedS1 = ref at.UpdatedS1;
            ref float updatedS2 = ref at.UpdatedS2;
            TVector step = TLanes.Broadcast(stepSize);
            TVector correction = TLanes.Broadcast(inverseCorrection2Sqrt);
            TVector b1 = TLanes.Broadcast(beta1);
            TVector b2 = TLanes.Broadcast(beta2);
            TVector keep1 = TLanes.Broadcast(1f - beta1);
            TVector keep2 = TLanes.Broadcast(1f - beta2);
            TVector eps = TLanes.Broadcast(epsilon);
            TVector shrink = TLanes.Broadcast(decay);
            TVector lambda = TLanes.Broadcast(l2);
            TVector parameterLimit = TLanes.Broadcast(StepRollback.ParameterLimit);
            TVector stateLimit = TLanes.Broadcast(float.MaxValue);
            TVector within = TLanes.AllTrue;
            for (; i <= length - TLanes.Count; i += TLanes.Count)
            {
                TVector weight = TLanes.Multiply(TLanes.Load(ref w, i), shrink);
                TVector gradient = TLanes.Add(TLanes.Load(ref g, i), TLanes.Multiply(lambda, weight));
                TVector m = TLanes.FlushSubnormal(TLanes.Add(TLanes.Multiply(b1, TLanes.Load(ref s1, i)), TLanes.Multiply(keep1, gradient)));
                TVector v = TLanes.FlushSubnormal(TLanes.Add(TLanes.Multiply(b2, TLanes.Load(ref s2, i)), TLanes.Multiply(TLanes.Multiply(keep2, gradient), gradient)));
                TLanes.Store(m, ref updatedS1, i);
                TLanes.Store(v, ref updatedS2, i);
                TVector denominator = TLanes.Add(TLanes.Multiply(TLanes.Sqrt(v), correction), eps);
                TVector updated = TLanes.Subtract(weight, TLanes.Multiply(step, TLanes.Divide(m, denominator)));
                TLanes.Store(updated, ref updatedW, i);
                within = TLanes.AndWithin(TLanes.AndWithin(TLanes.AndWithin(within, updated, parameterLimit), m, stateLimit), v, stateLimit);
            }

            usable &= TLanes.All(within);
            return i;
        }
    }
}
