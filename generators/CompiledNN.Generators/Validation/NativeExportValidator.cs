using CompiledNN.Generators.Diagnostics;
using CompiledNN.Generators.Parsing;
using Microsoft.CodeAnalysis;

namespace CompiledNN.Generators.Validation;

/// <summary>
/// The rules of <c>[NativeExport]</c> that one type decides, shared by the generator (which exports only what passes)
/// and the analyzer (which says why not). That no two networks share a prefix is the analyzer's alone.
/// </summary>
internal static class NativeExportValidator
{
    private const string UnmanagedCallersOnly = "System.Runtime.InteropServices.UnmanagedCallersOnlyAttribute";

    /// <summary>What is wrong with <paramref name="export"/> on network <paramref name="type"/>, or null if it can be exported.</summary>
    public static ValidationProblem? Check(NativeExportDeclaration export, INamedTypeSymbol type, Compilation compilation)
    {
        if (!IsCIdentifier(export.Prefix))
        {
            return new ValidationProblem(DiagnosticDescriptors.ExportPrefixNotCIdentifier, export.AttributeIndex, "0", export.Prefix ?? "null", type.Name);
        }

        return compilation.GetTypeByMetadataName(UnmanagedCallersOnly) is null
            ? new ValidationProblem(DiagnosticDescriptors.NativeExportUnavailable, export.AttributeIndex, null, type.Name)
            : null;
    }

    /// <summary>Whether <paramref name="name"/> is a C identifier: an ASCII letter or underscore, then letters, digits and underscores.</summary>
    public static bool IsCIdentifier(string? name)
    {
        if (string.IsNullOrEmpty(name) || name![0] is >= '0' and <= '9')
        {
            return false;
        }

        foreach (char c in name)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_'))
            {
                return false;
            }
        }

        return true;
    }
}
