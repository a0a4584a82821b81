using CompiledNN.Generators.Model;
using CompiledNN.Generators.Planning;

namespace CompiledNN.Generators.Emit.Layers;

/// <summary>
/// Prints a dense layer: <c>W</c> stored transposed in the parameter block, the matrix kernels or straight-line code for
/// one row (<see cref="RowEmitter"/>), the batch kernels (<see cref="ForwardEmitter"/>) and the backward kernels
/// (<see cref="BackwardEmitter"/>), as <see cref="DenseLayerPlan"/> decides.
/// </summary>
internal sealed class DenseEmitter(NetworkPlan network, DenseLayerPlan layer) : LayerEmitter(network)
{
    public override void WriteParameterOffsets(IndentedTextWriter writer)
    {
        writer.Line($"private const int {layer.Name}Weights = {IndentedTextWriter.Int(layer.WeightOffset)};");
        writer.Line($"private const int {layer.Name}Bias = {IndentedTextWriter.Int(layer.BiasOffset)};");
    }

    public override void WriteInitialization(IndentedTextWriter writer)
    {
        string weights = $"new {Names.Span}(canonical, {layer.Name}Weights, {IndentedTextWriter.Int(layer.WeightCount)})";
        string fans = layer.Init is Initialization.XavierUniform or Initialization.XavierNormal
            ? $"fanIn: {IndentedTextWriter.Int(layer.Inputs)}, fanOut: {IndentedTextWriter.Int(layer.Units)}"
            : $"fanIn: {IndentedTextWriter.Int(layer.Inputs)}";
        writer.Line($"{Names.ParameterInitializer}.{layer.Init}({weights}, {fans}, random);");
    }

    public override void WriteToInternalLayout(IndentedTextWriter writer)
    {
        writer.Line($"{Names.MatrixKernels}.Transpose(canonical.Slice({layer.Name}Weights, {layer.WeightCount}), layout.Slice({layer.Name}Weights, {layer.WeightCount}), {layer.Units}, {layer.Inputs});");
        writer.Line($"canonical.Slice({layer.Name}Bias, {layer.Units}).CopyTo(layout.Slice({layer.Name}Bias, {layer.Units}));");
    }

    public override void WriteToCanonicalLayout(IndentedTextWriter writer)
    {
        writer.Line($"{Names.MatrixKernels}.Transpose(layout.Slice({layer.Name}Weights, {layer.WeightCount}), canonical.Slice({layer.Name}Weights, {layer.WeightCount}), {layer.Inputs}, {layer.Units});");
        writer.Line($"layout.Slice({layer.Name}Bias, {layer.Units}).CopyTo(canonical.Slice({layer.Name}Bias, {layer.Units}));");
    }

    /// <summary>W[units, inputs] transposed to Wᵀ[inputs, units]; the bias stays where it is.</summary>
    public override void ToInternalLayout(float[] canonical, float[] layout)
    {
        for (int j = 0; j < layer.Units; j++)
        {
            for (int i = 0; i < layer.Inputs; i++)
            {
                layout[layer.WeightOffset + (i * layer.Units) + j] = canonical[layer.WeightOffset + (j * layer.Inputs) + i];
            }
        }
    }

    public override void WriteBatchMembers(IndentedTextWriter writer) => ForwardEmitter.WriteLinear(writer, layer);

    public override void WriteRowMembers(IndentedTextWriter writer) => RowEmitter.WriteLayerRow(writer, Network, layer);

    public override void WriteBackwardMembers(IndentedTextWriter writer) => BackwardEmitter.WriteLayerBackward(writer, layer);

    public override void WriteRow(IndentedTextWriter writer, string x, string a) => writer.Line($"{layer.Name}Row({x}, {a});");

    public override void WriteBatch(IndentedTextWriter writer, string x, string a)
    {
        bool rectify = layer.RectifiesInKernel;
        ForwardEmitter.WriteBatchLinear(writer, Network, layer, x, a, rectify);
        if (!rectify)
        {
            ForwardEmitter.WriteActivation(writer, layer, a, a, "rows");
        }
    }

    public override void WriteTrainingForward(IndentedTextWriter writer, string x, string z, string a)
    {
        writer.Line($"{layer.Name}Linear({x}, {z}, rows);");
        WriteTrainingActivation(writer, layer, z, a);
    }

    public override void WriteBackward(IndentedTextWriter writer, string x, string z, string a, string delta, string? inputDelta)
    {
        WriteTrainingActivationGradient(writer, layer, z, a, delta);
        writer.Line(inputDelta is null
            ? $"{layer.Name}Backward({x}, {delta}, rows, gradient);"
            : $"{layer.Name}Backward({x}, {delta}, rows, gradient, {inputDelta});");
    }
}
