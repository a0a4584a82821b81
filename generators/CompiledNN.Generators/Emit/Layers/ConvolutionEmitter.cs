using CompiledNN.Generators.Model;
using CompiledNN.Generators.Planning;

namespace CompiledNN.Generators.Emit.Layers;

/// <summary>
/// Prints a convolution: its weights stay in PyTorch's order <c>W[filters, channels, k(, k)]</c> in the parameter
/// block, its sizes are one <c>ConvolutionShape</c> constant, and each pass calls the runtime's kernels the plan chose
/// (<c>LoweredConvolution</c>'s matrix products or <c>Convolution</c>'s direct loops; one row of a large layer through
/// <c>ConvolutionSplit</c>, its filters shared between threads), then the activation.
/// </summary>
internal sealed class ConvolutionEmitter(NetworkPlan network, ConvolutionLayerPlan layer) : LayerEmitter(network)
{
    private ConvolutionSpec Spec => layer.Convolution;

    private string Kernels => layer.Lowered ? Names.LoweredConvolution : Names.Convolution;

    private string Weights => $"_parameters.Slice({layer.Name}Weights, {IndentedTextWriter.Int(Spec.WeightCount)})";

    private string Bias => $"_parameters.Slice({layer.Name}Bias, {IndentedTextWriter.Int(Spec.Filters)})";

    public override void WriteParameterOffsets(IndentedTextWriter writer)
    {
        writer.Line($"private const int {layer.Name}Weights = {IndentedTextWriter.Int(Spec.WeightOffset)};");
        writer.Line($"private const int {layer.Name}Bias = {IndentedTextWriter.Int(Spec.BiasOffset)};");
    }

    public override void WriteInitialization(IndentedTextWriter writer)
    {
        string weights = $"new {Names.Span}(canonical, {layer.Name}Weights, {IndentedTextWriter.Int(Spec.WeightCount)})";
        string fans = Spec.Init is Initialization.XavierUniform or Initialization.XavierNormal
            ? $"fanIn: {IndentedTextWriter.Int(Spec.FanIn)}, fanOut: {IndentedTextWriter.Int(Spec.FanOut)}"
            : $"fanIn: {IndentedTextWriter.Int(Spec.FanIn)}";
        writer.Line($"{Names.ParameterInitializer}.{Spec.Init}({weights}, {fans}, random);");
    }

    public override void WriteToInternalLayout(IndentedTextWriter writer) => WriteCopy(writer, "canonical", "layout");

    public override void WriteToCanonicalLayout(IndentedTextWriter writer) => WriteCopy(writer, "layout", "canonical");

    public override void WriteBatchMembers(IndentedTextWriter writer)
    {
        TensorShape input = Spec.Input;
        writer.Line($"/// <summary>{layer.Name}: {Spec.Filters} filters of {(Spec.Dimensions == 2 ? $"{Spec.KernelSize}×{Spec.KernelSize}" : Spec.KernelSize.ToString(System.Globalization.CultureInfo.InvariantCulture))} over {input}, stride {Spec.Stride}, padding {Spec.Padding}, dilation {Spec.Dilation}, giving {Spec.Output}.</summary>");
        int strideHeight = Spec.Dimensions == 2 ? Spec.Stride : 1;
        int paddingHeight = Spec.Dimensions == 2 ? Spec.Padding : 0;
        int dilationHeight = Spec.Dimensions == 2 ? Spec.Dilation : 1;
        writer.Line($"private static readonly {Names.ConvolutionShape} {layer.Name}Shape = new({input.Channels}, {input.Height}, {input.Width}, {Spec.Filters}, {Spec.KernelHeight}, {Spec.KernelSize}, {strideHeight}, {Spec.Stride}, {paddingHeight}, {Spec.Padding}, {dilationHeight}, {Spec.Dilation});");
        writer.Line();
    }

    public override void WriteRow(IndentedTextWriter writer, string x, string a)
    {
        if (!layer.SharesFilters)
        {
            WritePrediction(writer, x, a, "1");
            return;
        }

        string rectified = layer.RectifiesInKernel ? ", rectify: true" : string.Empty;
        WriteShared(
            writer,
            $"{Names.ConvolutionSplit}.Forward(in {layer.Name}Shape, {x}, _parameters, {layer.Name}Weights, {layer.Name}Bias, {a}, _maxDegreeOfParallelism{rectified});",
            $"{Kernels}.Forward(in {layer.Name}Shape, {x}, {Weights}, {Bias}, {a}, 1{rectified});");
        if (!layer.RectifiesInKernel)
        {
            ForwardEmitter.WriteActivation(writer, layer, a, a, "1");
        }
    }

    public override void WriteBatch(IndentedTextWriter writer, string x, string a) => WritePrediction(writer, x, a, "rows");

    public override void WriteTrainingForward(IndentedTextWriter writer, string x, string z, string a)
    {
        writer.Line($"{Kernels}.Forward(in {layer.Name}Shape, {x}, {Weights}, {Bias}, {z}, rows);");
        ForwardEmitter.WriteActivation(writer, layer, z, a, "rows");
    }

    public override void WriteBackward(IndentedTextWriter writer, string x, string z, string a, string delta, string? inputDelta)
    {
        BackwardEmitter.WriteActivationGradient(writer, layer, z, a, delta, "rows");
        string weightGradient = $"gradient.Slice({layer.Name}Weights, {IndentedTextWriter.Int(Spec.WeightCount)})";
        string biasGradient = $"gradient.Slice({layer.Name}Bias, {IndentedTextWriter.Int(Spec.Filters)})";
        writer.Line($"{Kernels}.Backward(in {layer.Name}Shape, {x}, {delta}, {Weights}, {weightGradient}, {biasGradient}, {inputDelta ?? "default"}, rows);");
    }

    /// <summary>The layer and the max pooling after it (<see cref="ConvolutionLayerPlan.PoolsWithNext"/>) into <paramref name="a"/>, through <paramref name="z"/> where the kernel cannot pool as it stores.</summary>
    public void WritePooledPrediction(IndentedTextWriter writer, PoolingLayerPlan pool, string x, string z, string a, string rows)
    {
        string call = $"{Names.LoweredConvolution}.ForwardPooled(in {layer.Name}Shape, in {pool.Name}Shape, {x}, {Weights}, {Bias}, {z}, {a}, {rows});";
        if (!layer.SharesFilters || rows != "1")
        {
            writer.Line(call);
            return;
        }

        WriteShared(
            writer,
            $"{Names.ConvolutionSplit}.ForwardPooled(in {layer.Name}Shape, in {pool.Name}Shape, {x}, _parameters, {layer.Name}Weights, {layer.Name}Bias, {z}, {a}, _maxDegreeOfParallelism);",
            call);
    }

    /// <summary>One row's call that shares the filters between threads when the pool has them, else <paramref name="alone"/>.</summary>
    private void WriteShared(IndentedTextWriter writer, string shared, string alone)
    {
        writer.Line($"// {IndentedTextWriter.Int(Spec.MultiplyAdds)} multiply-adds: each thread computes its share of the filters.");
        using (writer.Block($"if ({Names.BatchParallelism}.Shares(_maxDegreeOfParallelism))"))
        {
            writer.Line(shared);
        }

        using (writer.Block("else"))
        {
            writer.Line(alone);
        }
    }

    private void WritePrediction(IndentedTextWriter writer, string x, string a, string rows)
    {
        if (layer.RectifiesInKernel)
        {
            writer.Line($"{Kernels}.Forward(in {layer.Name}Shape, {x}, {Weights}, {Bias}, {a}, {rows}, rectify: true);");
            return;
        }

        writer.Line($"{Kernels}.Forward(in {layer.Name}Shape, {x}, {Weights}, {Bias}, {a}, {rows});");
        ForwardEmitter.WriteActivation(writer, layer, a, a, rows);
    }

    /// <summary>The internal layout is PyTorch's: weights and bias are copied as they are.</summary>
    private void WriteCopy(IndentedTextWriter writer, string from, string to)
    {
        string count = IndentedTextWriter.Int(Spec.ParameterCount);
        writer.Line($"{from}.Slice({layer.Name}Weights, {count}).CopyTo({to}.Slice({layer.Name}Weights, {count}));");
    }
}
