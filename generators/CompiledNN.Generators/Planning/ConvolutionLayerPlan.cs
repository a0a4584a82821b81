using CompiledNN.Generators.Model;

namespace CompiledNN.Generators.Planning;

/// <summary>A convolution: direct convolution through the runtime's kernels, with its sizes as constants.</summary>
/// <param name="Convolution">The layer as declared.</param>
internal sealed record ConvolutionLayerPlan(ConvolutionSpec Convolution) : LayerPlan(Convolution);
