using CompiledNN.Generators.Model;

namespace CompiledNN.Generators.Planning;

/// <summary>A dropout layer: the identity in predictions, a mask drawn per row and layer in training.</summary>
/// <param name="Dropout">The layer as declared.</param>
internal sealed record DropoutLayerPlan(DropoutSpec Dropout) : LayerPlan(Dropout)
{
    public float Rate => Dropout.Rate;
}
