using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using CompiledNN.Generators.Diagnostics;
using CompiledNN.Generators.Helpers;
using CompiledNN.Generators.Model;
using CompiledNN.Generators.Onnx;
using CompiledNN.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CompiledNN.Generators.Validation;

/// <summary>What importing an <c>[OnnxModel]</c> gave: the network with its weights baked, or the one problem that prevents it.</summary>
internal sealed record OnnxModelCheck(NetworkSpec? Network, ValidationProblem? Problem);

/// <summary>
/// The rules of <c>[OnnxModel]</c>, shared by the generator and the analyzer: exactly one ONNX file among the
/// AdditionalFiles ends with the path, it reads as an ONNX model, its graph maps onto dense layers, and those layers
/// with the class's <c>[Network]</c> options pass <see cref="NetworkValidator"/> like a declared network; its
/// <c>Quantization</c> follows <see cref="QuantizationValidator"/> as on <c>[Weights]</c>.
/// </summary>
internal static class OnnxModelValidator
{
    /// <summary>Imports the ONNX file of <paramref name="onnx"/> into the network <paramref name="declared"/> (the class as written).</summary>
    public static OnnxModelCheck Check(NetworkDeclaration declared, OnnxModelDeclaration onnx, ImmutableArray<AdditionalText> files, CancellationToken cancellationToken)
    {
        string path = onnx.Path ?? "";
        if (declared.HasMalformedArguments)
        {
            return new(null, null);
        }

        if (QuantizationValidator.CheckDeclaration(onnx.Baking, declared.Type.Name) is { } quantization)
        {
            return new(null, quantization);
        }

        byte[] bytes;
        try
        {
            if (Find(declared, onnx, files, cancellationToken, out bytes) is { } problem)
            {
                return new(null, problem);
            }
        }
        catch (OnnxFormatException exception)
        {
            return Fail(DiagnosticDescriptors.OnnxFileUnreadable, path, exception.Message);
        }

        OnnxModel model;
        try
        {
            model = OnnxModelReader.Read(bytes);
        }
        catch (OnnxFormatException exception)
        {
            return Fail(DiagnosticDescriptors.OnnxFileUnreadable, path, exception.Message);
        }

        ImportedNetwork imported = OnnxImporter.Import(model, path, onnx.AttributeIndex);
        if (imported.Problem is { } importProblem)
        {
            return new(null, importProblem);
        }

        string shape = string.Join("-", new[] { imported.InputSize }.Concat(imported.Layers.Select(static l => l.Units)));
        if (declared.Inputs.Count > 0 || declared.Layers.Count > 0)
        {
            return Fail(DiagnosticDescriptors.OnnxInvalidNetwork, path, declared.Type.Name, shape, "the layers come from the file, so the class declares no [Input] or [Dense]");
        }

        // The imported layers, declared at [OnnxModel], judged by the same rules as written ones.
        NetworkDeclaration declaration = declared with
        {
            NetworkAttributeIndex = declared.NetworkAttributeIndex >= 0 ? declared.NetworkAttributeIndex : onnx.AttributeIndex,
            Inputs = new[] { new InputDeclaration(onnx.AttributeIndex, imported.InputSize) }.ToEquatableArray(),
            Layers = imported.Layers.Select(l => new DenseDeclaration(
                onnx.AttributeIndex,
                l.Units,
                l.Activation,
                l.Activation is Activation.LeakyReLU or Activation.ELU ? l.Alpha : null)).ToEquatableArray(),
        };
        if (NetworkValidator.Validate(declaration).FirstOrDefault(static p => p.IsError) is { } error)
        {
            string message = string.Format(CultureInfo.InvariantCulture, error.Descriptor.MessageFormat.ToString(CultureInfo.InvariantCulture), error.MessageArguments);
            return Fail(DiagnosticDescriptors.OnnxInvalidNetwork, path, declared.Type.Name, shape, $"{error.Descriptor.Id}: {message}");
        }

        NetworkSpec network = NetworkValidator.ToSpec(declaration)!;
        var parameters = new List<float>(network.ParameterCount);
        foreach (ImportedLayer layer in imported.Layers)
        {
            parameters.AddRange(layer.Weights.Select(static w => (float)w));
            parameters.AddRange(layer.Bias.Select(static b => (float)b));
        }

        return QuantizationValidator.CheckWeights(network, onnx.Baking, parameters.ToArray()) is { } unusable
            ? new(null, unusable)
            : new(network with { Weights = new WeightsSpec(path, onnx.InferenceOnly, parameters.ToEquatableArray(), onnx.Quantization) }, null);

        OnnxModelCheck Fail(DiagnosticDescriptor descriptor, params object[] arguments) =>
            new(null, new ValidationProblem(descriptor, onnx.AttributeIndex, "0", arguments));
    }

    /// <summary>The bytes of the one ONNX file whose path ends with the declared one.</summary>
    private static ValidationProblem? Find(NetworkDeclaration declared, OnnxModelDeclaration onnx, ImmutableArray<AdditionalText> files, CancellationToken cancellationToken, out byte[] bytes)
    {
        bytes = [];
        string path = onnx.Path ?? "";
        var matches = new List<(AdditionalText File, string Source)>();
        bool unconverted = false;
        foreach (AdditionalText file in files)
        {
            if (path.Length == 0)
            {
                break;
            }

            if (OnnxFileText.SourcePath(file, cancellationToken) is { } source)
            {
                if (WeightsValidator.Matches(source, path))
                {
                    matches.Add((file, source));
                }
            }
            else if (WeightsValidator.Matches(file.Path, path))
            {
                unconverted = true;
            }
        }

        if (matches.Count == 0)
        {
            return unconverted
                ? new(DiagnosticDescriptors.OnnxFileUnreadable, onnx.AttributeIndex, "0", path, "it reached the compiler as text, without CompiledNN's build targets, which pass ONNX files to the generator in base64; reference the CompiledNN package, or import its build/CompiledNN.targets into the project")
                : new(DiagnosticDescriptors.OnnxFileNotFound, onnx.AttributeIndex, "0", path, declared.Type.Name);
        }

        if (matches.Count > 1)
        {
            return new(DiagnosticDescriptors.OnnxFileAmbiguous, onnx.AttributeIndex, "0", path, string.Join(", ", matches.Select(static m => m.Source).OrderBy(static p => p, StringComparer.Ordinal)));
        }

        SourceText? text = matches[0].File.GetText(cancellationToken);
        bytes = text is null ? [] : OnnxFileText.Decode(text);
        return null;
    }
}
