using System;

namespace CompiledNN;

/// <summary>
/// Declares the shape of one input row of a <see cref="NetworkAttribute"/> network: features, a signal of channels ×
/// length, or an image of channels × height × width. A row is one flat span in PyTorch's memory order (C, L or C, H, W).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class InputAttribute : Attribute
{
    /// <summary>Declares <paramref name="size"/> input features.</summary>
    /// <param name="size">The number of features of one input row; at least 1.</param>
    public InputAttribute(int size)
    {
        Size = size;
        Channels = size;
        Height = 1;
        Width = 1;
    }

    /// <summary>Declares a signal of <paramref name="channels"/> channels of <paramref name="length"/> samples, for <see cref="Conv1DAttribute"/>.</summary>
    /// <param name="channels">The number of channels; at least 1.</param>
    /// <param name="length">The number of samples per channel; at least 1.</param>
    public InputAttribute(int channels, int length)
    {
        Size = channels * length;
        Channels = channels;
        Height = 1;
        Width = length;
    }

    /// <summary>Declares an image of <paramref name="channels"/> channels of <paramref name="height"/> × <paramref name="width"/> pixels, for <see cref="Conv2DAttribute"/>.</summary>
    /// <param name="channels">The number of channels; at least 1.</param>
    /// <param name="height">The number of rows of pixels; at least 1.</param>
    /// <param name="width">The number of pixels per row; at least 1.</param>
    public InputAttribute(int channels, int height, int width)
    {
        Size = channels * height * width;
        Channels = channels;
        Height = height;
        Width = width;
    }

    /// <summary>The number of values of one input row: the product of its dimensions.</summary>
    public int Size { get; }

    /// <summary>The number of channels (the number of features for a flat input).</summary>
    public int Channels { get; }

    /// <summary>The height of an image input, otherwise 1.</summary>
    public int Height { get; }

    /// <summary>The width of an image input or length of a signal, otherwise 1.</summary>
    public int Width { get; }
}
