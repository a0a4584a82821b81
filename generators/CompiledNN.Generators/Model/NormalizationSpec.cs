using CompiledNN.Persistence;

namespace CompiledNN.Generators.Model;

/// <summary>
/// A batch or layer normalisation, <c>a = f(γ · x̂ + β)</c>, as PyTorch's <c>nn.BatchNorm1d/2d</c> (per feature or
/// channel over the batch) or <c>nn.LayerNorm</c> (per row over its features): γ, then β, one per feature or channel.
/// A batch normalisation also has buffers: its running mean, then its running variance.
/// </summary>
/// <param name="Number">The layer's 1-based position among all layers.</param>
/// <param name="Shape">The shape it reads and keeps.</param>
/// <param name="IsBatch">Batch normalisation (else layer normalisation).</param>
/// <param name="Activation">The activation applied after normalising.</param>
/// <param name="Alpha">The LeakyReLU slope or ELU scale (resolved to its default), otherwise 0.</param>
/// <param name="Momentum">Batch normalisation's momentum; 0 for layer normalisation.</param>
/// <param name="Epsilon">The value added to the variance before its square root.</param>
/// <param name="GammaOffset">Where <c>γ[0]</c> sits in the canonical parameter block.</param>
/// <param name="BufferOffset">Where its running mean starts among the network's buffers (0 for layer normalisation).</param>
internal sealed record NormalizationSpec(
    int Number,
    TensorShape Shape,
    bool IsBatch,
    Activation Activation,
    float Alpha,
    float Momentum,
    float Epsilon,
    int GammaOffset,
    int BufferOffset) : LayerSpec(Number, Shape.Size, Shape.Size, Activation, Alpha, GammaOffset)
{
    public override string Kind => IsBatch ? "BatchNorm" : "LayerNorm";

    /// <summary>The values γ and β each have: the channels (features of a flat shape) for batch normalisation, every value of a row for layer normalisation.</summary>
    public int Features => IsBatch ? Shape.Channels : Shape.Size;

    /// <summary>The values of one row each feature normalises together: height × width or the length for batch normalisation after channels, else 1.</summary>
    public int Positions => IsBatch ? Shape.Height * Shape.Width : 1;

    /// <summary>Where <c>β[0]</c> sits in the canonical parameter block.</summary>
    public int BetaOffset => GammaOffset + Features;

    public override int ParameterCount => 2 * Features;

    /// <summary>The running mean and variance of batch normalisation; none for layer normalisation.</summary>
    public int BufferCount => IsBatch ? 2 * Features : 0;

    /// <summary>One multiply-add per value.</summary>
    public override int MultiplyAdds => Shape.Size;

    public override bool InShape => false;

    public override TensorShape OutputShape => Shape;

    public override string Summary => (IsBatch ? "batch norm " : "layer norm ") + Activation;

    public override LayerArchitecture? Architecture => Recorded(0, 0, 0, 0, 0);
}
