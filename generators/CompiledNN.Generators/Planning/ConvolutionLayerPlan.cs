using CompiledNN.Generators.Model;

namespace CompiledNN.Generators.Planning;

/// <summary>A convolution through the runtime's kernels, with its sizes as constants.</summary>
/// <param name="Convolution">The layer as declared.</param>
/// <param name="Lowered">Whether it runs as matrix products over its lowered input (im2col, <c>LoweredConvolution</c>) instead of the direct loops (<c>Convolution</c>).</param>
internal sealed record ConvolutionLayerPlan(ConvolutionSpec Convolution, bool Lowered) : LayerPlan(Convolution);
