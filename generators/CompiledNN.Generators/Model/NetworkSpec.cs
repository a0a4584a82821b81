using System.Linq;
using CompiledNN.Generators.Helpers;
using CompiledNN.Persistence;

namespace CompiledNN.Generators.Model;

/// <summary>
/// A validated network, everything the emitters need and nothing from the compilation, so that the incremental
/// pipeline can compare it by value and skip regeneration when an edit does not change it.
/// </summary>
/// <param name="Type">Where the class lives.</param>
/// <param name="InputSize">The number of input values of one row (the product of <see cref="InputShape"/>).</param>
/// <param name="Layers">The layers in declaration order; the last is the output layer.</param>
/// <param name="Training">The resolved loss and optimizer settings.</param>
/// <param name="CodeShape">How the user asked the layers' products to be written.</param>
internal sealed record NetworkSpec(TypeHierarchy Type, int InputSize, EquatableArray<LayerSpec> Layers, TrainingSpec Training, CodeShape CodeShape)
{
    /// <summary>The weights file baked in by <c>[Weights]</c>, or <see langword="null"/> for a network that starts from its seed.</summary>
    public WeightsSpec? Weights { get; init; }

    /// <summary>The prefix of the C functions <c>[NativeExport]</c> exports, or null when the network exports none (or its export is invalid).</summary>
    public string? NativeExport { get; init; }

    /// <summary>The shape of one input row; flat unless <c>[Input]</c> gave channels.</summary>
    public TensorShape InputShape { get; init; } = TensorShape.Flat(InputSize);

    /// <summary>Some layer convolves, pools or flattens channels, which baked weights do not support yet.</summary>
    public bool HasSpatialLayers => Layers.Any(static l => l is ConvolutionSpec or PoolingSpec or FlattenSpec);

    /// <summary>The floats of state that are not learned: each batch normalisation's running mean, then its running variance.</summary>
    public int BufferCount => Layers.OfType<NormalizationSpec>().Sum(static l => l.BufferCount);

    /// <summary>Some layer normalises (BatchNorm, LayerNorm), which baked weights do not support yet.</summary>
    public bool HasNormalizationLayers => Layers.Any(static l => l is NormalizationSpec);

    /// <summary>The output layer.</summary>
    public LayerSpec Output => Layers[Layers.Count - 1];

    /// <summary>The number of outputs.</summary>
    public int OutputSize => Output.Units;

    /// <summary>The number of parameters of every layer.</summary>
    public int ParameterCount => Output.ParameterOffset + Output.ParameterCount;

    /// <summary>The architecture as users write it, e.g. <c>4-16-16-3</c>.</summary>
    public string Shape
    {
        get
        {
            var shape = new System.Text.StringBuilder().Append(InputSize);
            foreach (LayerSpec layer in Layers)
            {
                if (layer.InShape)
                {
                    shape.Append('-').Append(layer.Units);
                }
            }

            return shape.ToString();
        }
    }
}

/// <summary>
/// One layer as declared, whatever its kind: its place, its sizes, the activation it ends with and where its parameters
/// start in the canonical parameter block. Each kind is a record deriving from it (<see cref="DenseSpec"/>, …).
/// </summary>
/// <param name="Number">The layer's 1-based position among all layers; generated names use it (<c>Dense1</c>, …).</param>
/// <param name="Inputs">The number of inputs (the previous layer's units or the input size).</param>
/// <param name="Units">The number of outputs.</param>
/// <param name="Activation">The activation applied last.</param>
/// <param name="Alpha">The LeakyReLU slope or ELU scale (resolved to its default), otherwise 0.</param>
/// <param name="ParameterOffset">Where the layer's first parameter sits in the canonical parameter block.</param>
internal abstract record LayerSpec(int Number, int Inputs, int Units, Activation Activation, float Alpha, int ParameterOffset)
{
    /// <summary>The kind's name, as its attribute is written (<c>Dense</c>).</summary>
    public abstract string Kind { get; }

    /// <summary>The name of the layer in generated code, e.g. <c>Dense2</c>.</summary>
    public string Name => Kind + Number;

    /// <summary>The layer's learnable parameters.</summary>
    public abstract int ParameterCount { get; }

    /// <summary>The multiply-adds of one sample's forward pass.</summary>
    public abstract int MultiplyAdds { get; }

    /// <summary>The shape of the layer's outputs: flat unless the kind keeps or makes channels.</summary>
    public virtual TensorShape OutputShape => TensorShape.Flat(Units);

    /// <summary>The layer is a step of the architecture as users write it (<c>4-16-16-3</c>), as a weights file records it.</summary>
    public virtual bool InShape => true;

    /// <summary>The layer in the class's documentation, e.g. <c>16 ReLU</c>.</summary>
    public virtual string Summary => Units + " " + Activation;

    /// <summary>The layer as a weights file records it, or null for a layer the file does not record (dropout).</summary>
    public virtual LayerArchitecture? Architecture => null;

    /// <summary>The alpha a weights file records: the activation's, 0 for activations without one.</summary>
    protected float RecordedAlpha => LayerArchitecture.HasAlpha(Activation) ? Alpha : 0f;

    /// <summary>A layer other than dense, as a weights file records it.</summary>
    protected LayerArchitecture Recorded(int units, int kernelSize, int stride, int padding, int dilation) =>
        new((LayerKind)System.Enum.Parse(typeof(LayerKind), Kind), units, Activation, RecordedAlpha, kernelSize, stride, padding, dilation);
}

/// <summary>The loss and optimizer, with every default resolved as <c>torch.optim</c> has it.</summary>
internal sealed record TrainingSpec(
    Loss Loss,
    Optimizer Optimizer,
    float LearningRate,
    float Momentum,
    float Beta1,
    float Beta2,
    float Epsilon,
    float Rho,
    float WeightDecay)
{
    /// <summary>The δ of <see cref="Loss.Huber"/>.</summary>
    public float HuberDelta { get; init; } = 1f;

    /// <summary>The largest L2 norm of the gradient of a step, or 0 for no clipping.</summary>
    public float ClipGradientNorm { get; init; }

    /// <summary>How many floats of state <paramref name="optimizer"/> keeps per parameter, as <c>torch.optim</c> does.</summary>
    public static int StatePerParameter(Optimizer optimizer) => optimizer switch
    {
        Optimizer.Sgd => 0,
        Optimizer.Adam or Optimizer.AdamW => 2,
        _ => 1,
    };
}
