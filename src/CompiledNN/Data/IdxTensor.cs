namespace CompiledNN.Data;

/// <summary>The contents of an IDX file: its dimensions and its values in row-major order.</summary>
/// <param name="Dimensions">The size of each dimension, outermost first (e.g. 60000, 28, 28 for MNIST images).</param>
/// <param name="Values">The values as floats, row-major.</param>
/// <param name="IsUnsignedByte">Whether the file stored unsigned bytes (type 0x08), as image pixels in [0, 255] are.</param>
public sealed record IdxTensor(int[] Dimensions, float[] Values, bool IsUnsignedByte);
