using System.Collections.Generic;
using System.Linq;
using CompiledNN.Generators.Planning;

namespace CompiledNN.Generators.Emit;

/// <summary>
/// Writes a <c>[NativeExport]</c> network's C functions, as <c>[UnmanagedCallersOnly]</c> methods of its
/// implementation that hand their arguments to <c>CompiledNN.Runtime.NativeCalls</c>, and the C header that declares
/// them, as a constant that the package's build targets write out beside a published library. Both come from one
/// table, so the header always declares what the library exports.
/// </summary>
internal static class NativeExportEmitter
{
    /// <summary>The concern of the generated file (<c>{Type}.NativeExport.g.cs</c>), which the build targets look for.</summary>
    public const string Concern = "NativeExport";

    private const string NativeCalls = "Nnr::NativeCalls";

    /// <summary>One exported C function: its name after the prefix, C and C# signatures, the call it makes, and its documentation.</summary>
    private sealed record Function(string Suffix, string CReturn, string CParameters, string CSharpReturn, string CSharpParameters, string Body, string Summary);

    /// <summary>The file with the exports and the header.</summary>
    public static SourceFile Write(NetworkPlan network) =>
        FileEmitter.WriteImplementation(network.Type, Concern, writer => WriteMembers(writer, network));

    private static void WriteMembers(IndentedTextWriter writer, NetworkPlan network)
    {
        string prefix = network.NativeExport!;
        foreach (Function function in Functions(network))
        {
            writer.Line($"/// <summary>C: <c>{function.CReturn} {prefix}_{function.Suffix}({function.CParameters})</c>. {function.Summary}</summary>");
            writer.Line($"[Ris::UnmanagedCallersOnly(EntryPoint = \"{prefix}_{function.Suffix}\")]");
            writer.Line($"private static {function.CSharpReturn} Native_{function.Suffix}({function.CSharpParameters}) => {function.Body};");
            writer.Line();
        }

        // The build targets find the header by these two lines and copy the text between them, as it is, into the file.
        writer.Line($"/// <summary>The C header <c>{prefix}.h</c>, which the package's build targets write beside a library published with <c>NativeLib</c>.</summary>");
        writer.Verbatim($"// C header: {prefix}.h");
        writer.Verbatim("internal const string NativeHeader = \"\"\"");
        foreach (string line in Header(network))
        {
            writer.Verbatim(line);
        }

        writer.Verbatim("\"\"\";");
    }

    private static IEnumerable<Function> Functions(NetworkPlan network)
    {
        string type = network.Type.GlobalName;
        bool trainable = network.Weights is not { InferenceOnly: true };
        // Each signature twice: C's for the header, C#'s (pointers as nint) for the export.
        string csRow = "nint input, int inputLength, nint output, int outputLength";
        string csBatch = "nint inputs, int rows, nint outputs";
        string cRow = "const float* input, int32_t input_length, float* output, int32_t output_length";
        string cBatch = "const float* inputs, int32_t rows, float* outputs";
        yield return new("input_size", "int32_t", "void", "int", "", IndentedTextWriter.Int(network.InputSize), "The number of input features of one row.");
        yield return new("output_size", "int32_t", "void", "int", "", IndentedTextWriter.Int(network.OutputSize), "The number of outputs of one row.");
        yield return new("parameter_count", "int32_t", "void", "int", "", IndentedTextWriter.Int(network.ParameterCount), "The number of weights and biases.");
        if (trainable)
        {
            string handle = network.NativeExport + "_network* network";
            string handleOut = network.NativeExport + "_network** network";
            yield return new("predict", "int32_t", cRow, "int", csRow, $"{NativeCalls}.Predict<{type}>(input, inputLength, output, outputLength)", "One row through the network as <c>new T()</c> makes it.");
            yield return new("predict_batch", "int32_t", cBatch, "int", csBatch, $"{NativeCalls}.PredictBatch<{type}>(inputs, rows, outputs)", "Rows through the network as <c>new T()</c> makes it.");
            yield return new("create", "int32_t", "int32_t seed, " + handleOut, "int", "int seed, nint network", $"{NativeCalls}.Create(static seed => new {type}(seed), seed, network)", "A new network with weights drawn from the seed.");
            yield return new("load", "int32_t", "const char* path, " + handleOut, "int", "nint path, nint network", $"{NativeCalls}.Load<{type}>(path, network)", "A new network with a weights file's parameters.");
            yield return new("destroy", "int32_t", handle, "int", "nint network", $"{NativeCalls}.Destroy<{type}>(network)", "Frees a network; null does nothing.");
            yield return new("network_predict", "int32_t", handle + ", " + cRow, "int", "nint network, " + csRow, $"{NativeCalls}.PredictWith<{type}>(network, input, inputLength, output, outputLength)", "One row through a network.");
            yield return new("network_predict_batch", "int32_t", handle + ", " + cBatch, "int", "nint network, " + csBatch, $"{NativeCalls}.PredictBatchWith<{type}>(network, inputs, rows, outputs)", "Rows through a network.");
            yield return new("train_batch", "int32_t", handle + ", const float* inputs, const float* targets, int32_t rows, float* loss", "int", "nint network, nint inputs, nint targets, int rows, nint loss", $"{NativeCalls}.TrainBatch<{type}>(network, inputs, targets, rows, loss)", "One optimizer step on the rows' mean loss.");
            yield return new("get_parameters", "int32_t", handle + ", float* parameters, int32_t length", "int", "nint network, nint parameters, int length", $"{NativeCalls}.GetParameters<{type}>(network, parameters, length)", "Copies the parameters out, in canonical order.");
            yield return new("set_parameters", "int32_t", handle + ", const float* parameters, int32_t length", "int", "nint network, nint parameters, int length", $"{NativeCalls}.SetParameters<{type}>(network, parameters, length)", "Replaces the parameters, in canonical order.");
            yield return new("save", "int32_t", handle + ", const char* path", "int", "nint network, nint path", $"{NativeCalls}.Save<{type}>(network, path)", "Writes a weights file.");
        }
        else
        {
            yield return new("predict", "int32_t", cRow, "int", csRow, $"{NativeCalls}.Predict({type}.Predict, {network.InputSize}, {network.OutputSize}, input, inputLength, output, outputLength)", "One row through the network.");
            yield return new("predict_batch", "int32_t", cBatch, "int", csBatch, $"{NativeCalls}.PredictBatch({type}.PredictBatch, {network.InputSize}, {network.OutputSize}, inputs, rows, outputs)", "Rows through the network.");
        }

        yield return new("last_error", "const char*", "void", "nint", "", "Nnr::NativeStatus.LastError()", "The calling thread's last error message.");
    }

    /// <summary>The C header's lines.</summary>
    private static IEnumerable<string> Header(NetworkPlan network)
    {
        string prefix = network.NativeExport!;
        string upper = prefix.ToUpperInvariant();
        bool trainable = network.Weights is not { InferenceOnly: true };
        string layers = string.Join(" -> ", network.Layers.Select(static l => l.Spec.Summary));
        var lines = new List<string>
        {
            $"/* {prefix}.h: the C interface of {network.Type.GlobalName.Substring("global::".Length)}, a neural network compiled by CompiledNN.",
            $" * {network.InputSize} inputs -> {layers}" + (trainable ? $", trained with {network.Training.Optimizer} on {network.Training.Loss}." : ", inference only."),
            " *",
        };
        lines.AddRange(NetworkEmitter.LayerTable(network).Select(static row => " *   " + row));
        lines.AddRange(
        [
            " *",
            " * Every function but the sizes and last_error returns a status: 0 on success, a negative " + upper + "_ERROR_* code",
            $" * otherwise, with a message from {prefix}_last_error(). A failed call changes nothing. Floats are row after row.",
            " * Generated from the network's declaration: do not edit. */",
            $"#ifndef {upper}_H",
            $"#define {upper}_H",
            "",
            "#include <stdint.h>",
            "",
            "#ifdef __cplusplus",
            "extern \"C\" {",
            "#endif",
            "",
            $"#define {upper}_INPUT_SIZE {network.InputSize}",
            $"#define {upper}_OUTPUT_SIZE {network.OutputSize}",
            $"#define {upper}_PARAMETER_COUNT {network.ParameterCount}",
            "",
        ]);
        lines.AddRange(StatusCodes.Select((code, i) => $"#define {upper}_{code.Name} {(i == 0 ? "0" : "(-" + i + ")")} /* {code.Meaning} */"));
        lines.Add("");
        if (trainable)
        {
            lines.Add($"/* A network to train, predict with, save and load; {prefix}_predict and {prefix}_predict_batch need none (they use the");
            lines.Add(" * network as the class's parameterless constructor makes it). Use one network from one thread at a time while it trains. */");
            lines.Add($"typedef struct {prefix}_network {prefix}_network;");
            lines.Add("");
        }

        foreach (Function function in Functions(network))
        {
            lines.Add($"/* {CText(function.Summary)} */");
            lines.Add($"{function.CReturn} {prefix}_{function.Suffix}({function.CParameters});");
        }

        lines.AddRange(
        [
            "",
            "#ifdef __cplusplus",
            "}",
            "#endif",
            "",
            $"#endif /* {upper}_H */",
        ]);
        return lines;
    }

    /// <summary>The status codes in the order of their values from 0 down, as <c>CompiledNN.Runtime.NativeStatus</c> defines them.</summary>
    private static readonly (string Name, string Meaning)[] StatusCodes =
    [
        ("OK", "success"),
        ("ERROR_NULL_POINTER", "a pointer argument is null"),
        ("ERROR_WRONG_LENGTH", "a length or row count does not match the network"),
        ("ERROR_NOT_FINITE", "an input, target or parameter is NaN or infinite, or training diverged"),
        ("ERROR_IO", "a file could not be read or written"),
        ("ERROR_DAMAGED_FILE", "a file is not a valid weights file for this network"),
        ("ERROR_INVALID_HANDLE", "not a live network of this type"),
        ("ERROR_FAILED", "anything else; see last_error"),
    ];

    private static string CText(string summary) => summary.Replace("<c>new T()</c>", "the parameterless constructor");
}
