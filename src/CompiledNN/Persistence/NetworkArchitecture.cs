using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
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
    private readonly int[] _inputShape;
    private readonly int[] _inputs;
    private readonly int[]?[] _weightShapes;

    /// <summary>Describes a network with <paramref name="inputSize"/> inputs and <paramref name="layers"/> in order.</summary>
    /// <param name="inputSize">The number of input features, at least 1.</param>
    /// <param name="layers">The layers in declaration order; at least one.</param>
    /// <exception cref="ArgumentException">A size is not positive, there is no layer, a layer does not fit its input, or the parameter count exceeds <see cref="WeightsFormat.MaxParameterCount"/>.</exception>
    public NetworkArchitecture(int inputSize, IReadOnlyList<LayerArchitecture> layers)
        : this(new[] { inputSize }, layers)
    {
    }

    /// <summary>
    /// Describes a network whose rows have the shape <paramref name="inputShape"/> (features; channels, length; or
    /// channels, height, width) and <paramref name="layers"/> in order.
    /// </summary>
    /// <param name="inputShape">1, 2 or 3 dimensions, each at least 1.</param>
    /// <param name="layers">The layers in declaration order; at least one.</param>
    /// <exception cref="ArgumentException">A size is not positive, there is no layer, a layer does not fit its input, or the parameter count exceeds <see cref="WeightsFormat.MaxParameterCount"/>.</exception>
    public NetworkArchitecture(IReadOnlyList<int> inputShape, IReadOnlyList<LayerArchitecture> layers)
    {
        if (inputShape is null || inputShape.Count is < 1 or > 3)
        {
            throw new ArgumentException("The input shape has 1, 2 or 3 dimensions (features; channels, length; channels, height, width).", nameof(inputShape));
        }

        long size = 1;
        foreach (int dimension in inputShape)
        {
            if (dimension < 1)
            {
                throw new ArgumentException($"The input size must be at least 1, but it is {dimension}.", nameof(inputShape));
            }

            size *= dimension;
        }

        if (size > WeightsFormat.MaxParameterCount)
        {
            throw new ArgumentException($"The input has {size} values, more than {WeightsFormat.MaxParameterCount}.", nameof(inputShape));
        }

        if (layers is null || layers.Count == 0)
        {
            throw new ArgumentException("A network needs at least one layer.", nameof(layers));
        }

        _inputShape = new int[inputShape.Count];
        for (int i = 0; i < _inputShape.Length; i++)
        {
            _inputShape[i] = inputShape[i];
        }

        _layers = new LayerArchitecture[layers.Count];
        _inputs = new int[layers.Count];
        _weightShapes = new int[]?[layers.Count];
        long count = 0;
        long buffers = 0;

        // The shape of a row between layers: channels, height, width and rank (1 flat, 2 signal, 3 image).
        int rank = _inputShape.Length;
        int channels = _inputShape[0];
        int height = rank == 3 ? _inputShape[1] : 1;
        int width = rank == 1 ? 1 : _inputShape[rank - 1];
        for (int i = 0; i < layers.Count; i++)
        {
            LayerArchitecture layer = _layers[i] = layers[i] ?? throw new ArgumentException($"Layer {i + 1} is null.", nameof(layers));
            _inputs[i] = channels * height * width;
            int k = layer.KernelSize;
            switch (layer.Kind)
            {
                case LayerKind.Dense:
                    _weightShapes[i] = new[] { layer.Units, _inputs[i] };
                    count += ((long)_inputs[i] + 1) * layer.Units;
                    (channels, height, width, rank) = (layer.Units, 1, 1, 1);
                    break;
                case LayerKind.BatchNorm:
                    _weightShapes[i] = new[] { channels };
                    count += 2L * channels;
                    buffers += 2L * channels;
                    break;
                case LayerKind.LayerNorm:
                    Expect(rank == 1, "a flat row of features");
                    _weightShapes[i] = new[] { _inputs[i] };
                    count += 2L * _inputs[i];
                    break;
                case LayerKind.Flatten or LayerKind.GlobalAvgPool:
                    Expect(rank > 1, "a signal or an image");
                    (channels, height, width, rank) = (layer.Kind == LayerKind.Flatten ? _inputs[i] : channels, 1, 1, 1);
                    break;
                default:
                    bool twoD = layer.Kind is LayerKind.Conv2D or LayerKind.MaxPool2D or LayerKind.AvgPool2D;
                    Expect(rank == (twoD ? 3 : 2), twoD ? "an image of channels × height × width" : "a signal of channels × length");
                    int padding = layer.Padding;
                    int span = (layer.Dilation * (k - 1)) + 1;
                    Expect(span <= width + (2 * padding) && (!twoD || span <= height + (2 * padding)), "a larger input than its window");
                    width = ((width + (2 * padding) - span) / layer.Stride) + 1;
                    height = twoD ? ((height + (2 * padding) - span) / layer.Stride) + 1 : 1;
                    if (layer.Kind is LayerKind.Conv1D or LayerKind.Conv2D)
                    {
                        _weightShapes[i] = twoD ? new[] { layer.Units, channels, k, k } : new[] { layer.Units, channels, k };
                        count += (((long)channels * k * (twoD ? k : 1)) + 1) * layer.Units;
                        channels = layer.Units;
                    }

                    break;
            }

            if (count > WeightsFormat.MaxParameterCount)
            {
                throw new ArgumentException($"The network has more than {WeightsFormat.MaxParameterCount} parameters, the most a weights file holds.", nameof(layers));
            }

            void Expect(bool fits, string needs)
            {
                if (!fits)
                {
                    throw new ArgumentException($"Layer {i + 1} ({layer}) needs {needs}.", nameof(layers));
                }
            }
        }

        InputSize = (int)size;
        ParameterCount = (int)count;
        BufferCount = (int)buffers;
    }

    /// <summary>The number of input features of one row.</summary>
    public int InputSize { get; }

    /// <summary>The shape of one input row: features; channels, length; or channels, height, width.</summary>
    public IReadOnlyList<int> InputShape => _inputShape;

    /// <summary>The dense layers in declaration order; the last is the output layer.</summary>
    public IReadOnlyList<LayerArchitecture> Layers => _layers;

    /// <summary>The number of weights and biases: for each layer <c>(inputs + 1) × units</c>.</summary>
    public int ParameterCount { get; }

    /// <summary>The number of buffer values: each BatchNorm layer's running mean, then its running variance.</summary>
    public int BufferCount { get; }

    /// <summary>The number of values layer <paramref name="index"/> (0-based) reads from one row: the previous layer's outputs or the input size.</summary>
    /// <param name="index">The layer's 0-based index.</param>
    /// <returns>The layer's inputs, flattened.</returns>
    public int InputsOf(int index) => _inputs[index];

    /// <summary>The shape of layer <paramref name="index"/>'s weight as PyTorch holds it (<c>[units, inputs]</c>, <c>[filters, channels, k(, k)]</c>, a normalisation's γ <c>[features]</c>), or null for a layer without parameters.</summary>
    /// <param name="index">The layer's 0-based index.</param>
    /// <returns>The weight's dimensions; its bias is <c>[units]</c>.</returns>
    public IReadOnlyList<int>? WeightShapeOf(int index) => _weightShapes[index];

    /// <summary>The sizes as users write them, e.g. <c>4-16-16-3</c>.</summary>
    public string Shape
    {
        get
        {
            var shape = new StringBuilder().Append(string.Join("×", _inputShape.Select(static d => d.ToString(CultureInfo.InvariantCulture))));
            foreach (LayerArchitecture layer in _layers)
            {
                shape.Append('-').Append(layer.Kind == LayerKind.Dense ? layer.Units.ToString(CultureInfo.InvariantCulture) : layer.Geometry);
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
        var text = new StringBuilder().Append(string.Join("×", _inputShape.Select(static d => d.ToString(CultureInfo.InvariantCulture))));
        foreach (LayerArchitecture layer in _layers)
        {
            text.Append('-').Append(layer);
        }

        return text.ToString();
    }
}

/// <summary>One layer of a <see cref="NetworkArchitecture"/>: dense (<c>a = f(W x + b)</c>), a convolution, pooling or flatten.</summary>
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

    /// <summary>Describes a convolution (<see cref="LayerKind.Conv1D"/>, <see cref="LayerKind.Conv2D"/>; <paramref name="units"/> filters), a pooling layer (<paramref name="kernelSize"/> is its size), <see cref="LayerKind.GlobalAvgPool"/>, <see cref="LayerKind.Flatten"/>, or a normalisation (<see cref="LayerKind.BatchNorm"/>, <see cref="LayerKind.LayerNorm"/>: units, kernel, stride, padding and dilation 0, any activation).</summary>
    /// <param name="kind">The kind of layer.</param>
    /// <param name="units">The filters of a convolution; 0 for the other kinds.</param>
    /// <param name="activation">A convolution's activation; Identity for the other kinds.</param>
    /// <param name="alpha">The slope of LeakyReLU or scale of ELU; otherwise 0.</param>
    /// <param name="kernelSize">The kernel's or window's size; 0 for global pooling and flatten.</param>
    /// <param name="stride">The step between windows; 0 for global pooling and flatten.</param>
    /// <param name="padding">A convolution's zero padding; 0 otherwise.</param>
    /// <param name="dilation">A convolution's dilation; 1 for the other kinds with a window, 0 for global pooling and flatten.</param>
    /// <exception cref="ArgumentException">A value does not suit the kind.</exception>
    public LayerArchitecture(LayerKind kind, int units, Activation activation, float alpha, int kernelSize, int stride, int padding, int dilation)
        : this(kind is LayerKind.Conv1D or LayerKind.Conv2D ? units : 1, activation, alpha)
    {
        bool convolution = kind is LayerKind.Conv1D or LayerKind.Conv2D;
        bool normalization = kind is LayerKind.BatchNorm or LayerKind.LayerNorm;
        bool window = convolution || kind is LayerKind.MaxPool1D or LayerKind.MaxPool2D or LayerKind.AvgPool1D or LayerKind.AvgPool2D;
        bool valid = kind != LayerKind.Dense && System.Enum.IsDefined(typeof(LayerKind), kind)
            && (convolution || (units == 0 && (normalization || activation == Activation.Identity)))
            && (window ? kernelSize >= 1 && stride >= 1 && padding >= 0 && dilation >= 1 && (convolution || (padding == 0 && dilation == 1))
                : kernelSize == 0 && stride == 0 && padding == 0 && dilation == 0);
        if (!valid)
        {
            throw new ArgumentException($"Kernel {kernelSize}, stride {stride}, padding {padding}, dilation {dilation}, {units} units and {activation} do not describe a {kind} layer.", nameof(kind));
        }

        Kind = kind;
        Units = units;
        KernelSize = kernelSize;
        Stride = stride;
        Padding = padding;
        Dilation = dilation;
    }

    /// <summary>The kind of layer.</summary>
    public LayerKind Kind { get; }

    /// <summary>The kernel's or pooling window's size (length, or height and width); 0 for dense, global pooling and flatten.</summary>
    public int KernelSize { get; }

    /// <summary>The step between windows; 0 where there are none.</summary>
    public int Stride { get; }

    /// <summary>A convolution's zero padding on each side.</summary>
    public int Padding { get; }

    /// <summary>A convolution's dilation; 1 for pooling; 0 where there are no windows.</summary>
    public int Dilation { get; }

    /// <summary>The layer without its activation, as the architecture's shape writes it: <c>Conv2D(8,k3,s1,p0,d1)</c>, <c>MaxPool2D(2,s2)</c>, <c>Flatten</c>.</summary>
    internal string Geometry => Kind switch
    {
        LayerKind.Dense => Units.ToString(CultureInfo.InvariantCulture),
        LayerKind.Conv1D or LayerKind.Conv2D => FormattableString.Invariant($"{Kind}({Units},k{KernelSize},s{Stride},p{Padding},d{Dilation})"),
        LayerKind.GlobalAvgPool or LayerKind.Flatten or LayerKind.BatchNorm or LayerKind.LayerNorm => Kind.ToString(),
        _ => FormattableString.Invariant($"{Kind}({KernelSize},s{Stride})"),
    };

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
        other is not null && Kind == other.Kind && Units == other.Units && Activation == other.Activation && Alpha.Equals(other.Alpha)
        && KernelSize == other.KernelSize && Stride == other.Stride && Padding == other.Padding && Dilation == other.Dilation;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is LayerArchitecture other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => (Units * 31) + (int)Activation;

    /// <summary>The units and activation, e.g. <c>16 ReLU</c> or <c>8 LeakyReLU(0.2)</c>.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => Kind is LayerKind.Dense or LayerKind.Conv1D or LayerKind.Conv2D or LayerKind.BatchNorm or LayerKind.LayerNorm
        ? Geometry + " " + Activation + (HasAlpha(Activation) ? "(" + WeightsFormat.FormatFloat(Alpha) + ")" : "")
        : Geometry;
}
