using System.Collections.Generic;
using CompiledNN.Generators.Diagnostics;
using CompiledNN.Generators.Parsing;

namespace CompiledNN.Generators.Validation;

/// <summary>The type rules <c>[Neuron]</c> and <c>[Perceptron]</c> share.</summary>
internal static class ClassicModelRules
{
    /// <summary>
    /// Checks the type and reports every other classic kind on it at this kind's attribute. A <c>[Network]</c> on the
    /// same type is left to the network validator, which reports it at <c>[Network]</c>, so it is reported once.
    /// </summary>
    public static void ValidateType(string kind, string name, TypeShape shape, int attributeIndex, IEnumerable<string> generated, List<ValidationProblem> problems)
    {
        TypeRules.ValidateClass(kind, name, shape, problems);
        foreach (string other in shape.OtherKinds)
        {
            if (other != "Network")
            {
                problems.Add(new(DiagnosticDescriptors.SeveralNetworkKinds, attributeIndex, null, name, kind, other));
            }
        }

        TypeRules.ValidateMembers(name, shape, generated, problems);
    }

    /// <summary>Whether a type with <paramref name="shape"/> may get code: never when it also carries another kind.</summary>
    public static bool IsAlone(TypeShape shape) => shape.OtherKinds.Count == 0;
}
