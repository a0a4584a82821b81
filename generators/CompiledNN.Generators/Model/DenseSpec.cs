using CompiledNN.Persistence;

namespace CompiledNN.Generators.Model;

/// <summary>A dense layer, <c>a = f(W x + b)</c>: the weights <c>W[units, inputs]</c>, then the bias <c>b[units]</c>.</summary>
/// <param name="Number">The layer's 1-based position among all layers.</param>
/// <param name="Inputs">The number of inputs (the previous layer's units or the input size).</param>
/// <param name="Units">The number of units.</param>
/// <param name="Activation">The activation.</param>
/// <param name="Alpha">The LeakyReLU slope or ELU scale (resolved to its default), otherwise 0.</param>
/// <param name="Init">The resolved weight initialisation.</param>
/// <param name="WeightOffset">Where <c>W[0, 0]</c> sits in the canonical parameter block.</param>
internal sealed record DenseSpec(
    int Number,
    int Inputs,
    int Units,
    Activation Activation,
    float Alpha,
    Initialization Init,
    int WeightOffset) : LayerSpec(Number, Inputs, Units, Activation, Alpha, WeightOffset)
{
    public override string Kind => "Dense";

    public override LayerArchitecture? Architecture => new(Units, Activation, RecordedAlpha);

    /// <summary>The number of weights, <c>Units × Inputs</c>; also the multiply-adds per sample.</summary>
    public int WeightCount => Units * Inputs;

    /// <summary>Where <c>b[0]</c> sits in the canonical parameter block.</summary>
    public int BiasOffset => WeightOffset + WeightCount;

    /// <summary>Weights and biases.</summary>
    public override int ParameterCount => WeightCount + Units;

    public override int MultiplyAdds => WeightCount;
}
