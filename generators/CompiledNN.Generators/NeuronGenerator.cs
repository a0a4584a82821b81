using CompiledNN.Generators.Emit;
using CompiledNN.Generators.Parsing;
using CompiledNN.Generators.Validation;
using Microsoft.CodeAnalysis;

namespace CompiledNN.Generators;

/// <summary>Turns each <c>[Neuron]</c> class into a McCulloch-Pitts neuron with its weights folded into the code.</summary>
[Generator(LanguageNames.CSharp)]
public sealed class NeuronGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context) => ClassicModelPipeline.Register(
        context,
        AttributeNames.Neuron,
        static (type, cancellationToken) => NeuronValidator.ToSpec(ClassicModelParser.ParseNeuron(type, cancellationToken)),
        NeuronEmitter.Emit,
        ClassicModelTrackingNames.NeuronSpecs,
        ClassicModelTrackingNames.ValidNeurons);
}
