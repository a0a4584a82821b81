namespace CompiledNN.Generators.Parsing;

/// <summary>The metadata names of the attributes the generator and analyzers read.</summary>
internal static class AttributeNames
{
    public const string Network = "CompiledNN.NetworkAttribute";
    public const string Input = "CompiledNN.InputAttribute";
    public const string Dense = "CompiledNN.DenseAttribute";
    public const string Dropout = "CompiledNN.DropoutAttribute";
    public const string Conv1D = "CompiledNN.Conv1DAttribute";
    public const string Conv2D = "CompiledNN.Conv2DAttribute";
    public const string MaxPool1D = "CompiledNN.MaxPool1DAttribute";
    public const string MaxPool2D = "CompiledNN.MaxPool2DAttribute";
    public const string AvgPool1D = "CompiledNN.AvgPool1DAttribute";
    public const string AvgPool2D = "CompiledNN.AvgPool2DAttribute";
    public const string GlobalAvgPool = "CompiledNN.GlobalAvgPoolAttribute";
    public const string Flatten = "CompiledNN.FlattenAttribute";
    public const string BatchNorm = "CompiledNN.BatchNormAttribute";
    public const string LayerNorm = "CompiledNN.LayerNormAttribute";
    public const string Weights = "CompiledNN.WeightsAttribute";
    public const string OnnxModel = "CompiledNN.OnnxModelAttribute";
    public const string NativeExport = "CompiledNN.NativeExportAttribute";
    public const string Perceptron = "CompiledNN.PerceptronAttribute";
    public const string Neuron = "CompiledNN.NeuronAttribute";
}
