using System.Collections.Generic;
using CompiledNN.Generators.Validation;

namespace CompiledNN.Generators.Onnx;

/// <summary>One dense layer read from an ONNX graph, <c>a = f(W x + b)</c>, with W row-major <c>[Units, Inputs]</c>.</summary>
internal sealed class ImportedLayer(int inputs, int units, double[] weights, double[] bias)
{
    public int Inputs { get; } = inputs;

    public int Units { get; } = units;

    public double[] Weights { get; } = weights;

    public double[] Bias { get; } = bias;

    /// <summary>The activation, or <see langword="null"/> while the layer is still linear (a bias or batch norm can be folded in).</summary>
    public Activation? Activation { get; set; }

    public float Alpha { get; set; }
}

/// <summary>An ONNX graph as dense layers, or the problem that keeps it from being one.</summary>
/// <param name="InputSize">The number of input features (the product of the input's non-batch dimensions).</param>
/// <param name="Layers">The layers in order.</param>
/// <param name="Problem">Why the graph cannot be imported; the other values are then meaningless.</param>
internal sealed record ImportedNetwork(int InputSize, List<ImportedLayer> Layers, ValidationProblem? Problem);
