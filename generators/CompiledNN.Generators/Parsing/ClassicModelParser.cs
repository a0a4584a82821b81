using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using CompiledNN.Generators.Helpers;
using Microsoft.CodeAnalysis;

namespace CompiledNN.Generators.Parsing;

/// <summary>Reads a type's <c>[Neuron]</c> or <c>[Perceptron]</c> into a declaration, judging nothing.</summary>
internal static class ClassicModelParser
{
    /// <summary>Reads the <c>[Neuron]</c> of <paramref name="type"/>.</summary>
    public static NeuronDeclaration ParseNeuron(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        int index = Find(type, AttributeNames.Neuron, out AttributeData? attribute, out List<string> otherKinds, cancellationToken);
        bool malformed = attribute is null;
        EquatableArray<float> weights = EquatableArray<float>.Empty;
        float? threshold = null;
        int? inputs = null;
        if (attribute is not null)
        {
            weights = ReadWeights(attribute, ref malformed);
            threshold = NetworkParser.ReadNamed<float>(attribute, "Threshold", ref malformed);
            inputs = NetworkParser.ReadNamed<int>(attribute, "Inputs", ref malformed);
        }

        return new NeuronDeclaration(
            NetworkParser.ReadHierarchy(type),
            NetworkParser.ReadShape(type, layersInSeveralDeclarations: false, otherKinds),
            index,
            weights,
            threshold,
            inputs,
            malformed);
    }

    /// <summary>Reads the <c>[Perceptron]</c> of <paramref name="type"/>.</summary>
    public static PerceptronDeclaration ParsePerceptron(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        int index = Find(type, AttributeNames.Perceptron, out AttributeData? attribute, out List<string> otherKinds, cancellationToken);
        bool malformed = attribute is null;
        int? inputs = null, outputs = null;
        float? learningRate = null;
        if (attribute is not null)
        {
            inputs = NetworkParser.ReadNamed<int>(attribute, "Inputs", ref malformed);
            outputs = NetworkParser.ReadNamed<int>(attribute, "Outputs", ref malformed);
            learningRate = NetworkParser.ReadNamed<float>(attribute, "LearningRate", ref malformed);
        }

        return new PerceptronDeclaration(
            NetworkParser.ReadHierarchy(type),
            NetworkParser.ReadShape(type, layersInSeveralDeclarations: false, otherKinds),
            index,
            inputs,
            outputs,
            learningRate,
            malformed);
    }

    /// <summary>Finds the attribute <paramref name="name"/> and lists the other network kinds on the type.</summary>
    private static int Find(INamedTypeSymbol type, string name, out AttributeData? found, out List<string> otherKinds, CancellationToken cancellationToken)
    {
        ImmutableArray<AttributeData> attributes = type.GetAttributes();
        int index = -1;
        found = null;
        otherKinds = [];
        for (int i = 0; i < attributes.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string? attributeName = attributes[i].AttributeClass?.ToDisplayString();
            if (attributeName == name)
            {
                index = i;
                found = attributes[i];
            }
            else if (KindOf(attributeName) is { } kind)
            {
                otherKinds.Add(kind);
            }
        }

        return index;
    }

    private static string? KindOf(string? attributeName) => attributeName switch
    {
        AttributeNames.Network => "Network",
        AttributeNames.Perceptron => "Perceptron",
        AttributeNames.Neuron => "Neuron",
        _ => null,
    };

    private static EquatableArray<float> ReadWeights(AttributeData attribute, ref bool malformed)
    {
        foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
        {
            if (argument.Key != "Weights")
            {
                continue;
            }

            TypedConstant array = argument.Value;
            if (array.Kind != TypedConstantKind.Array)
            {
                malformed = true;
                return EquatableArray<float>.Empty;
            }

            // Weights = null reads as no weights, which the validator reports.
            if (array.IsNull)
            {
                return EquatableArray<float>.Empty;
            }

            var weights = new List<float>(array.Values.Length);
            foreach (TypedConstant element in array.Values)
            {
                if (element.Kind == TypedConstantKind.Error || element.Value is not float weight)
                {
                    malformed = true;
                    return EquatableArray<float>.Empty;
                }

                weights.Add(weight);
            }

            return weights.ToEquatableArray();
        }

        return EquatableArray<float>.Empty;
    }
}
