using System;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;

namespace CompiledNN.Tests.NativeExport;

/// <summary>
/// A network's exported C functions, found by entry point among its generated <c>[UnmanagedCallersOnly]</c> methods;
/// their function pointers are what a native caller gets, so calling them here runs the C ABI path in-process.
/// </summary>
internal static class Exports
{
    public static nint Of(Type network, string entryPoint)
    {
        Type implementation = network.GetNestedType("Implementation", BindingFlags.NonPublic)
            ?? throw new InvalidOperationException($"{network.Name} has no generated implementation.");
        MethodInfo method = implementation.GetMethods(BindingFlags.NonPublic | BindingFlags.Static)
            .Single(m => m.GetCustomAttribute<UnmanagedCallersOnlyAttribute>()?.EntryPoint == entryPoint);
        return method.MethodHandle.GetFunctionPointer();
    }

    /// <summary>Every entry point the network exports.</summary>
    public static string[] EntryPoints(Type network) => network.GetNestedType("Implementation", BindingFlags.NonPublic)!
        .GetMethods(BindingFlags.NonPublic | BindingFlags.Static)
        .Select(static m => m.GetCustomAttribute<UnmanagedCallersOnlyAttribute>()?.EntryPoint)
        .OfType<string>()
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>The calling thread's last error, as <c>prefix_last_error()</c> returns it.</summary>
    public static unsafe string LastError(Type network, string prefix) =>
        Marshal.PtrToStringUTF8(((delegate* unmanaged<nint>)Of(network, prefix + "_last_error"))()) ?? "(null)";
}
