using System.Linq;
using CompiledNN.Generators.Emit;

namespace CompiledNN.Generators.Model;

/// <summary>
/// What a network costs: memory for its parameters and optimizer state, stack per call, and arithmetic per sample.
/// Counted in <see langword="long"/> so that the numbers stay right for any network the validator accepts.
/// </summary>
/// <param name="ParameterCount">Weights and biases.</param>
/// <param name="ParameterBytes">The float32 parameter block.</param>
/// <param name="OptimizerStateBytes">The optimizer's per-parameter buffers (Adam's two moments, a momentum buffer, …).</param>
/// <param name="StackBytes">The most stack one call allocates (<c>PredictClass</c> is the deepest; see <see cref="Of"/>).</param>
/// <param name="MultiplyAdds">Multiply-adds of one sample's forward pass.</param>
internal sealed record ResourceBudget(long ParameterCount, long ParameterBytes, long OptimizerStateBytes, long StackBytes, long MultiplyAdds)
{
    public static ResourceBudget Of(NetworkSpec network)
    {
        long parameters = network.Layers.Sum(static l => (long)l.ParameterCount);
        long stateFloats = parameters * StateBuffers(network.Training.Optimizer);

        // The forward pass stackallocs the hidden activations while they fit the emitter's budget (else they are
        // pooled), and PredictClass adds a stackalloc'd output row; see ForwardEmitter. Training keeps its scratch in
        // instance arrays; its one stackalloc (one-hot targets, OutputSize floats) is never more than PredictClass's.
        long hiddenBytes = network.Layers.Take(network.Layers.Count - 1).Sum(static l => (long)l.Units) * sizeof(float);
        long forwardStack = hiddenBytes > ForwardEmitter.StackBudgetBytes ? 0 : hiddenBytes;
        long classifyStack = network.Output.Activation is Activation.Softmax or Activation.Sigmoid ? (long)network.OutputSize * sizeof(float) : 0;

        return new ResourceBudget(
            parameters,
            parameters * sizeof(float),
            stateFloats * sizeof(float),
            forwardStack + classifyStack,
            network.Layers.Sum(static l => (long)l.WeightCount));
    }

    /// <summary>How many floats of state the optimizer keeps per parameter, as <c>torch.optim</c> does.</summary>
    public static int StateBuffers(Optimizer optimizer) => optimizer switch
    {
        Optimizer.Sgd => 0,
        Optimizer.Adam or Optimizer.AdamW => 2,
        _ => 1,
    };
}
