using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using CompiledNN.Generators.Diagnostics;
using CompiledNN.Generators.Helpers;
using CompiledNN.Generators.Model;
using CompiledNN.Generators.Parsing;
using CompiledNN.Persistence;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CompiledNN.Generators.Validation;

/// <summary>What checking a <c>[Weights]</c> file gave: the parameters to bake, or the one problem that prevents it.</summary>
/// <param name="Parameters">The file's parameters in canonical order when it fits the network.</param>
/// <param name="Problem">Why it cannot be baked, otherwise.</param>
internal sealed record WeightsCheck(float[]? Parameters, ValidationProblem? Problem);

/// <summary>
/// The rules of <c>[Weights]</c>, shared by the generator (which bakes only a file that passes) and the analyzer
/// (which reports why one does not): exactly one AdditionalFiles item ends with the path, it is a valid weights file
/// (read by the runtime's own <see cref="WeightsFormat"/>), and it was saved for this network's architecture.
/// </summary>
internal static class WeightsValidator
{
    /// <summary>Finds, reads and checks the weights file of <paramref name="network"/>.</summary>
    public static WeightsCheck Check(NetworkSpec network, WeightsDeclaration declaration, ImmutableArray<AdditionalText> files, CancellationToken cancellationToken)
    {
        string path = declaration.Path ?? "";
        string name = network.Type.Name;
        if (QuantizationValidator.CheckDeclaration(declaration, name) is { } declared)
        {
            return new WeightsCheck(null, declared);
        }

        var matches = files.Where(file => path.Length > 0 && Matches(file.Path, path)).ToList();
        if (matches.Count == 0)
        {
            return Fail(DiagnosticDescriptors.WeightsFileNotFound, path, name);
        }

        if (matches.Count > 1)
        {
            return Fail(DiagnosticDescriptors.WeightsFileAmbiguous, path, string.Join(", ", matches.Select(static f => f.Path).OrderBy(static p => p, StringComparer.Ordinal)));
        }

        SourceText? text = matches[0].GetText(cancellationToken);
        if (text is null)
        {
            return Fail(DiagnosticDescriptors.WeightsFileCorrupt, path, "the file could not be read");
        }

        // The longest file this network's parameters can fill; a larger one is not parsed at all.
        NetworkArchitecture architecture = ArchitectureOf(network);
        if (text.Length > WeightsFormat.MaxLength(architecture))
        {
            return Fail(DiagnosticDescriptors.WeightsFileCorrupt, path, $"it has {text.Length} characters, more than the {WeightsFormat.MaxLength(architecture)} a weights file for {architecture.Shape} can have");
        }

        WeightsFileContent content;
        try
        {
            content = WeightsFormat.Read(text.ToString());
        }
        catch (InvalidDataException exception)
        {
            return Fail(DiagnosticDescriptors.WeightsFileCorrupt, path, exception.Message.TrimEnd('.'));
        }

        string? mismatch = architecture.Mismatch(content.Architecture);
        if (mismatch is not null)
        {
            return Fail(DiagnosticDescriptors.WeightsArchitectureMismatch, path, name, mismatch);
        }

        return QuantizationValidator.CheckWeights(network, declaration, content.Parameters) is { } unusable
            ? new WeightsCheck(null, unusable)
            : new WeightsCheck(content.Parameters, null);

        WeightsCheck Fail(DiagnosticDescriptor descriptor, params object[] arguments) =>
            new(null, new ValidationProblem(descriptor, declaration.AttributeIndex, "0", arguments));
    }

    /// <summary>
    /// Fills in the parameters of a network's <c>[Weights]</c>, or returns <see langword="null"/> when the file does
    /// not pass (the analyzer reports why); a network without <c>[Weights]</c> passes through unchanged.
    /// </summary>
    public static NetworkSpec? Bake(NetworkSpec network, ImmutableArray<AdditionalText> files, CancellationToken cancellationToken)
    {
        if (network.Weights is not { } weights)
        {
            return network;
        }

        WeightsCheck check = Check(network, new WeightsDeclaration(-1, weights.Path, weights.InferenceOnly, weights.Quantization), files, cancellationToken);
        return check.Parameters is null ? null : network with { Weights = weights with { Parameters = check.Parameters.ToEquatableArray() } };
    }

    /// <summary>The architecture a weights file records for <paramref name="network"/>.</summary>
    public static NetworkArchitecture ArchitectureOf(NetworkSpec network) => new(
        network.InputShape.Rank switch
        {
            1 => new[] { network.InputSize },
            2 => new[] { network.InputShape.Channels, network.InputShape.Width },
            _ => new[] { network.InputShape.Channels, network.InputShape.Height, network.InputShape.Width },
        },
        network.Layers.Select(static l => l.Architecture).Where(static a => a is not null).Select(static a => a!).ToList());

    /// <summary>Whether <paramref name="filePath"/> is <paramref name="path"/> or ends with it after a separator, whichever separators either uses.</summary>
    public static bool Matches(string filePath, string path)
    {
        string file = filePath.Replace('\\', '/');
        string wanted = path.Replace('\\', '/');
        while (wanted.StartsWith("./", StringComparison.Ordinal))
        {
            wanted = wanted.Substring(2);
        }

        return file == wanted || file.EndsWith("/" + wanted, StringComparison.Ordinal);
    }
}
