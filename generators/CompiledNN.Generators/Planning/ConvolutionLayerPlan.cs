using CompiledNN.Generators.Model;

namespace CompiledNN.Generators.Planning;

/// <summary>A convolution through the runtime's kernels, with its sizes as constants.</summary>
/// <param name="Convolution">The layer as declared.</param>
/// <param name="Lowered">Whether it runs as matrix products over its lowered input (im2col, <c>LoweredConvolution</c>) instead of the direct loops (<c>Convolution</c>).</param>
/// <param name="RectifiesInKernel">Predictions have the kernel store the ReLU's activations (training keeps z apart).</param>
/// <param name="PoolsWithNext">Predictions compute it and the 2×2 max pooling after it in one call (<c>LoweredConvolution.ForwardPooled</c>).</param>
/// <param name="SharesFilters">One row's prediction shares the layer's filters between threads (<c>ConvolutionSplit</c>).</param>
internal sealed record ConvolutionLayerPlan(ConvolutionSpec Convolution, bool Lowered, bool RectifiesInKernel, bool PoolsWithNext, bool SharesFilters) : LayerPlan(Convolution);
