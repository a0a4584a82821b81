namespace CompiledNN;

/// <summary>How a network with baked weights stores them and computes its dense layers.</summary>
/// <remarks>This file is also compiled into the generator.</remarks>
public enum Quantization
{
    /// <summary>float32 weights and arithmetic, the trainable network's own forward pass.</summary>
    None = 0,

    /// <summary>
    /// Each dense layer's weights as symmetric int8 with one float scale per unit, chosen at compile time; each row's
    /// inputs to such a layer quantised to 7 bits when it runs, multiplied in int32 and scaled back to float before the
    /// bias and activation. See docs/numerics.md.
    /// </summary>
    Int8 = 1,
}
