using System;
using System.Collections.Generic;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace CompiledNN.Generators.Tests.Helpers;

/// <summary>
/// Walks an object graph (records, arrays, <c>EquatableArray</c>, tuples) through every instance field and reports any
/// <see cref="ISymbol"/>, <see cref="SyntaxNode"/>, <see cref="SyntaxTree"/>, <see cref="Compilation"/>,
/// <see cref="SemanticModel"/> or <see cref="Location"/>: the pipeline's model must compare by value and must not keep
/// a compilation alive (the check of System.Text.Json's <c>SourceGenModelDoesNotEncapsulateSymbolsOrCompilationData</c>).
/// </summary>
internal sealed class ModelWalker
{
    private static readonly Type[] Forbidden =
        [typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Compilation), typeof(SemanticModel), typeof(Location)];

    private readonly HashSet<object> _seen = new(ReferenceEqualityComparer.Instance);

    /// <summary>What was found, each with the path to it.</summary>
    public List<string> Problems { get; } = [];

    /// <summary>Every type the walk went through, so a test can show it reached the leaves.</summary>
    public HashSet<Type> Visited { get; } = [];

    public void Walk(object? value, string path)
    {
        if (value is null || value is string || value is Enum || value.GetType().IsPrimitive || value is decimal)
        {
            return;
        }

        Type type = value.GetType();
        Visited.Add(type);
        foreach (Type forbidden in Forbidden)
        {
            if (forbidden.IsAssignableFrom(type))
            {
                Problems.Add($"{path} is a {forbidden.Name} ({type.FullName}).");
                return;
            }
        }

        if (!type.IsValueType && !_seen.Add(value))
        {
            return;
        }

        // Arrays are walked element by element; everything else (records, EquatableArray, ImmutableArray, tuples)
        // through its instance fields, private ones included, which reaches the arrays they wrap.
        if (value is Array array)
        {
            int index = 0;
            foreach (object? item in array)
            {
                Walk(item, $"{path}[{index++}]");
            }

            return;
        }

        for (Type? current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            foreach (FieldInfo field in current.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                Walk(field.GetValue(value), $"{path}.{field.Name}");
            }
        }
    }
}
