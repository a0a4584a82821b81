using System.ComponentModel;

namespace CompiledNN.Runtime;

/// <summary>
/// The sizes of one pooling layer, fixed by the generated code: the input planes, the window and its stride along
/// each axis (a signal has height 1; a global pool's window is the whole plane), and the output planes they give.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct PoolingShape
{
    /// <summary>Describes a pooling layer; the output sizes follow, rounded down as PyTorch's.</summary>
    /// <param name="channels">The channels.</param>
    /// <param name="height">The input height (1 for a signal).</param>
    /// <param name="width">The input width or length.</param>
    /// <param name="windowHeight">The window's height.</param>
    /// <param name="windowWidth">The window's width.</param>
    /// <param name="strideHeight">The step between rows of windows.</param>
    /// <param name="strideWidth">The step between windows along a row.</param>
    public PoolingShape(int channels, int height, int width, int windowHeight, int windowWidth, int strideHeight, int strideWidth)
    {
        Channels = channels;
        Height = height;
        Width = width;
        WindowHeight = windowHeight;
        WindowWidth = windowWidth;
        StrideHeight = strideHeight;
        StrideWidth = strideWidth;
        OutputHeight = ((height - windowHeight) / strideHeight) + 1;
        OutputWidth = ((width - windowWidth) / strideWidth) + 1;
    }

    /// <summary>The channels.</summary>
    public int Channels { get; }

    /// <summary>The input height.</summary>
    public int Height { get; }

    /// <summary>The input width.</summary>
    public int Width { get; }

    /// <summary>The window's height.</summary>
    public int WindowHeight { get; }

    /// <summary>The window's width.</summary>
    public int WindowWidth { get; }

    /// <summary>The step between rows of windows.</summary>
    public int StrideHeight { get; }

    /// <summary>The step between windows along a row.</summary>
    public int StrideWidth { get; }

    /// <summary>The output height.</summary>
    public int OutputHeight { get; }

    /// <summary>The output width.</summary>
    public int OutputWidth { get; }

    /// <summary>The values of one input row.</summary>
    public int InputSize => Channels * Height * Width;

    /// <summary>The values of one output row.</summary>
    public int OutputSize => Channels * OutputHeight * OutputWidth;
}
