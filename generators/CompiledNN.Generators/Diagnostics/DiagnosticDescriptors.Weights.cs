using Microsoft.CodeAnalysis;

namespace CompiledNN.Generators.Diagnostics;

/// <summary>The diagnostics of <c>[Weights]</c>, which bakes a saved weights file into the assembly (CNN02xx).</summary>
internal static partial class DiagnosticDescriptors
{
    private const string Weights = "CompiledNN.Weights";

    public static readonly DiagnosticDescriptor WeightsFileNotFound = Error(
        "CNN0201", Weights,
        "Weights file not found",
        "No AdditionalFiles item ends with '{0}', so network '{1}' cannot bake its weights; add <AdditionalFiles Include=\"{0}\" /> to the project file or correct the path");

    public static readonly DiagnosticDescriptor WeightsArchitectureMismatch = Error(
        "CNN0202", Weights,
        "Weights file does not fit the network",
        "The weights file '{0}' does not fit network '{1}': {2}; save the weights of this network again or declare the layers it was saved for");

    public static readonly DiagnosticDescriptor WeightsFileCorrupt = Error(
        "CNN0203", Weights,
        "Weights file is damaged or not a weights file",
        "The weights file '{0}' cannot be read: {1}");

    public static readonly DiagnosticDescriptor WeightsFileAmbiguous = Error(
        "CNN0204", Weights,
        "Several files match the weights path",
        "Several AdditionalFiles items end with '{0}' ({1}); write more of the path in [Weights] so that exactly one matches");

    public static readonly DiagnosticDescriptor WeightsWithoutNetwork = Error(
        "CNN0205", Weights,
        "[Weights] without [Network]",
        "'{0}' declares [Weights] but carries no [Network], so no weights are baked into it; [Weights] bakes a saved file into a [Network] type only");
}
