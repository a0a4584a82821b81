using CompiledNN.Persistence;

namespace CompiledNN.Generators.Model;

/// <summary>A flatten: the same values in C, H, W order as a flat shape. No parameters, no work.</summary>
/// <param name="Number">The layer's 1-based position among all layers.</param>
/// <param name="Input">The shape it reads.</param>
/// <param name="ParameterOffset">Where the next layer's parameters start (it has none of its own).</param>
internal sealed record FlattenSpec(int Number, TensorShape Input, int ParameterOffset)
    : LayerSpec(Number, Input.Size, Input.Size, Activation.Identity, 0f, ParameterOffset)
{
    public override string Kind => "Flatten";

    public override int ParameterCount => 0;

    public override int MultiplyAdds => 0;

    public override bool InShape => false;

    public override string Summary => "flatten";

    public override LayerArchitecture? Architecture => Recorded(0, 0, 0, 0, 0);
}
