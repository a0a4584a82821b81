using System.Globalization;

namespace CompiledNN.Generators.Model;

/// <summary>
/// The shape of one row between two layers, as PyTorch lays it out in memory: features (rank 1), a signal of
/// channels × length (rank 2, with the length as <see cref="Width"/>) or an image of channels × height × width (rank 3).
/// </summary>
/// <param name="Channels">The channels, or the features of a flat shape.</param>
/// <param name="Height">The image's height; 1 below rank 3.</param>
/// <param name="Width">The image's width or the signal's length; 1 for a flat shape.</param>
/// <param name="Rank">1 for features, 2 for a signal, 3 for an image.</param>
internal sealed record TensorShape(int Channels, int Height, int Width, int Rank)
{
    /// <summary><paramref name="features"/> values without further structure.</summary>
    public static TensorShape Flat(int features) => new(features, 1, 1, 1);

    /// <summary>The number of values of one row.</summary>
    public int Size => Channels * Height * Width;

    /// <summary>Whether the shape is a plain vector of features, which convolutions and pooling cannot read.</summary>
    public bool IsFlat => Rank == 1;

    /// <summary>The shape as PyTorch prints a row's, e.g. <c>16×26×26</c>, <c>8×100</c> or <c>10</c>.</summary>
    public override string ToString() => Rank switch
    {
        1 => Channels.ToString("N0", CultureInfo.InvariantCulture),
        2 => Channels.ToString(CultureInfo.InvariantCulture) + "×" + Width.ToString(CultureInfo.InvariantCulture),
        _ => Channels.ToString(CultureInfo.InvariantCulture) + "×" + Height.ToString(CultureInfo.InvariantCulture) + "×" + Width.ToString(CultureInfo.InvariantCulture),
    };
}
