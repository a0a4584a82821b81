using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace CompiledNN.Runtime;

/// <summary>Whether the kernels fuse their multiply-adds.</summary>
internal static class FusedMultiplyAdd
{
    /// <summary>
    /// True where the processor (under NativeAOT, the instruction set compiled for) has a fused multiply-add instruction.
    /// Elsewhere .NET's <c>FusedMultiplyAdd</c> rounds once in software, one element at a time, so the kernels multiply
    /// then add instead. A constant to the JIT and to NativeAOT, so the branch not taken is not compiled. It is one basic
    /// block (<c>|</c>, not <c>||</c>) so that it folds to that constant where it is inlined: with a branch in it, the JIT
    /// kept every sum of a tile in memory whenever FMA was off.
    /// </summary>
    public static bool IsHardware => Fma.IsSupported | AdvSimd.IsSupported;
}
