namespace CompiledNN.Runtime;

/// <summary>The sizes the runtime's kernels and the generated code must agree on.</summary>
/// <remarks>This file is also compiled into the generator, so that neither repeats the other's numbers.</remarks>
internal static class KernelShape
{
    /// <summary>Units per panel of packed weights: four 512-bit registers, the batch kernel's widest tile.</summary>
    public const int PanelUnits = 64;
}
