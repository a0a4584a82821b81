using System;

namespace CompiledNN;

/// <summary>
/// Marks a <c>partial</c> class as a neural network whose forward pass, backpropagation and optimizer are
/// generated at compile time for the layers declared with <see cref="InputAttribute"/> and <see cref="DenseAttribute"/>.
/// </summary>
/// <remarks>
/// The generator reads only the options that are set explicitly; unset options (NaN here) take the defaults of <c>torch.optim</c> for the chosen optimizer. Every option is read at compile
/// time; the analyzers report values that cannot work or that are known to train badly.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class NetworkAttribute : Attribute
{
    /// <summary>The loss to minimise; <see cref="CompiledNN.Loss.Auto"/> infers it from the output activation.</summary>
    public Loss Loss { get; set; }

    /// <summary>The update rule; Adam unless set.</summary>
    public Optimizer Optimizer { get; set; }

    /// <summary>The step size η; when not set, 0.001 for Adam and AdamW and 0.01 for the others.</summary>
    public float LearningRate { get; set; } = float.NaN;

    /// <summary>Momentum μ for <see cref="Optimizer.Momentum"/> and <see cref="Optimizer.Nesterov"/>; 0.9 when unset.</summary>
    public float Momentum { get; set; } = OptimizerDefaults.Momentum;

    /// <summary>Decay of Adam's first moment; 0.9 when unset.</summary>
    public float Beta1 { get; set; } = OptimizerDefaults.Beta1;

    /// <summary>Decay of Adam's second moment; 0.999 when unset.</summary>
    public float Beta2 { get; set; } = OptimizerDefaults.Beta2;

    /// <summary>The denominator's ε; when not set, 1e-10 for AdaGrad and 1e-8 for the others.</summary>
    public float Epsilon { get; set; } = float.NaN;

    /// <summary>RMSProp's decay ρ; 0.99 when unset.</summary>
    public float Rho { get; set; } = OptimizerDefaults.Rho;

    /// <summary>L2 weight decay λ (added to the gradient; decoupled for AdamW); when not set, 0.01 for AdamW and 0 for the others.</summary>
    public float WeightDecay { get; set; } = float.NaN;

    /// <summary>How weights are drawn at construction; <see cref="Initialization.Auto"/> picks He or Xavier per layer.</summary>
    public Initialization Init { get; set; }

    /// <summary>The δ of <see cref="CompiledNN.Loss.Huber"/>, where the loss turns from quadratic to linear; 1 when unset.</summary>
    public float HuberDelta { get; set; } = 1f;

    /// <summary>
    /// The largest L2 norm of the mean gradient over every parameter: a larger one is scaled by <c>c / (norm + 1e-6)</c>
    /// before weight decay and the optimizer step, as <c>torch.nn.utils.clip_grad_norm_</c>; 0 (the default) clips nothing.
    /// </summary>
    public float ClipGradientNorm { get; set; }

    /// <summary>Straight-line or SIMD loop code for the layers; <see cref="CodeShape.Auto"/> decides by layer size.</summary>
    public CodeShape CodeShape { get; set; }
}
