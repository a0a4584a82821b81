namespace CompiledNN.Generators.Emit;

/// <summary>Which class the prediction methods are written into; the forward pass itself is the same code in all of them.</summary>
internal enum PredictionForm
{
    /// <summary>A trainable network's instance methods.</summary>
    Trainable,

    /// <summary>The private instance behind an inference-only network: the trainable forward pass over the baked weights, without the setters.</summary>
    Baked,

    /// <summary>An inference-only network's public static methods, which call the <see cref="Baked"/> instance.</summary>
    Static,
}
