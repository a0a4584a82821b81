using CompiledNN.Generators.Planning;

namespace CompiledNN.Generators.Emit.Layers;

/// <summary>Prints a flatten: a row's values are already in C, H, W order, so each pass copies them (and their gradient) through.</summary>
internal sealed class FlattenEmitter(NetworkPlan network, FlattenLayerPlan layer) : LayerEmitter(network)
{

    public override void WriteRow(IndentedTextWriter writer, string x, string a) => WriteCopy(writer, x, a);

    public override void WriteBatch(IndentedTextWriter writer, string x, string a) => WriteCopy(writer, x, a);

    public override void WriteTrainingForward(IndentedTextWriter writer, string x, string z, string a) => WriteCopy(writer, x, a);

    public override void WriteBackward(IndentedTextWriter writer, string x, string z, string a, string delta, string? inputDelta) =>
        writer.Line(inputDelta is null
            ? $"// {layer.Name} has no parameters, and its inputs need no gradient."
            : $"{delta}.CopyTo({inputDelta});");

    private void WriteCopy(IndentedTextWriter writer, string x, string a)
    {
        writer.Line($"// {layer.Name}: the values are already in C, H, W order.");
        writer.Line($"{x}.CopyTo({a});");
    }
}
