using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CompiledNN.Generators.Diagnostics;
using CompiledNN.Generators.Model;
using CompiledNN.Generators.Parsing;

namespace CompiledNN.Generators.Validation;

/// <summary>The one place where the rules of a <c>[Neuron]</c> live; the generator and the analyzer both ask it.</summary>
internal static class NeuronValidator
{
    /// <summary>Lists the rules <paramref name="declaration"/> breaks.</summary>
    public static List<ValidationProblem> Validate(NeuronDeclaration declaration)
    {
        var problems = new List<ValidationProblem>();
        string name = declaration.Type.Name;
        int at = declaration.AttributeIndex;
        int count = declaration.Weights.Count;
        ClassicModelRules.ValidateType("Neuron", name, declaration.Shape, at, GeneratedMembers.Neuron(count), problems);

        // Weights of the wrong type are a compile error of their own; reporting them as missing would mislead.
        if (count == 0 && !declaration.HasMalformedArguments)
        {
            problems.Add(new(DiagnosticDescriptors.NeuronWithoutWeights, at, "Weights", name));
        }
        else if (declaration.Inputs is { } inputs && inputs != 0 && inputs != count)
        {
            problems.Add(new(DiagnosticDescriptors.NeuronWeightCountMismatch, at, "Weights", name, inputs, count));
        }

        for (int i = 0; i < count; i++)
        {
            float weight = declaration.Weights[i];
            if (!IsFinite(weight))
            {
                problems.Add(new(DiagnosticDescriptors.NeuronValueNotFinite, at, "Weights", $"Weight {i}", name, Format(weight)));
            }
        }

        if (declaration.Threshold is { } threshold && !IsFinite(threshold))
        {
            problems.Add(new(DiagnosticDescriptors.NeuronValueNotFinite, at, "Threshold", "The threshold", name, Format(threshold)));
        }

        return problems;
    }

    /// <summary>The spec of a valid neuron, or <see langword="null"/> when it has an error or a malformed argument.</summary>
    public static NeuronSpec? ToSpec(NeuronDeclaration declaration) =>
        declaration.HasMalformedArguments || !ClassicModelRules.IsAlone(declaration.Shape) || Validate(declaration).Any(static p => p.IsError)
            ? null
            : new NeuronSpec(declaration.Type, declaration.Weights, declaration.Threshold ?? 0f);

    private static bool IsFinite(float value) => !float.IsNaN(value) && !float.IsInfinity(value);

    private static string Format(float value) => value.ToString("R", CultureInfo.InvariantCulture);
}
