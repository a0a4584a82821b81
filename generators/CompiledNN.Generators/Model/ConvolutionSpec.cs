using CompiledNN.Persistence;

namespace CompiledNN.Generators.Model;

/// <summary>
/// A convolution, <c>a = f(W ⋆ x + b)</c> as PyTorch's <c>nn.Conv1d</c>/<c>nn.Conv2d</c>: the weights
/// <c>W[filters, channels, k(, k)]</c>, then the bias <c>b[filters]</c>. A 1-D convolution is a 2-D one of height 1.
/// </summary>
/// <param name="Number">The layer's 1-based position among all layers.</param>
/// <param name="Input">The shape it reads (rank 2 for Conv1D, rank 3 for Conv2D).</param>
/// <param name="Output">The shape it writes: filters × the output length (or height × width).</param>
/// <param name="KernelSize">The filter's length, or height and width.</param>
/// <param name="Stride">The step between windows.</param>
/// <param name="Padding">The zeros on each side (of both axes for Conv2D).</param>
/// <param name="Dilation">The step between a window's taps.</param>
/// <param name="Activation">The activation.</param>
/// <param name="Alpha">The LeakyReLU slope or ELU scale (resolved to its default), otherwise 0.</param>
/// <param name="Init">The resolved weight initialisation.</param>
/// <param name="WeightOffset">Where <c>W[0, 0, 0(, 0)]</c> sits in the canonical parameter block.</param>
internal sealed record ConvolutionSpec(
    int Number,
    TensorShape Input,
    TensorShape Output,
    int KernelSize,
    int Stride,
    int Padding,
    int Dilation,
    Activation Activation,
    float Alpha,
    Initialization Init,
    int WeightOffset) : LayerSpec(Number, Input.Size, Output.Size, Activation, Alpha, WeightOffset)
{
    public override string Kind => Input.Rank == 2 ? "Conv1D" : "Conv2D";

    /// <summary>1 or 2.</summary>
    public int Dimensions => Input.Rank - 1;

    /// <summary>The filter's height: the kernel size for Conv2D, 1 for Conv1D.</summary>
    public int KernelHeight => Dimensions == 2 ? KernelSize : 1;

    /// <summary>The taps of one filter over one channel: <c>k</c> or <c>k²</c>.</summary>
    public int KernelArea => KernelHeight * KernelSize;

    /// <summary>The number of filters (output channels).</summary>
    public int Filters => Output.Channels;

    /// <summary>The number of weights, <c>filters × channels × k(× k)</c>.</summary>
    public int WeightCount => Filters * Input.Channels * KernelArea;

    /// <summary>Where <c>b[0]</c> sits in the canonical parameter block.</summary>
    public int BiasOffset => WeightOffset + WeightCount;

    /// <summary>PyTorch's fan-in of the weights: <c>channels × k(× k)</c>.</summary>
    public int FanIn => Input.Channels * KernelArea;

    /// <summary>PyTorch's fan-out of the weights: <c>filters × k(× k)</c>.</summary>
    public int FanOut => Filters * KernelArea;

    public override int ParameterCount => WeightCount + Filters;

    /// <summary>Every output value is one window's dot product with a filter (zero padding counted).</summary>
    public override int MultiplyAdds => Output.Size * FanIn;

    public override TensorShape OutputShape => Output;

    public override string Summary => $"{Kind}({Filters}, {KernelSize}) {Activation}";

    public override LayerArchitecture? Architecture => Recorded(Filters, KernelSize, Stride, Padding, Dilation);

    /// <summary>The output length (or height, width) of a convolution or pooling along an axis of <paramref name="input"/> values, as PyTorch computes it (may be below 1).</summary>
    public static int OutputLength(int input, int kernel, int stride, int padding, int dilation) =>
        stride < 1 ? 0 : ((input + (2 * padding) - (dilation * (kernel - 1)) - 1) / stride) + 1;
}
