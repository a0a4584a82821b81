using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace CompiledNN.Tests.Pinning;

/// <summary>
/// Names what decides the bits the runtime produces, so that pins recorded on one setting are compared only on it:
/// the widest accelerated vector (the kernels pick <c>Vector512</c>, then <c>Vector256</c>, then <c>Vector128</c>, else
/// scalar code), whether <c>Fma</c> fuses the 128- and 256-bit multiply-adds and <c>FusedMultiplyAdd.IsHardware</c>
/// (<c>Fma</c> or <c>AdvSimd</c>) the 512-bit and scalar ones, the architecture (on Arm the 128-bit kernels do not fuse
/// where scalar code does), and the operating system, whose C library computes the few <c>MathF.Exp</c> and
/// <c>MathF.Log</c> calls (log-sum-exp, Softplus, ELU gradients).
/// </summary>
internal static class InstructionSetKey
{
    /// <summary>For example <c>linux-x64 vector256 fma</c> or <c>linux-x64 scalar</c>.</summary>
    public static string Current =>
        Compose(
            Vector512.IsHardwareAccelerated ? "vector512"
            : Vector256.IsHardwareAccelerated ? "vector256"
            : Vector128.IsHardwareAccelerated ? "vector128"
            : "scalar",
            fma: Fma.IsSupported,
            advSimd: AdvSimd.IsSupported);

    /// <summary>
    /// The keys a child process of this one would have with one instruction set turned off by an environment variable set to
    /// <c>0</c>, narrowest last, each the expected key (the child's own <see cref="Current"/> decides): without AVX-512
    /// (<c>DOTNET_EnableAVX512</c>) the 256-bit kernels, fused if <c>Fma</c> is; without AVX2 (<c>DOTNET_EnableAVX2</c>,
    /// which turns off the whole AVX2 group, <c>Fma</c> included) the 128-bit ones; without any hardware intrinsic
    /// (<c>DOTNET_EnableHWIntrinsic</c>) scalar code. Only the ones that differ from the current key.
    /// </summary>
    public static IEnumerable<(string Variable, string Key)> Reachable
    {
        get
        {
            if (X86Base.IsSupported && Vector512.IsHardwareAccelerated && Avx2.IsSupported)
            {
                yield return ("DOTNET_EnableAVX512", Compose("vector256", fma: Fma.IsSupported, advSimd: false));
            }

            if (X86Base.IsSupported && Vector256.IsHardwareAccelerated)
            {
                yield return ("DOTNET_EnableAVX2", Compose("vector128", fma: false, advSimd: false));
            }

            if (Vector128.IsHardwareAccelerated)
            {
                yield return ("DOTNET_EnableHWIntrinsic", Compose("scalar", fma: false, advSimd: false));
            }
        }
    }

    private static string Compose(string width, bool fma, bool advSimd) =>
        $"{OperatingSystemName}-{RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()} {width}{(fma ? " fma" : "")}{(advSimd ? " advsimd" : "")}";

    private static string OperatingSystemName =>
        OperatingSystem.IsLinux() ? "linux"
        : OperatingSystem.IsWindows() ? "windows"
        : OperatingSystem.IsMacOS() ? "macos"
        : RuntimeInformation.OSDescription.Split(' ')[0].ToLowerInvariant();
}
