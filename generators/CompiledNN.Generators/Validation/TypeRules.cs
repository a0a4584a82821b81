using System.Collections.Generic;
using System.Linq;
using CompiledNN.Generators.Diagnostics;
using CompiledNN.Generators.Parsing;

namespace CompiledNN.Generators.Validation;

/// <summary>The rules every kind of network has for the type that carries it, worded with the kind's attribute.</summary>
internal static class TypeRules
{
    /// <summary>The type must be a non-static, non-abstract, non-generic partial class in partial containing types.</summary>
    /// <param name="kind">The attribute's name without brackets, e.g. <c>Neuron</c>.</param>
    /// <param name="name">The type's name.</param>
    /// <param name="shape">What the parser found about the type.</param>
    /// <param name="problems">Receives the problems.</param>
    public static void ValidateClass(string kind, string name, TypeShape shape, List<ValidationProblem> problems)
    {
        if (!shape.IsClass)
        {
            problems.Add(new(DiagnosticDescriptors.UnsupportedType, -1, null, name, $"only classes can carry [{kind}]; declare it as a partial class"));
        }
        else if (shape.IsStatic)
        {
            problems.Add(new(DiagnosticDescriptors.UnsupportedType, -1, null, name, "a static class has no instances to hold the parameters; remove 'static'"));
        }
        else if (shape.IsAbstract)
        {
            problems.Add(new(DiagnosticDescriptors.UnsupportedType, -1, null, name, "an abstract class cannot be constructed; remove 'abstract'"));
        }

        if (shape.IsFileLocal)
        {
            problems.Add(new(DiagnosticDescriptors.UnsupportedType, -1, null, name, "a file-local type cannot be extended by the generated files; remove 'file' (make it internal)"));
        }

        if (shape.IsGeneric)
        {
            problems.Add(new(DiagnosticDescriptors.UnsupportedType, -1, null, name, "generic types (or types nested in generic types) are not supported; remove the type parameters"));
        }

        if (!shape.IsPartial)
        {
            problems.Add(new(DiagnosticDescriptors.TypeNotPartial, -1, null, name));
        }

        if (shape.NonPartialContainingType is { } container)
        {
            problems.Add(new(DiagnosticDescriptors.ContainingTypeNotPartial, -1, null, container, name));
        }
    }

    /// <summary>No user member may have the name and parameters of a generated one.</summary>
    /// <param name="name">The type's name.</param>
    /// <param name="shape">What the parser found about the type.</param>
    /// <param name="generated">The generated members, written as <see cref="GeneratedMembers"/> writes them.</param>
    /// <param name="problems">Receives the problems.</param>
    public static void ValidateMembers(string name, TypeShape shape, IEnumerable<string> generated, List<ValidationProblem> problems)
    {
        string typeName = name.TrimStart('@');
        foreach (string member in generated)
        {
            if (shape.MemberNames.Contains(member))
            {
                problems.Add(new(DiagnosticDescriptors.MemberCollision, -1, null, name, member.Replace(".ctor", name).Replace("System.", "")) { Member = member });
            }
        }

        // C# forbids a member named as its type (CS0542), so such a type name would break the generated files.
        if (generated.Any(member => member.Split('(')[0] == typeName))
        {
            problems.Add(new(DiagnosticDescriptors.TypeNameCollision, -1, null, typeName));
        }
    }
}
