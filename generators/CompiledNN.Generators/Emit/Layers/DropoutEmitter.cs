using CompiledNN.Generators.Planning;

namespace CompiledNN.Generators.Emit.Layers;

/// <summary>
/// Prints a dropout layer: the identity in predictions and in <c>ComputeLoss</c>; in training (<c>training</c>), the
/// runtime's <c>Dropout</c> kernel with the call's mask state, keeping the mask in the layer's <c>z</c> for the
/// backward pass.
/// </summary>
internal sealed class DropoutEmitter(NetworkPlan network, DropoutLayerPlan layer) : LayerEmitter(network)
{
    public override void WriteRow(IndentedTextWriter writer, string x, string a) => WriteIdentity(writer, x, a);

    public override void WriteBatch(IndentedTextWriter writer, string x, string a) => WriteIdentity(writer, x, a);

    public override void WriteTrainingForward(IndentedTextWriter writer, string x, string z, string a)
    {
        using (writer.Block("if (training)"))
        {
            writer.Line($"{Names.Dropout}.Forward({x}, {z}, {a}, {layer.Units}, {IndentedTextWriter.Float(layer.Rate)}, _callMasks, {layer.Number}, first);");
        }

        using (writer.Block("else"))
        {
            writer.Line($"{x}.CopyTo({a});");
        }
    }

    public override void WriteBackward(IndentedTextWriter writer, string x, string z, string a, string delta, string? inputDelta)
    {
        writer.Line(inputDelta is null
            ? $"// {layer.Name} drops inputs, which need no gradient."
            : $"{Names.Dropout}.Backward({delta}, {z}, {inputDelta});");
    }

    private void WriteIdentity(IndentedTextWriter writer, string x, string a)
    {
        writer.Line($"// {layer.Name} passes its inputs through in predictions.");
        writer.Line($"{x}.CopyTo({a});");
    }
}
