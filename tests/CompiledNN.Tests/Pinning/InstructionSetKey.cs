using System;
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
    public static string Current
    {
        get
        {
            string width = Vector512.IsHardwareAccelerated ? "vector512"
                : Vector256.IsHardwareAccelerated ? "vector256"
                : Vector128.IsHardwareAccelerated ? "vector128"
                : "scalar";
            string fused = (Fma.IsSupported ? " fma" : "") + (AdvSimd.IsSupported ? " advsimd" : "");
            return $"{OperatingSystemName}-{RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()} {width}{fused}";
        }
    }

    private static string OperatingSystemName =>
        OperatingSystem.IsLinux() ? "linux"
        : OperatingSystem.IsWindows() ? "windows"
        : OperatingSystem.IsMacOS() ? "macos"
        : RuntimeInformation.OSDescription.Split(' ')[0].ToLowerInvariant();
}
