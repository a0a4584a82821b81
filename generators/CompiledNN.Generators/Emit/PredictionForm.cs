namespace CompiledNN.Generators.Emit;

/// <summary>Which implementation the forward pass is written into; the code is the same in both.</summary>
internal enum PredictionForm
{
    /// <summary>A trainable network's instance methods.</summary>
    Trainable,

    /// <summary>The instance behind an inference-only network: the trainable forward pass over the baked weights, without the setters.</summary>
    Baked,
}
