using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

// This file is compiled into the runtime library (where NetworkArchitecture.Public.cs makes the types public) and,
// linked, into the generator, so that the weights file a network saves is checked by the same code at run time and
// when [Weights] bakes it in at compile time. It therefore sticks to what netstandard2.0 offers.
namespace CompiledNN.Persistence;

/// <summary>
/// The shape of a dense network as a weights file records it: the input size and, per layer, its units, activation
/// and slope. Two networks can exchange parameters exactly when their architectures are equal.
/// </summary>
sealed partial class NetworkArchitecture : IEquatable<NetworkArchitecture>
{
    private readonly LayerArchitecture[] _layers;

    /// <summary>Describes a network with <paramref name="inputSize"/> inputs and <paramref name="layers"/> in order.</summary>
    /// <param name="inputSize">The number of input features, at least 1.</param>
    /// <param name="layers">The dense layers in declaration order; at least one.</param>
    /// <exception cref="ArgumentException">A size is not positive, there is no layer, or the parameter count exceeds <see cref="WeightsFormat.MaxParameterCount"/>.</exception>
    public NetworkArchitecture(int inputSize, IReadOnlyList<LayerArchitecture> layers)
    {
        if (inputSize < 1)
        {
            throw new ArgumentException($"The input size must be at least 1, but it is {inputSize}.", nameof(inputSize));
        }

        if (layers is null || layers.Count == 0)
        {
            throw new ArgumentException("A network needs at least one layer.", nameof(layers));
        }

        _layers = new LayerArchitecture[layers.Count];
        long count = 0;
        int inputs = inputSize;
        for (int i = 0; i < layers.Count; i++)
        {
            _layers[i] = layers[i] ?? throw new ArgumentException($"Layer {i + 1} is null.", nameof(layers));
            count += ((long)inputs + 1) * _layers[i].Units;
            if (count > WeightsFormat.MaxParameterCount)
            {
                throw new ArgumentException($"The network has more than {WeightsFormat.MaxParameterCount} parameters, the most a weights file holds.", nameof(layers));
            }

            inputs = _layers[i].Units;
        }

        InputSize = inputSize;
        ParameterCount = (int)count;
    }

    /// <summary>The number of input features of one row.</summary>
    public int InputSize { get; }

    /// <summary>The dense layers in declaration order; the last is the output layer.</summary>
    public IReadOnlyList<LayerArchitecture> Layers => _layers;

    /// <summary>The number of weights and biases: for each layer <c>(inputs + 1) × units</c>.</summary>
    public int ParameterCount { get; }

    /// <summary>The number of inputs of layer <paramref name="index"/> (0-based): the previous layer's units or the input size.</summary>
    /// <param name="index">The layer's 0-based index.</param>
    /// <returns>The layer's fan-in.</returns>
    public int InputsOf(int index) => index == 0 ? InputSize : _layers[index - 1].Units;

    /// <summary>The sizes as users write them, e.g. <c>4-16-16-3</c>.</summary>
    public string Shape
    {
        get
        {
            var shape = new StringBuilder().Append(InputSize.ToString(CultureInfo.InvariantCulture));
            foreach (LayerArchitecture layer in _layers)
            {
                shape.Append('-').Append(layer.Units.ToString(CultureInfo.InvariantCulture));
            }

            return shape.ToString();
        }
    }

    /// <summary>
    /// Says how <paramref name="saved"/> (read from a file) differs from this network, or returns <see langword="null"/>
    /// when they are equal: the sizes first (<c>saved for 4-8-3, this network is 4-16-16-3</c>), then activations and slopes.
    /// </summary>
    /// <param name="saved">The architecture a file was saved for.</param>
    /// <returns>A sentence naming the first difference, or <see langword="null"/>.</returns>
    public string? Mismatch(NetworkArchitecture saved)
    {
        if (saved.Shape != Shape)
        {
            return $"saved for {saved.Shape}, this network is {Shape}";
        }

        for (int i = 0; i < _layers.Length; i++)
        {
            LayerArchitecture mine = _layers[i];
            LayerArchitecture theirs = saved._layers[i];
            if (mine.Activation != theirs.Activation)
            {
                return $"layer {i + 1} was saved with activation {theirs.Activation}, this network's layer {i + 1} uses {mine.Activation}";
            }

            if (!mine.Alpha.Equals(theirs.Alpha))
            {
                return $"layer {i + 1} was saved with alpha {WeightsFormat.FormatFloat(theirs.Alpha)}, this network's layer {i + 1} uses {WeightsFormat.FormatFloat(mine.Alpha)}";
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="other"/> has the same input size and the same layers.</summary>
    /// <param name="other">Another architecture.</param>
    /// <returns><see langword="true"/> when parameters can be exchanged between the two.</returns>
    public bool Equals(NetworkArchitecture? other) => other is not null && Mismatch(other) is null;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is NetworkArchitecture other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Shape.GetHashCode();

    /// <summary>The sizes with the activations, e.g. <c>4-16 ReLU-3 Softmax</c>.</summary>
    /// <returns>A short description.</returns>
    public override string ToString()
    {
        var text = new StringBuilder().Append(InputSize.ToString(CultureInfo.InvariantCulture));
        foreach (LayerArchitecture layer in _layers)
        {
            text.Append('-').Append(layer);
        }

        return text.ToString();
    }
}

/// <summary>One dense layer of a <see cref="NetworkArchitecture"/>: <c>a = f(W x + b)</c>.</summary>
sealed partial class LayerArchitecture : IEquatable<LayerArchitecture>
{
    /// <summary>Describes a layer of <paramref name="units"/> units.</summary>
    /// <param name="units">The number of units, at least 1.</param>
    /// <param name="activation">The activation.</param>
    /// <param name="alpha">The slope of LeakyReLU or scale of ELU; must be 0 for the other activations.</param>
    /// <exception cref="ArgumentException">The units are not positive, or alpha is not finite or is set for an activation without one.</exception>
    public LayerArchitecture(int units, Activation activation, float alpha = 0f)
    {
        if (units < 1)
        {
            throw new ArgumentException($"A layer needs at least 1 unit, but has {units}.", nameof(units));
        }

        if (float.IsNaN(alpha) || float.IsInfinity(alpha) || (!HasAlpha(activation) && alpha != 0f))
        {
            throw new ArgumentException($"Alpha {WeightsFormat.FormatFloat(alpha)} is not valid for {activation}: it must be finite, and 0 for activations other than LeakyReLU and ELU.", nameof(alpha));
        }

        Units = units;
        Activation = activation;
        Alpha = alpha;
    }

    /// <summary>The number of units.</summary>
    public int Units { get; }

    /// <summary>The activation.</summary>
    public Activation Activation { get; }

    /// <summary>The slope of LeakyReLU or scale of ELU, otherwise 0.</summary>
    public float Alpha { get; }

    /// <summary>Whether <paramref name="activation"/> takes an alpha (LeakyReLU, ELU).</summary>
    /// <param name="activation">An activation.</param>
    /// <returns><see langword="true"/> for LeakyReLU and ELU.</returns>
    public static bool HasAlpha(Activation activation) => activation is Activation.LeakyReLU or Activation.ELU;

    /// <summary>Whether <paramref name="other"/> has the same units, activation and alpha.</summary>
    /// <param name="other">Another layer.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public bool Equals(LayerArchitecture? other) =>
        other is not null && Units == other.Units && Activation == other.Activation && Alpha.Equals(other.Alpha);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is LayerArchitecture other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => (Units * 31) + (int)Activation;

    /// <summary>The units and activation, e.g. <c>16 ReLU</c> or <c>8 LeakyReLU(0.2)</c>.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() =>
        Units.ToString(CultureInfo.InvariantCulture) + " " + Activation + (HasAlpha(Activation) ? "(" + WeightsFormat.FormatFloat(Alpha) + ")" : "");
}
