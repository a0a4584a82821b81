namespace CompiledNN;

/// <summary>The optimizers' hyperparameters when <see cref="NetworkAttribute"/> leaves them unset, as <c>torch.optim</c> has them.</summary>
/// <remarks>This file is also compiled into the generator, which resolves the defaults.</remarks>
internal static class OptimizerDefaults
{
    public const float Momentum = 0.9f;
    public const float Beta1 = 0.9f;
    public const float Beta2 = 0.999f;
    public const float Rho = 0.99f;
    public const float Epsilon = 1e-8f;
    public const float AdaGradEpsilon = 1e-10f;
    public const float AdamWWeightDecay = 0.01f;
    public const float AdamLearningRate = 0.001f;
    public const float LearningRate = 0.01f;

    /// <summary>The learning rate of <paramref name="optimizer"/> when unset.</summary>
    public static float LearningRateOf(Optimizer optimizer) => optimizer is Optimizer.Adam or Optimizer.AdamW ? AdamLearningRate : LearningRate;

    /// <summary>The ε of <paramref name="optimizer"/> when unset.</summary>
    public static float EpsilonOf(Optimizer optimizer) => optimizer == Optimizer.AdaGrad ? AdaGradEpsilon : Epsilon;

    /// <summary>The weight decay of <paramref name="optimizer"/> when unset.</summary>
    public static float WeightDecayOf(Optimizer optimizer) => optimizer == Optimizer.AdamW ? AdamWWeightDecay : 0f;
}
