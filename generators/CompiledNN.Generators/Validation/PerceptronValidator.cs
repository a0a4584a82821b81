using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CompiledNN.Generators.Diagnostics;
using CompiledNN.Generators.Model;
using CompiledNN.Generators.Parsing;

namespace CompiledNN.Generators.Validation;

/// <summary>
/// The one place where the rules of a <c>[Perceptron]</c> live, and where its defaults are resolved (those of
/// <c>PerceptronAttribute</c>: one output, η = 0.1), so that what is validated is what is generated.
/// </summary>
internal static class PerceptronValidator
{
    /// <summary>The number of step units when <c>Outputs</c> is not set.</summary>
    public const int DefaultOutputs = 1;

    /// <summary>The learning rate when <c>LearningRate</c> is not set.</summary>
    public const float DefaultLearningRate = 0.1f;

    /// <summary>Lists the rules <paramref name="declaration"/> breaks.</summary>
    public static List<ValidationProblem> Validate(PerceptronDeclaration declaration)
    {
        var problems = new List<ValidationProblem>();
        string name = declaration.Type.Name;
        int at = declaration.AttributeIndex;
        ClassicModelRules.ValidateType("Perceptron", name, declaration.Shape, at, GeneratedMembers.Perceptron, problems);

        // Inputs has no default: a perceptron without it does not know its input size.
        int inputs = declaration.Inputs ?? 0;
        if (inputs < 1)
        {
            problems.Add(new(DiagnosticDescriptors.PerceptronSizeNotPositive, at, declaration.Inputs is null ? null : "Inputs", "Inputs", name, inputs, "input features"));
        }

        if (declaration.Outputs is < 1)
        {
            problems.Add(new(DiagnosticDescriptors.PerceptronSizeNotPositive, at, "Outputs", "Outputs", name, declaration.Outputs.Value, "step units"));
        }

        // Inputs × Outputs weights and Outputs biases share the networks' limit: the generated code indexes them with int.
        int outputs = declaration.Outputs ?? DefaultOutputs;
        long parameters = ((long)inputs * outputs) + outputs;
        if (inputs >= 1 && outputs >= 1 && parameters > NetworkValidator.MaxParameterCount)
        {
            problems.Add(new(DiagnosticDescriptors.NetworkTooLarge, at, null, Count(parameters), Count(NetworkValidator.MaxParameterCount)));
        }

        if (declaration.LearningRate is { } rate && !(rate > 0f && !float.IsInfinity(rate)))
        {
            problems.Add(new(DiagnosticDescriptors.PerceptronLearningRateInvalid, at, "LearningRate", name, rate.ToString("R", CultureInfo.InvariantCulture)));
        }

        return problems;
    }

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>The spec of a valid perceptron, or <see langword="null"/> when it has an error or a malformed argument.</summary>
    public static PerceptronSpec? ToSpec(PerceptronDeclaration declaration) =>
        declaration.HasMalformedArguments || !ClassicModelRules.IsAlone(declaration.Shape) || Validate(declaration).Any(static p => p.IsError)
            ? null
            : new PerceptronSpec(
                declaration.Type,
                declaration.Inputs!.Value,
                declaration.Outputs ?? DefaultOutputs,
                declaration.LearningRate ?? DefaultLearningRate);
}
