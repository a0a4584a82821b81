using System;

namespace CompiledNN;

/// <summary>
/// Exports the network as C functions named <c>prefix_…</c> when the project is published as a NativeAOT library
/// (<c>-p:PublishAot=true -p:NativeLib=Shared</c>), with a C header <c>prefix.h</c> beside the library. Every
/// function returns a status (0 = ok) and lets no exception reach the caller; see <c>docs/native-library.md</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class NativeExportAttribute : Attribute
{
    /// <summary>Exports the network's functions as <c><paramref name="prefix"/>_predict</c> and so on.</summary>
    /// <param name="prefix">The C identifier every exported name starts with, and the header's name.</param>
    public NativeExportAttribute(string prefix) => Prefix = prefix;

    /// <summary>The C identifier every exported name starts with, and the header's name.</summary>
    public string Prefix { get; }
}
