using System.Linq;
using CompiledNN.Generators.Emit.Layers;
using CompiledNN.Generators.Model;
using CompiledNN.Generators.Planning;
using CompiledNN.Persistence;

namespace CompiledNN.Generators.Emit;

/// <summary>
/// Writes what saving and loading need from the implementation: the network's <c>Architecture</c> and, for
/// <c>[Weights]</c>, the baked parameters as constant data. <c>Save</c> and <c>Load</c> are the public API's, done by the
/// runtime's <c>WeightsFile</c>, which checks everything before it changes the network.
/// </summary>
internal static class PersistenceEmitter
{
    public static void WriteMembers(IndentedTextWriter writer, NetworkPlan network)
    {
        WriteArchitecture(writer, network);
        if (network.Weights is { } weights)
        {
            WriteBakedParameters(writer, weights);
        }
    }

    private static void WriteArchitecture(IndentedTextWriter writer, NetworkPlan network)
    {
        string layers = string.Join(", ", network.Spec.Layers.Select(static l => l.Architecture).Where(static a => a is not null).Select(static a => Code(a!)));
        writer.Line($"private static {Names.NetworkArchitecture}? _architecture;");
        writer.Line();
        writer.Line($"public static {Names.NetworkArchitecture} Architecture => _architecture ??= new {Names.NetworkArchitecture}({InputShape(network)}, new[] {{ {layers} }});");
        writer.Line();
    }

    /// <summary>The C# that creates <paramref name="layer"/>: a dense layer's short form, every other kind's long one.</summary>
    private static string Code(LayerArchitecture layer) => layer.Kind == LayerKind.Dense
        ? $"new {Names.LayerArchitecture}({IndentedTextWriter.Int(layer.Units)}, {Names.Activation}.{layer.Activation}, {IndentedTextWriter.Float(layer.Alpha)})"
        : $"new {Names.LayerArchitecture}(Nn::Persistence.LayerKind.{layer.Kind}, {layer.Units}, {Names.Activation}.{layer.Activation}, {IndentedTextWriter.Float(layer.Alpha)}, {layer.KernelSize}, {layer.Stride}, {layer.Padding}, {layer.Dilation})";

    private static void WriteBakedParameters(IndentedTextWriter writer, WeightsSpec weights)
    {
        writer.Line($"/// <summary>The parameters of '{Escape(weights.Path)}', baked in at compile time, in canonical order.</summary>");
        writer.Line("/// <remarks>");
        writer.Line("/// A <c>ReadOnlySpan</c> over a constant array is compiled to a view of the data in the assembly image (no array is");
        writer.Line("/// allocated, no type initializer runs), so the weights cost no heap and no start-up work.");
        writer.Line("/// </remarks>");
        WriteFloatSpan(writer, "private static " + Names.ReadOnlySpan + " BakedParameters", weights.Parameters.AsSpan().ToArray());
        writer.Line();
    }

    /// <summary>Writes <c>{declaration} => new float[] { … };</c>, eight values a line.</summary>
    public static void WriteFloatSpan(IndentedTextWriter writer, string declaration, float[] values)
    {
        writer.Line(declaration + " => new float[]");
        writer.Line("{");
        using (writer.Indent())
        {
            for (int i = 0; i < values.Length; i += 8)
            {
                writer.Line(string.Join(", ", values.Skip(i).Take(8).Select(IndentedTextWriter.Float)) + ",");
            }
        }

        writer.Line("};");
    }

    /// <summary>A path made safe for an XML doc comment.</summary>
    public static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\n", " ").Replace("\r", " ");

    /// <summary>The input size, or for a network with channels its shape (<c>new[] { 1, 28, 28 }</c>).</summary>
    private static string InputShape(NetworkPlan network)
    {
        Model.TensorShape shape = network.Spec.InputShape;
        return shape.Rank switch
        {
            1 => IndentedTextWriter.Int(network.InputSize),
            2 => $"new[] {{ {shape.Channels}, {shape.Width} }}",
            _ => $"new[] {{ {shape.Channels}, {shape.Height}, {shape.Width} }}",
        };
    }
}
