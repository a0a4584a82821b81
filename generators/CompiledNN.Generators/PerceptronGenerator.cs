using CompiledNN.Generators.Emit;
using CompiledNN.Generators.Parsing;
using CompiledNN.Generators.Validation;
using Microsoft.CodeAnalysis;

namespace CompiledNN.Generators;

/// <summary>Turns each <c>[Perceptron]</c> class into a single-layer perceptron with the perceptron learning rule.</summary>
[Generator(LanguageNames.CSharp)]
public sealed class PerceptronGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context) => ClassicModelPipeline.Register(
        context,
        AttributeNames.Perceptron,
        static (type, cancellationToken) => PerceptronValidator.ToSpec(ClassicModelParser.ParsePerceptron(type, cancellationToken)),
        PerceptronEmitter.Emit,
        ClassicModelTrackingNames.PerceptronSpecs,
        ClassicModelTrackingNames.ValidPerceptrons);
}
