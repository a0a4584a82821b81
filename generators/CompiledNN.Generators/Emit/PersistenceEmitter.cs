using System.Linq;
using CompiledNN.Generators.Model;

namespace CompiledNN.Generators.Emit;

/// <summary>
/// Writes saving and loading: the network's <c>Architecture</c>, <c>Save</c> to a stream or (atomically) a path,
/// static <c>Load</c> into a new network, <c>LoadParameters</c> into this one, and, for <c>[Weights]</c>, the baked
/// parameters as constant data. The work is done by the runtime's <c>WeightsFile</c>, which checks everything before
/// it changes the network.
/// </summary>
internal static class PersistenceEmitter
{
    public static void WriteMembers(IndentedTextWriter writer, NetworkSpec network)
    {
        WriteArchitecture(writer, network);
        WriteSave(writer);
        WriteLoad(writer, network.Type.Name);
        if (network.Weights is { } weights)
        {
            WriteBakedParameters(writer, weights);
        }
    }

    private static void WriteArchitecture(IndentedTextWriter writer, NetworkSpec network)
    {
        string layers = string.Join(", ", network.Layers.Select(static l =>
            $"new {Names.LayerArchitecture}({IndentedTextWriter.Int(l.Units)}, {Names.Activation}.{l.Activation}, {IndentedTextWriter.Float(l.Activation is Activation.LeakyReLU or Activation.ELU ? l.Alpha : 0f)})"));
        writer.Line($"private static {Names.NetworkArchitecture}? _architecture;");
        writer.Line();
        writer.Line($"/// <summary>The architecture a weights file must have been saved for to load into this network: {network.Shape}.</summary>");
        writer.Line(Names.GeneratedCode);
        writer.Line($"public static {Names.NetworkArchitecture} Architecture => _architecture ??= new {Names.NetworkArchitecture}({IndentedTextWriter.Int(network.InputSize)}, new[] {{ {layers} }});");
        writer.Line();
        writer.Line($"{Names.NetworkArchitecture} {Names.IPersistentNetwork}.Architecture => Architecture;");
        writer.Line();
    }

    private static void WriteSave(IndentedTextWriter writer)
    {
        writer.Line("/// <summary>Writes the parameters to <paramref name=\"stream\"/> as a CompiledNN weights file (docs/weights-format.md).</summary>");
        writer.Line("/// <param name=\"stream\">A writable stream; it is flushed, not closed.</param>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">A parameter is not finite (training diverged).</exception>");
        writer.Line(Names.GeneratedCode);
        writer.Line($"public void Save({Names.Stream} stream) => {Names.WeightsFile}.Save(this, stream);");
        writer.Line();
        writer.Line("/// <summary>");
        writer.Line("/// Writes the parameters to the file at <paramref name=\"path\"/> as a CompiledNN weights file, atomically: a crash");
        writer.Line("/// leaves the old file or the new one, never half of one.");
        writer.Line("/// </summary>");
        writer.Line("/// <param name=\"path\">The file to create or replace.</param>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">A parameter is not finite (training diverged).</exception>");
        writer.Line(Names.GeneratedCode);
        writer.Line($"public void Save(string path) => {Names.WeightsFile}.Save(this, path);");
        writer.Line();
    }

    private static void WriteLoad(IndentedTextWriter writer, string name)
    {
        foreach ((string type, string parameter, string what) in new[] { (Names.Stream, "stream", "read from <paramref name=\"stream\"/> to its end"), ("string", "path", "in the file at <paramref name=\"path\"/>") })
        {
            writer.Line($"/// <summary>Creates a network with the parameters of the weights file {what}.</summary>");
            writer.Line($"/// <param name=\"{parameter}\">A weights file saved by a network of this architecture.</param>");
            writer.Line("/// <returns>The loaded network.</returns>");
            writer.Line("/// <exception cref=\"global::System.IO.InvalidDataException\">The file is damaged or was saved for another architecture; the message says which.</exception>");
            writer.Line(Names.GeneratedCode);
            using (writer.Block($"public static {name} Load({type} {parameter})"))
            {
                writer.Line($"var network = new {name}();");
                writer.Line($"{Names.WeightsFile}.Load(network, {parameter});");
                writer.Line("return network;");
            }

            writer.Line();
            writer.Line("/// <summary>");
            writer.Line($"/// Replaces this network's parameters with those of the weights file {what}. Everything is checked first; if the file");
            writer.Line("/// is rejected the network is left exactly as it was.");
            writer.Line("/// </summary>");
            writer.Line($"/// <param name=\"{parameter}\">A weights file saved by a network of this architecture.</param>");
            writer.Line("/// <exception cref=\"global::System.IO.InvalidDataException\">The file is damaged or was saved for another architecture; the message says which.</exception>");
            writer.Line(Names.GeneratedCode);
            writer.Line($"public void LoadParameters({type} {parameter}) => {Names.WeightsFile}.Load(this, {parameter});");
            writer.Line();
        }
    }

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
}
