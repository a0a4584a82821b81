using System;
using System.ComponentModel;

namespace CompiledNN.Runtime;

/// <summary>
/// One row of a large convolution with its filters shared between threads: each thread pads its own copy of the row's
/// input and runs the register tiles (<see cref="TiledConvolution"/>) of its share of the filters. Every output is the
/// same chain whichever thread computes it, so the result does not depend on the number of threads. A layer the tiles
/// do not fit runs on the calling thread, as <see cref="LoweredConvolution"/> runs it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ConvolutionSplit
{
    // Filters per share are a multiple of the widest tile's, so that no tile of one share writes another share's outputs.
    private const int ShareAlignment = 4;

    // One per calling thread, so that concurrent predictions (on one network or several) never share one.
    [ThreadStatic]
    private static Share? t_share;

    /// <summary>Writes <c>z = W ⋆ x + b</c> for one row, as <see cref="LoweredConvolution.Forward"/>, on up to <paramref name="workers"/> threads.</summary>
    /// <param name="shape">The layer's sizes.</param>
    /// <param name="x">The row's input.</param>
    /// <param name="parameters">The parameters that hold the layer's weights <c>[filters, channels, kh, kw]</c> and bias.</param>
    /// <param name="weightsOffset">Where the weights start in <paramref name="parameters"/>.</param>
    /// <param name="biasOffset">Where the bias starts in <paramref name="parameters"/>.</param>
    /// <param name="z">Receives the row's pre-activations, or with <paramref name="rectify"/> their ReLU.</param>
    /// <param name="workers">The most threads to use, the calling one included.</param>
    /// <param name="rectify">Whether to store <c>max(0, z)</c>.</param>
    public static void Forward(in ConvolutionShape shape, ReadOnlySpan<float> x, AlignedBuffer parameters, int weightsOffset, int biasOffset, Span<float> z, int workers, bool rectify = false)
    {
        Check(shape, x, parameters, weightsOffset, biasOffset, z, shape.OutputSize, workers);
        int shares = Shares(shape, workers);
        if (shares <= 1)
        {
            LoweredConvolution.Forward(shape, x, Weights(shape, parameters, weightsOffset), parameters.Slice(biasOffset, shape.Filters), z, 1, rectify);
            return;
        }

        Share share = t_share ??= new Share();
        share.Set(shape, pooled: false, rectify, parameters, weightsOffset, biasOffset, PerShare(shape, shares));
        BatchParallelism.Run(share, shares, workers, x, default, default, z);
    }

    /// <summary>
    /// Writes <c>a = maxpool(ReLU(W ⋆ x + b))</c> for one row, as <see cref="LoweredConvolution.ForwardPooled"/>, on up to
    /// <paramref name="workers"/> threads where the tiles pool as they store.
    /// </summary>
    /// <param name="shape">The layer's sizes.</param>
    /// <param name="pool">The max pooling's sizes, over the layer's output.</param>
    /// <param name="x">The row's input.</param>
    /// <param name="parameters">The parameters that hold the layer's weights and bias.</param>
    /// <param name="weightsOffset">Where the weights start in <paramref name="parameters"/>.</param>
    /// <param name="biasOffset">Where the bias starts in <paramref name="parameters"/>.</param>
    /// <param name="z">Room for the row's activations; what it holds after is unspecified.</param>
    /// <param name="a">Receives the row's pooled activations.</param>
    /// <param name="workers">The most threads to use, the calling one included.</param>
    public static void ForwardPooled(in ConvolutionShape shape, in PoolingShape pool, ReadOnlySpan<float> x, AlignedBuffer parameters, int weightsOffset, int biasOffset, Span<float> z, Span<float> a, int workers)
    {
        Check(shape, x, parameters, weightsOffset, biasOffset, a, pool.OutputSize, workers);
        int shares = TiledConvolution.PoolsInTiles(shape, pool) ? Shares(shape, workers) : 1;
        if (shares <= 1)
        {
            LoweredConvolution.ForwardPooled(shape, pool, x, Weights(shape, parameters, weightsOffset), parameters.Slice(biasOffset, shape.Filters), z, a, 1);
            return;
        }

        Share share = t_share ??= new Share();
        share.Set(shape, pooled: true, rectify: true, parameters, weightsOffset, biasOffset, PerShare(shape, shares));
        BatchParallelism.Run(share, shares, workers, x, default, default, a);
    }

    /// <summary>How many threads share the filters: 1 (the calling thread alone) where the tiles do not fit or the filters do not split into whole shares.</summary>
    private static int Shares(in ConvolutionShape shape, int workers) =>
        TiledConvolution.Fits(shape) && shape.Filters % ShareAlignment == 0
            ? Math.Min(Math.Min(workers, BatchParallelism.MaxWorkers), shape.Filters / ShareAlignment)
            : 1;

    private static int PerShare(in ConvolutionShape shape, int shares) =>
        (((shape.Filters + shares - 1) / shares) + ShareAlignment - 1) / ShareAlignment * ShareAlignment;

    private static Span<float> Weights(in ConvolutionShape shape, AlignedBuffer parameters, int weightsOffset) =>
        parameters.Slice(weightsOffset, shape.Filters * shape.Channels * shape.KernelHeight * shape.KernelWidth);

    private static void Check(in ConvolutionShape shape, ReadOnlySpan<float> x, AlignedBuffer parameters, int weightsOffset, int biasOffset, Span<float> output, int outputSize, int workers)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        if (x.Length != shape.InputSize || output.Length != outputSize)
        {
            throw new ArgumentException($"Expected a row of {shape.InputSize} inputs and {outputSize} outputs, but the spans have {x.Length} and {output.Length} elements.");
        }

        long weights = (long)shape.Filters * shape.Channels * shape.KernelHeight * shape.KernelWidth;
        if (weightsOffset < 0 || biasOffset < 0 || weightsOffset + weights > parameters.Length || (long)biasOffset + shape.Filters > parameters.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(parameters), $"The layer's {weights} weights at {weightsOffset} and {shape.Filters} biases at {biasOffset} do not fit in {parameters.Length} parameters.");
        }
    }

    /// <summary>The layer a thread's split works on; chunk <c>c</c> is filters [c · perShare, (c + 1) · perShare).</summary>
    private sealed class Share : IChunkWork
    {
        private ConvolutionShape _shape;
        private bool _pooled;
        private bool _rectify;
        private AlignedBuffer? _parameters;
        private int _weightsOffset;
        private int _biasOffset;
        private int _perShare;

        public void Set(in ConvolutionShape shape, bool pooled, bool rectify, AlignedBuffer parameters, int weightsOffset, int biasOffset, int perShare)
        {
            _shape = shape;
            _pooled = pooled;
            _rectify = rectify;
            _parameters = parameters;
            _weightsOffset = weightsOffset;
            _biasOffset = biasOffset;
            _perShare = perShare;
        }

        public void RunChunk(int chunk, int worker, in BatchSpans spans)
        {
            int first = chunk * _perShare;
            int end = Math.Min(_shape.Filters, first + _perShare);
            Span<float> weights = Weights(_shape, _parameters!, _weightsOffset);
            Span<float> bias = _parameters!.Slice(_biasOffset, _shape.Filters);
            if (_pooled)
            {
                TiledConvolution.ForwardPooled(_shape, spans.Inputs, weights, bias, spans.Outputs, 1, first, end);
            }
            else
            {
                TiledConvolution.Forward(_shape, spans.Inputs, weights, bias, spans.Outputs, 1, _rectify, first, end);
            }
        }
    }
}
