using CompiledNN.Generators.Model;

namespace CompiledNN.Generators.Planning;

/// <summary>A max, average or global average pool through the runtime's kernels, with its sizes as constants.</summary>
/// <param name="Pooling">The layer as declared.</param>
internal sealed record PoolingLayerPlan(PoolingSpec Pooling) : LayerPlan(Pooling);
