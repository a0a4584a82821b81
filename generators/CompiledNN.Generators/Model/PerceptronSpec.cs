namespace CompiledNN.Generators.Model;

/// <summary>
/// A validated single-layer perceptron: <see cref="Outputs"/> step units over <see cref="Inputs"/> inputs, with the
/// parameters in canonical order (W[outputs, inputs] row-major, then b[outputs]). Nothing from the compilation.
/// </summary>
/// <param name="Type">Where the class lives.</param>
/// <param name="Inputs">The number of inputs.</param>
/// <param name="Outputs">The number of step units.</param>
/// <param name="LearningRate">The initial learning rate η of the perceptron rule.</param>
internal sealed record PerceptronSpec(TypeHierarchy Type, int Inputs, int Outputs, float LearningRate)
{
    /// <summary>The number of weights, <c>Outputs × Inputs</c>; also where <c>b[0]</c> sits in the parameter block.</summary>
    public int WeightCount => Outputs * Inputs;

    /// <summary>Weights and biases.</summary>
    public int ParameterCount => WeightCount + Outputs;
}
