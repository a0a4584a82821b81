namespace CompiledNN.Generators.Model;

/// <summary>Inverted dropout on the previous layer's outputs: no parameters, as many outputs as inputs.</summary>
/// <param name="Number">The layer's 1-based position among all layers.</param>
/// <param name="Features">The number of values per row it drops from.</param>
/// <param name="Rate">The probability of zeroing a value in training, in [0, 1).</param>
/// <param name="ParameterOffset">Where the next layer's parameters start (it has none of its own).</param>
internal sealed record DropoutSpec(int Number, int Features, float Rate, int ParameterOffset)
    : LayerSpec(Number, Features, Features, Activation.Identity, 0f, ParameterOffset)
{
    public override string Kind => "Dropout";

    public override int ParameterCount => 0;

    public override int MultiplyAdds => 0;

    public override bool InShape => false;

    /// <summary>The shape of its inputs, which it keeps.</summary>
    public TensorShape? Shape { get; init; }

    public override TensorShape OutputShape => Shape ?? TensorShape.Flat(Units);

    public override string Summary => "dropout " + Rate.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
}
