using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CompiledNN.Generators.Diagnostics;
using CompiledNN.Generators.Parsing;

namespace CompiledNN.Generators.Validation;

/// <summary>The rules of <c>[Dropout(rate)]</c>.</summary>
internal static class DropoutRules
{
    /// <summary>A rate above this gets a warning: more than half of the values gone slows training for little gain.</summary>
    public const float HighRate = 0.5f;

    public static void Validate(NetworkDeclaration declaration, List<ValidationProblem> problems)
    {
        string name = declaration.Type.Name;
        int lastDense = declaration.Layers.Select(static l => l.AttributeIndex).Concat(declaration.Normalizations.Select(static l => l.AttributeIndex)).DefaultIfEmpty(-1).Max();
        foreach (DropoutDeclaration dropout in declaration.Dropouts)
        {
            if (dropout.Rate is { } rate && !(rate >= 0f && rate < 1f))
            {
                problems.Add(new(DiagnosticDescriptors.DropoutRateOutOfRange, dropout.AttributeIndex, "0", name, Format(rate)));
            }
            else if (dropout.Rate > HighRate)
            {
                problems.Add(new(DiagnosticDescriptors.HighDropoutRate, dropout.AttributeIndex, "0", name, Format(dropout.Rate.Value)));
            }

            if (lastDense >= 0 && dropout.AttributeIndex > lastDense)
            {
                problems.Add(new(DiagnosticDescriptors.DropoutAfterOutputLayer, dropout.AttributeIndex, null, name));
            }
        }
    }

    /// <summary>Dropout in a network that <c>[Weights(…, InferenceOnly = true)]</c> makes inference only, where it never acts.</summary>
    public static IEnumerable<ValidationProblem> ValidateInferenceOnly(NetworkDeclaration declaration, WeightsDeclaration weights) => weights.InferenceOnly
        ? declaration.Dropouts.Select(dropout => new ValidationProblem(DiagnosticDescriptors.DropoutInInferenceOnlyNetwork, dropout.AttributeIndex, null, declaration.Type.Name))
        : [];

    private static string Format(float value) => value.ToString("R", CultureInfo.InvariantCulture);
}
