using CompiledNN.Generators.Model;
using CompiledNN.Generators.Planning;

namespace CompiledNN.Generators.Emit.Layers;

/// <summary>
/// Prints a max, average or global average pool: its sizes are one <c>PoolingShape</c> constant, and each pass calls
/// the runtime's <c>Pooling</c> kernels. Max pooling's backward pass finds each window's maximum again from the inputs.
/// </summary>
internal sealed class PoolingEmitter(NetworkPlan network, PoolingLayerPlan layer) : LayerEmitter(network)
{
    private PoolingSpec Spec => layer.Pooling;

    private string Kind => Spec.Pooling == PoolingKind.Max ? "Max" : "Average";

    public override void WriteBatchMembers(IndentedTextWriter writer)
    {
        string window = Spec.Global ? "each whole channel" : $"windows of {Spec.WindowHeight}×{Spec.WindowWidth}, stride {Spec.Stride}";
        writer.Line($"/// <summary>{layer.Name}: {Kind.ToLowerInvariant()} of {window} over {Spec.Input}, giving {Spec.Output}.</summary>");
        writer.Line($"private static readonly {Names.PoolingShape} {layer.Name}Shape = new({Spec.Input.Channels}, {Spec.Input.Height}, {Spec.Input.Width}, {Spec.WindowHeight}, {Spec.WindowWidth}, {Spec.StrideHeight}, {Spec.StrideWidth});");
        writer.Line();
    }

    public override void WriteRow(IndentedTextWriter writer, string x, string a) =>
        writer.Line($"{Names.Pooling}.{Kind}Forward(in {layer.Name}Shape, {x}, {a}, 1);");

    public override void WriteBatch(IndentedTextWriter writer, string x, string a) =>
        writer.Line($"{Names.Pooling}.{Kind}Forward(in {layer.Name}Shape, {x}, {a}, rows);");

    public override void WriteTrainingForward(IndentedTextWriter writer, string x, string z, string a) =>
        writer.Line($"{Names.Pooling}.{Kind}Forward(in {layer.Name}Shape, {x}, {a}, rows);");

    public override void WriteBackward(IndentedTextWriter writer, string x, string z, string a, string delta, string? inputDelta)
    {
        if (inputDelta is null)
        {
            writer.Line($"// {layer.Name} has no parameters, and its inputs need no gradient.");
        }
        else if (Spec.Pooling == PoolingKind.Max)
        {
            writer.Line($"{Names.Pooling}.MaxBackward(in {layer.Name}Shape, {x}, {delta}, {inputDelta}, rows);");
        }
        else
        {
            writer.Line($"{Names.Pooling}.AverageBackward(in {layer.Name}Shape, {delta}, {inputDelta}, rows);");
        }
    }
}
