namespace CompiledNN.Generators.Parsing;

/// <summary>The metadata names of the attributes the generator and analyzers read.</summary>
internal static class AttributeNames
{
    public const string Network = "CompiledNN.NetworkAttribute";
    public const string Input = "CompiledNN.InputAttribute";
    public const string Dense = "CompiledNN.DenseAttribute";
    public const string Dropout = "CompiledNN.DropoutAttribute";
    public const string Weights = "CompiledNN.WeightsAttribute";
    public const string OnnxModel = "CompiledNN.OnnxModelAttribute";
    public const string NativeExport = "CompiledNN.NativeExportAttribute";
    public const string Perceptron = "CompiledNN.PerceptronAttribute";
    public const string Neuron = "CompiledNN.NeuronAttribute";
}
