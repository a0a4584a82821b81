namespace CompiledNN.Runtime;

/// <summary>The sizes the runtime's kernels and the generated code must agree on.</summary>
/// <remarks>This file is also compiled into the generator, so that neither repeats the other's numbers.</remarks>
internal static class KernelShape
{
    /// <summary>Units per panel of packed weights: four 512-bit registers, the batch kernel's widest tile.</summary>
    public const int PanelUnits = 64;

    /// <summary>The chains each unit of a deep, narrow layer sums in (<see cref="SumsInterleaved"/>): input i in chain i mod 4.</summary>
    public const int InterleavedChains = 4;

    /// <summary>
    /// Whether a layer sums each unit in <see cref="InterleavedChains"/> interleaved chains instead of one: at most 16
    /// units (two 256-bit registers) over 2,048 inputs or more, where one chain a unit would leave a row waiting on each
    /// addition in turn. The generator writes no straight-line code for such a layer, so that every path sums alike.
    /// </summary>
    public static bool SumsInterleaved(int inputs, int units) => inputs >= 2048 && units <= 16;
}
