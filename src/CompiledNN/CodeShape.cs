namespace CompiledNN;

/// <summary>How the generator writes the matrix products of each layer.</summary>
/// <remarks>This file is also compiled into the generator.</remarks>
public enum CodeShape
{
    /// <summary>
    /// Code with constant offsets for small layers (one row's multiply-adds as loops over the inputs with constant bounds),
    /// the runtime's SIMD kernels for large ones; the threshold and why are in docs/performance.md.
    /// </summary>
    Auto = 0,

    /// <summary>Straight-line code with constant indices for every layer, whatever its size: one statement per multiply-add.</summary>
    Unrolled = 1,

    /// <summary>Constant-bound SIMD loops for every layer, whatever its size.</summary>
    Vectorized = 2,
}
