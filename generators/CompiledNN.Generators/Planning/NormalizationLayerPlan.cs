using CompiledNN.Generators.Model;

namespace CompiledNN.Generators.Planning;

/// <summary>
/// A batch or layer normalisation through the runtime's kernels. A batch normalisation couples the rows of a training
/// batch, so its network trains each batch as one block (<see cref="NetworkPlan.TrainsWholeBatch"/>).
/// </summary>
/// <param name="Normalization">The layer as declared.</param>
internal sealed record NormalizationLayerPlan(NormalizationSpec Normalization) : LayerPlan(Normalization);
