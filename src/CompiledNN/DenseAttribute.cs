using System;

namespace CompiledNN;

/// <summary>
/// Declares a fully connected layer: <c>y = f(W x + b)</c>. Layers are read in source order; the last one is the
/// output layer.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DenseAttribute : Attribute
{
    /// <summary>Declares a layer of <paramref name="units"/> units.</summary>
    /// <param name="units">The number of units (outputs) of the layer; at least 1.</param>
    /// <param name="activation">The activation applied to the layer's pre-activations.</param>
    public DenseAttribute(int units, Activation activation = Activation.Identity)
    {
        Units = units;
        Activation = activation;
    }

    /// <summary>The number of units (outputs) of the layer.</summary>
    public int Units { get; }

    /// <summary>The activation applied to the layer's pre-activations.</summary>
    public Activation Activation { get; }

    /// <summary>The slope α of <see cref="Activation.LeakyReLU"/> (default 0.01) or the scale of <see cref="Activation.ELU"/> (default 1).</summary>
    public float Alpha { get; set; } = float.NaN;
}
