using Microsoft.CodeAnalysis;

namespace CompiledNN.Generators.Diagnostics;

/// <summary>The diagnostics of <c>[OnnxModel]</c>, which compiles an ONNX file into a network (CNN03xx).</summary>
internal static partial class DiagnosticDescriptors
{
    private const string Onnx = "CompiledNN.Onnx";

    public static readonly DiagnosticDescriptor OnnxFileNotFound = Error(
        "CNN0301", Onnx,
        "ONNX file not found",
        "No AdditionalFiles item ends with '{0}', so network '{1}' cannot be imported; add <AdditionalFiles Include=\"{0}\" /> to the project file or correct the path");

    public static readonly DiagnosticDescriptor OnnxFileAmbiguous = Error(
        "CNN0302", Onnx,
        "Several files match the ONNX path",
        "Several AdditionalFiles items end with '{0}' ({1}); write more of the path in [OnnxModel] so that exactly one matches");

    public static readonly DiagnosticDescriptor OnnxFileUnreadable = Error(
        "CNN0303", Onnx,
        "ONNX file is damaged or not an ONNX model",
        "The ONNX file '{0}' cannot be read: {1}");

    public static readonly DiagnosticDescriptor OnnxOpsetUnsupported = Error(
        "CNN0304", Onnx,
        "ONNX operator set not supported",
        "The ONNX file '{0}' uses operator set {1}, and the importer reads operator sets 9 to 21; export the model again with an operator set in that range, e.g. torch.onnx.export(..., opset_version=13)");

    public static readonly DiagnosticDescriptor OnnxUnsupportedOperator = Error(
        "CNN0305", Onnx,
        "ONNX operator not supported",
        "The ONNX file '{0}': node {1} cannot be imported: {2}");

    public static readonly DiagnosticDescriptor OnnxNotAChain = Error(
        "CNN0306", Onnx,
        "ONNX graph is not a chain",
        "The ONNX file '{0}' is not a chain of layers: {1}; the importer reads graphs with one input and one output in which each node feeds only the next");

    public static readonly DiagnosticDescriptor OnnxDynamicDimension = Error(
        "CNN0307", Onnx,
        "ONNX dimension other than the batch is dynamic",
        "The ONNX file '{0}': {1} has the dynamic dimension {2} at axis {3}, and only the batch axis (0) may be dynamic; export with fixed sizes for the other axes, e.g. dynamic_axes={{'input': {{0: 'batch'}}}}");

    public static readonly DiagnosticDescriptor OnnxUnsupportedAttribute = Error(
        "CNN0308", Onnx,
        "ONNX attribute value not supported",
        "The ONNX file '{0}': node {1} has {2}, which the importer does not support; {3}");

    public static readonly DiagnosticDescriptor OnnxUnsupportedElementType = Error(
        "CNN0309", Onnx,
        "ONNX tensor is not float32",
        "The ONNX file '{0}': {1} has element type {2}, and the importer reads float32 tensors only; export the model in float32 (model.float())");

    public static readonly DiagnosticDescriptor OnnxInvalidNetwork = Error(
        "CNN0310", Onnx,
        "Imported ONNX network is not a valid network",
        "The network '{1}' imported from the ONNX file '{0}' ({2}) cannot be generated: {3}");
}
