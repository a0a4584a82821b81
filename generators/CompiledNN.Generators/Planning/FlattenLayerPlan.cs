using CompiledNN.Generators.Model;

namespace CompiledNN.Generators.Planning;

/// <summary>A flatten: its values are already in C, H, W order, so it copies them.</summary>
/// <param name="Flatten">The layer as declared.</param>
internal sealed record FlattenLayerPlan(FlattenSpec Flatten) : LayerPlan(Flatten);
