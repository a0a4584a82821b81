using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using CompiledNN.Generators.Helpers;
using CompiledNN.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CompiledNN.Generators.Parsing;

/// <summary>Reads a type's CompiledNN attributes into a <see cref="NetworkDeclaration"/>, judging nothing.</summary>
internal static class NetworkParser
{
    /// <summary>The suffix of every file the generator adds, so user members can be told from generated ones.</summary>
    public const string GeneratedFileSuffix = ".g.cs";

    /// <summary>Reads the declaration of <paramref name="type"/>, which carries <c>[Network]</c>.</summary>
    public static NetworkDeclaration Parse(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        ImmutableArray<AttributeData> attributes = type.GetAttributes();
        int networkIndex = -1;
        NetworkOptions options = new(null, null, null, null, null, null, null, null, null, null, null);
        var inputs = new List<InputDeclaration>();
        var layers = new List<DenseDeclaration>();
        var dropouts = new List<DropoutDeclaration>();
        var spatial = new List<SpatialLayerDeclaration>();
        var normalizations = new List<NormalizationDeclaration>();
        var otherKinds = new List<string>();
        bool malformed = false;

        for (int i = 0; i < attributes.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            AttributeData attribute = attributes[i];
            switch (attribute.AttributeClass?.ToDisplayString())
            {
                case AttributeNames.Network:
                    networkIndex = i;
                    options = ReadOptions(attribute, ref malformed);
                    break;
                case AttributeNames.Input:
                    inputs.Add(ReadInput(i, attribute, ref malformed));
                    break;
                case AttributeNames.Dense:
                    layers.Add(new DenseDeclaration(
                        i,
                        ReadArgument<int>(attribute, 0, ref malformed),
                        ReadEnum<Activation>(attribute, 1, Activation.Identity, ref malformed),
                        ReadNamed<float>(attribute, "Alpha", ref malformed)));
                    break;
                case AttributeNames.Dropout:
                    dropouts.Add(new DropoutDeclaration(i, ReadArgument<float>(attribute, 0, ref malformed)));
                    break;
                case AttributeNames.Conv1D or AttributeNames.Conv2D:
                    spatial.Add(new SpatialLayerDeclaration(
                        i,
                        attribute.AttributeClass!.Name.Substring(0, 6),
                        ReadArgument<int>(attribute, 0, ref malformed),
                        ReadArgument<int>(attribute, 1, ref malformed),
                        ReadEnum<Activation>(attribute, 2, Activation.Identity, ref malformed),
                        ReadNamed<float>(attribute, "Alpha", ref malformed),
                        ReadNamed<int>(attribute, "Stride", ref malformed) ?? 1,
                        ReadNamed<int>(attribute, "Padding", ref malformed) ?? 0,
                        ReadNamed<int>(attribute, "Dilation", ref malformed) ?? 1));
                    break;
                case AttributeNames.MaxPool1D or AttributeNames.MaxPool2D or AttributeNames.AvgPool1D or AttributeNames.AvgPool2D:
                    int? size = ReadArgument<int>(attribute, 0, ref malformed);
                    spatial.Add(new SpatialLayerDeclaration(
                        i,
                        attribute.AttributeClass!.Name.Substring(0, 9),
                        null,
                        size,
                        null,
                        null,
                        ReadNamed<int>(attribute, "Stride", ref malformed) ?? size,
                        null,
                        null));
                    break;
                case AttributeNames.GlobalAvgPool:
                    spatial.Add(new SpatialLayerDeclaration(i, "GlobalAvgPool", null, null, null, null, null, null, null));
                    break;
                case AttributeNames.Flatten:
                    spatial.Add(new SpatialLayerDeclaration(i, "Flatten", null, null, null, null, null, null, null));
                    break;
                case AttributeNames.BatchNorm or AttributeNames.LayerNorm:
                    bool batch = attribute.AttributeClass!.Name.StartsWith("Batch", StringComparison.Ordinal);
                    normalizations.Add(new NormalizationDeclaration(
                        i,
                        batch ? "BatchNorm" : "LayerNorm",
                        ReadEnum<Activation>(attribute, 0, Activation.Identity, ref malformed),
                        ReadNamed<float>(attribute, "Alpha", ref malformed),
                        batch ? ReadNamed<float>(attribute, "Momentum", ref malformed) ?? 0.1f : null,
                        ReadNamed<float>(attribute, "Epsilon", ref malformed) ?? 1e-5f));
                    break;
                case AttributeNames.Perceptron:
                    otherKinds.Add("Perceptron");
                    break;
                case AttributeNames.Neuron:
                    otherKinds.Add("Neuron");
                    break;
            }
        }

        TypeShape shape = ReadShape(type, LayersInSeveralDeclarations(type, attributes), otherKinds);

        return new NetworkDeclaration(
            ReadHierarchy(type),
            shape,
            networkIndex,
            options,
            inputs.ToEquatableArray(),
            layers.ToEquatableArray(),
            malformed)
        {
            Dropouts = dropouts.ToEquatableArray(),
            SpatialLayers = spatial.ToEquatableArray(),
            Normalizations = normalizations.ToEquatableArray(),
        };
    }

    /// <summary>Reads <c>[Input]</c> with 1, 2 or 3 dimensions; its size is their product, or the first below 1.</summary>
    private static InputDeclaration ReadInput(int index, AttributeData attribute, ref bool malformed)
    {
        if (attribute.ConstructorArguments.Length == 0)
        {
            malformed = true;
            return new InputDeclaration(index, null);
        }

        var dimensions = new List<int>();
        for (int position = 0; position < attribute.ConstructorArguments.Length; position++)
        {
            if (ReadArgument<int>(attribute, position, ref malformed) is not { } dimension)
            {
                return new InputDeclaration(index, null);
            }

            dimensions.Add(dimension);
        }

        long size = 1;
        foreach (int dimension in dimensions)
        {
            size = dimension < 1 ? dimension : System.Math.Min(size * dimension, int.MaxValue);
            if (dimension < 1)
            {
                break;
            }
        }

        return new InputDeclaration(index, (int)size) { Dimensions = dimensions.ToEquatableArray() };
    }

    /// <summary>Describes where <paramref name="type"/> lives, for reopening it in generated code.</summary>
    public static TypeHierarchy ReadHierarchy(INamedTypeSymbol type)
    {
        var types = new List<TypeDeclarationInfo>();
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            types.Add(new TypeDeclarationInfo(Keyword(current), Identifier(current.Name)));
        }

        var namespaces = new List<string>();
        for (INamespaceSymbol current = type.ContainingNamespace; !current.IsGlobalNamespace; current = current.ContainingNamespace)
        {
            namespaces.Insert(0, current.Name);
        }

        string ns = string.Join(".", namespaces.Select(Identifier));
        string metadataName = string.Join(".", namespaces.Append(MetadataName(type)));
        return new TypeHierarchy(ns, metadataName, types.ToEquatableArray());
    }

    /// <summary>What the analyzers need to know about <paramref name="type"/>, which carries a network attribute.</summary>
    /// <param name="type">The attributed type.</param>
    /// <param name="layersInSeveralDeclarations">Whether its layer attributes are spread over several partial declarations.</param>
    /// <param name="otherKinds">The other network kinds the type carries.</param>
    public static TypeShape ReadShape(INamedTypeSymbol type, bool layersInSeveralDeclarations, IEnumerable<string> otherKinds) => new(
        IsClass: type.TypeKind == TypeKind.Class && !type.IsRecord,
        IsPartial: IsPartial(type),
        NonPartialContainingType: FirstNonPartialContainingType(type),
        IsGeneric: IsGeneric(type),
        IsStatic: type.IsStatic,
        IsAbstract: type.IsAbstract,
        IsFileLocal: IsFileLocal(type),
        LayersInSeveralDeclarations: layersInSeveralDeclarations,
        OtherKinds: otherKinds.ToEquatableArray(),
        MemberNames: UserMemberNames(type).ToEquatableArray());

    /// <summary><paramref name="name"/> as C# must write it: a reserved keyword (<c>event</c>) needs an <c>@</c>.</summary>
    private static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None ? name : "@" + name;

    private static string MetadataName(INamedTypeSymbol type) =>
        type.ContainingType is null ? type.MetadataName : MetadataName(type.ContainingType) + "+" + type.MetadataName;

    private static string Keyword(INamedTypeSymbol type) => type switch
    {
        { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
        { IsRecord: true } => "record",
        { TypeKind: TypeKind.Struct } => "struct",
        { TypeKind: TypeKind.Interface } => "interface",
        _ => "class",
    };

    private static NetworkOptions ReadOptions(AttributeData attribute, ref bool malformed) => new(
        ReadNamedEnum<Loss>(attribute, "Loss", ref malformed),
        ReadNamedEnum<Optimizer>(attribute, "Optimizer", ref malformed),
        ReadNamed<float>(attribute, "LearningRate", ref malformed),
        ReadNamed<float>(attribute, "Momentum", ref malformed),
        ReadNamed<float>(attribute, "Beta1", ref malformed),
        ReadNamed<float>(attribute, "Beta2", ref malformed),
        ReadNamed<float>(attribute, "Epsilon", ref malformed),
        ReadNamed<float>(attribute, "Rho", ref malformed),
        ReadNamed<float>(attribute, "WeightDecay", ref malformed),
        ReadNamedEnum<Initialization>(attribute, "Init", ref malformed),
        ReadNamedEnum<CodeShape>(attribute, "CodeShape", ref malformed),
        ReadNamed<float>(attribute, "HuberDelta", ref malformed),
        ReadNamed<float>(attribute, "ClipGradientNorm", ref malformed));

    private static T? ReadArgument<T>(AttributeData attribute, int position, ref bool malformed)
        where T : struct
    {
        if (attribute.ConstructorArguments.Length <= position)
        {
            // A constructor that does not bind leaves no arguments; the compiler reports it.
            malformed = true;
            return null;
        }

        return Read<T>(attribute.ConstructorArguments[position], ref malformed);
    }

    private static TEnum? ReadEnum<TEnum>(AttributeData attribute, int position, TEnum missing, ref bool malformed)
        where TEnum : struct, Enum
    {
        if (attribute.ConstructorArguments.Length <= position)
        {
            // An optional argument the user left out.
            return attribute.ConstructorArguments.Length == 0 ? null : missing;
        }

        int? value = Read<int>(attribute.ConstructorArguments[position], ref malformed);
        return value is null ? null : (TEnum)Enum.ToObject(typeof(TEnum), value.Value);
    }

    /// <summary>The named argument <paramref name="name"/>, or <see langword="null"/> when unset or malformed.</summary>
    internal static T? ReadNamed<T>(AttributeData attribute, string name, ref bool malformed)
        where T : struct
    {
        foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
        {
            if (argument.Key == name)
            {
                return Read<T>(argument.Value, ref malformed);
            }
        }

        return null;
    }

    private static TEnum? ReadNamedEnum<TEnum>(AttributeData attribute, string name, ref bool malformed)
        where TEnum : struct, Enum
    {
        int? value = ReadNamed<int>(attribute, name, ref malformed);
        return value is null ? null : (TEnum)Enum.ToObject(typeof(TEnum), value.Value);
    }

    private static T? Read<T>(TypedConstant constant, ref bool malformed)
        where T : struct
    {
        if (constant.Kind != TypedConstantKind.Error && constant.Value is T value)
        {
            return value;
        }

        malformed = true;
        return null;
    }

    private static bool LayersInSeveralDeclarations(INamedTypeSymbol type, ImmutableArray<AttributeData> attributes)
    {
        // Attributes of different partial declarations come in no defined order, so the layers must all sit on one.
        var spans = type.DeclaringSyntaxReferences.Select(static r => (r.SyntaxTree, r.Span)).ToArray();
        if (spans.Length < 2)
        {
            return false;
        }

        var owners = new HashSet<int>();
        foreach (AttributeData attribute in attributes)
        {
            string? name = attribute.AttributeClass?.ToDisplayString();
            if ((name == AttributeNames.Input || name == AttributeNames.Dense) && attribute.ApplicationSyntaxReference is { } reference)
            {
                int owner = Array.FindIndex(spans, s => s.SyntaxTree == reference.SyntaxTree && s.Span.Contains(reference.Span));
                owners.Add(owner);
            }
        }

        return owners.Count > 1;
    }

    private static bool IsPartial(INamedTypeSymbol type) =>
        type.DeclaringSyntaxReferences.Length > 0 &&
        type.DeclaringSyntaxReferences.All(static reference =>
            reference.GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax declaration &&
            declaration.Modifiers.Any(static m => m.Text == "partial"));

    private static bool IsFileLocal(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            if (current.DeclaringSyntaxReferences.Any(static reference =>
                reference.GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax declaration &&
                declaration.Modifiers.Any(static m => m.IsKind(SyntaxKind.FileKeyword))))
            {
                return true;
            }
        }

        return false;
    }

    private static string? FirstNonPartialContainingType(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? current = type.ContainingType; current is not null; current = current.ContainingType)
        {
            if (!IsPartial(current))
            {
                return current.Name;
            }
        }

        return null;
    }

    private static bool IsGeneric(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            if (current.TypeParameters.Length > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The user's own members, as <c>Name</c> for fields, properties and nested types and as <c>Name(parameter types)</c>
    /// for methods (<c>.ctor(…)</c> for constructors), so that overloads which do not clash are not reported.
    /// </summary>
    private static IEnumerable<string> UserMemberNames(INamedTypeSymbol type) =>
        type.GetMembers()
            .Where(static member => !member.IsImplicitlyDeclared && member.DeclaringSyntaxReferences.Any(
                static reference => !reference.SyntaxTree.FilePath.EndsWith(GeneratedFileSuffix, StringComparison.Ordinal)))
            .Select(MemberSignature)
            .Distinct()
            .OrderBy(static name => name, StringComparer.Ordinal);

    /// <summary>How a member is compared with the generated ones: <c>Name</c>, or <c>Name(parameter types)</c> for methods.</summary>
    public static string MemberSignature(ISymbol member) => member is IMethodSymbol method
        ? method.Name + "(" + string.Join(",", method.Parameters.Select(static p => p.Type.ToDisplayString())) + ")"
        : member.Name;
}
