using System.Globalization;

namespace CompiledNN.Benchmarks;

/// <summary>The sizes of a layer benchmark's shape parameter, written <c>rows x inputs x units</c> (e.g. <c>64x784x256</c>).</summary>
internal static class LayerShape
{
    /// <summary>Size <paramref name="index"/> of <paramref name="shape"/>: 0 for the rows, 1 the inputs, 2 the units.</summary>
    public static int Size(string shape, int index) => int.Parse(shape.Split('x')[index], CultureInfo.InvariantCulture);
}
