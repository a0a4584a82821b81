using Microsoft.CodeAnalysis;

namespace CompiledNN.Generators.Diagnostics;

/// <summary>The diagnostics of <c>[NativeExport]</c>, which exports a network as C functions (CNN04xx).</summary>
internal static partial class DiagnosticDescriptors
{
    private const string NativeExport = "CompiledNN.NativeExport";

    public static readonly DiagnosticDescriptor ExportPrefixNotCIdentifier = Error(
        "CNN0401", NativeExport,
        "Export prefix is not a C identifier",
        "'{0}' is not a C identifier, so network '{1}' cannot export C functions named after it; use ASCII letters, digits and underscores, not starting with a digit");

    // Found only once every type is seen, so it is reported at the end of the compilation (on a full build, and in the
    // IDE with full-solution analysis).
    public static readonly DiagnosticDescriptor ExportPrefixTaken = new(
        "CNN0402",
        "Two networks export the same prefix",
        "Networks '{0}' and '{1}' both export C functions named '{2}_…'; give each [NativeExport] its own prefix",
        NativeExport,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "cnn0402",
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor NativeExportUnavailable = Error(
        "CNN0403", NativeExport,
        "The target framework cannot export C functions",
        "Network '{0}' declares [NativeExport], but the target framework has no UnmanagedCallersOnlyAttribute, which C exports need; target .NET 8 or later and publish with -p:PublishAot=true -p:NativeLib=Shared");

    public static readonly DiagnosticDescriptor NativeExportWithoutNetwork = Error(
        "CNN0404", NativeExport,
        "[NativeExport] without [Network]",
        "'{0}' declares [NativeExport] but carries no [Network], so nothing is exported; [NativeExport] exports a [Network] type only");
}
