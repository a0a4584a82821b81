using System;
using System.ComponentModel;

namespace CompiledNN.Runtime;

/// <summary>
/// Inverted dropout for the generated training code. Every mask value is drawn from <see cref="NetworkRandom"/>'s
/// generator started at a state that depends only on the network's mask seed, the training call, the layer and the
/// row's index in the batch: the masks do not depend on how rows are split into blocks or between threads, so a
/// seed gives the same training run everywhere.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Dropout
{
    /// <summary>The mask state of one training call: the <paramref name="call"/>-th of the network whose mask seed is <paramref name="seed"/>.</summary>
    /// <param name="seed">The network's mask seed, drawn from its seed.</param>
    /// <param name="call">The number of the training call, counted by the network.</param>
    /// <returns>The state every mask of that call starts from.</returns>
    public static ulong CallState(ulong seed, ulong call)
    {
        ulong state = seed ^ unchecked(call * 0xD1B54A32D192ED03UL);
        return NetworkRandom.Next(ref state);
    }

    /// <summary>
    /// Keeps each value of <paramref name="x"/> with probability <c>1 − rate</c>, scaled by <c>1 / (1 − rate)</c>, and
    /// zeroes the others, as PyTorch's <c>nn.Dropout</c> in training: <c>a = x · mask</c>, the mask (0 or the scale)
    /// kept for the backward pass. A value is kept when its draw <c>u ∈ [0, 1)</c> (24 bits) is at least
    /// <paramref name="rate"/>.
    /// </summary>
    /// <param name="x">Rows of <paramref name="features"/> inputs.</param>
    /// <param name="mask">Receives the rows' masks.</param>
    /// <param name="a">Receives the rows' outputs.</param>
    /// <param name="features">The values per row.</param>
    /// <param name="rate">The probability of zeroing a value, in [0, 1).</param>
    /// <param name="callState">The call's state, from <see cref="CallState"/>.</param>
    /// <param name="layer">The layer's position, so that two dropout layers draw different masks.</param>
    /// <param name="firstRow">The index in the batch of the first row of <paramref name="x"/>.</param>
    public static void Forward(ReadOnlySpan<float> x, Span<float> mask, Span<float> a, int features, float rate, ulong callState, int layer, int firstRow)
    {
        float scale = 1f / (1f - rate);
        int rows = x.Length / features;
        for (int row = 0; row < rows; row++)
        {
            ulong state = callState ^ ((ulong)(uint)layer << 40) ^ (uint)(firstRow + row);
            state = NetworkRandom.Next(ref state);
            int start = row * features;
            for (int k = start; k < start + features; k++)
            {
                float u = (NetworkRandom.Next(ref state) >> 40) * (1.0f / (1 << 24));
                float m = u >= rate ? scale : 0f;
                mask[k] = m;
                a[k] = x[k] * m;
            }
        }
    }

    /// <summary>The backward pass: <c>∂L/∂x = ∂L/∂a · mask</c>.</summary>
    /// <param name="delta">∂L/∂a of the rows.</param>
    /// <param name="mask">The rows' masks from <see cref="Forward"/>.</param>
    /// <param name="inputDelta">Receives ∂L/∂x.</param>
    public static void Backward(ReadOnlySpan<float> delta, ReadOnlySpan<float> mask, Span<float> inputDelta)
    {
        for (int k = 0; k < delta.Length; k++)
        {
            inputDelta[k] = delta[k] * mask[k];
        }
    }
}
