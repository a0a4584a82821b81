using CompiledNN.Persistence;

namespace CompiledNN.Generators.Model;

/// <summary>How a pooling layer sums up a window.</summary>
internal enum PoolingKind
{
    /// <summary>The window's largest value, the first of equal ones (PyTorch's <c>MaxPool</c>).</summary>
    Max,

    /// <summary>The window's mean (PyTorch's <c>AvgPool</c>, and <c>AdaptiveAvgPool(1)</c> for the global form).</summary>
    Average,
}

/// <summary>
/// Max or average pooling of each channel's windows, or (<see cref="Global"/>) the mean of each whole channel, which
/// leaves a flat shape of one value per channel. No parameters.
/// </summary>
/// <param name="Number">The layer's 1-based position among all layers.</param>
/// <param name="Input">The shape it reads (rank 2 or 3).</param>
/// <param name="Output">The shape it writes.</param>
/// <param name="Pooling">Max or average.</param>
/// <param name="Size">The window's length, or height and width; the whole channel when <see cref="Global"/>.</param>
/// <param name="Stride">The step between windows.</param>
/// <param name="Global">Global average pooling: one window per channel.</param>
/// <param name="ParameterOffset">Where the next layer's parameters start (it has none of its own).</param>
internal sealed record PoolingSpec(int Number, TensorShape Input, TensorShape Output, PoolingKind Pooling, int Size, int Stride, bool Global, int ParameterOffset)
    : LayerSpec(Number, Input.Size, Output.Size, Activation.Identity, 0f, ParameterOffset)
{
    public override string Kind => Global ? "GlobalAvgPool" : (Pooling == PoolingKind.Max ? "MaxPool" : "AvgPool") + (Input.Rank - 1) + "D";

    /// <summary>The window's height: the whole image for global pooling, the size for 2-D pooling, 1 for a signal.</summary>
    public int WindowHeight => Global ? Input.Height : Input.Rank == 3 ? Size : 1;

    /// <summary>The window's width (or length).</summary>
    public int WindowWidth => Global ? Input.Width : Size;

    /// <summary>The step between rows of windows.</summary>
    public int StrideHeight => Global ? 1 : Input.Rank == 3 ? Stride : 1;

    /// <summary>The step between windows along a row.</summary>
    public int StrideWidth => Global ? 1 : Stride;

    /// <summary>The output's height as a 2-D plane (1 for a signal or a global pool).</summary>
    public int OutputHeight => Global || Input.Rank == 2 ? 1 : Output.Height;

    /// <summary>The output's width as a 2-D plane (1 for a global pool).</summary>
    public int OutputWidth => Global ? 1 : Output.Width;

    public override int ParameterCount => 0;

    public override int MultiplyAdds => 0;

    public override bool InShape => false;

    public override TensorShape OutputShape => Output;

    public override string Summary => Global ? Kind : $"{Kind}({Size})";

    public override LayerArchitecture? Architecture => Global ? Recorded(0, 0, 0, 0, 0) : Recorded(0, Size, Stride, 0, 1);
}
