namespace CompiledNN;

/// <summary>The update rule applied to the parameters after each gradient, as <c>torch.optim</c> defines it.</summary>
/// <remarks>This file is also compiled into the generator.</remarks>
public enum Optimizer
{
    /// <summary>Adam with bias correction (β1 0.9, β2 0.999, ε 1e-8): the default.</summary>
    Adam = 0,

    /// <summary>Plain stochastic gradient descent: <c>w −= η g</c>.</summary>
    Sgd = 1,

    /// <summary>SGD with momentum μ: <c>b = μb + g; w −= η b</c> (first step <c>b = g</c>).</summary>
    Momentum = 2,

    /// <summary>SGD with Nesterov momentum: <c>b = μb + g; w −= η (g + μ b)</c>.</summary>
    Nesterov = 3,

    /// <summary>AdaGrad: <c>s += g²; w −= η g / (√s + ε)</c>, ε 1e-10.</summary>
    AdaGrad = 4,

    /// <summary>RMSProp: <c>s = ρs + (1 − ρ)g²; w −= η g / (√s + ε)</c>, ρ 0.99, ε 1e-8.</summary>
    RMSProp = 5,

    /// <summary>Adam with decoupled weight decay (default λ 0.01).</summary>
    AdamW = 6,
}
