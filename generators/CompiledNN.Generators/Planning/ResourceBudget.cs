using System.Linq;
using CompiledNN.Generators.Model;

namespace CompiledNN.Generators.Planning;

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
    public static ResourceBudget Of(NetworkPlan network)
    {
        long parameters = network.Layers.Sum(static l => (long)l.ParameterCount);
        long stateFloats = parameters * TrainingSpec.StatePerParameter(network.Training.Optimizer);

        // The forward pass stackallocs the hidden activations unless the plan pools them, and PredictClass adds a
        // stackalloc'd output row. Training keeps its scratch in instance arrays; its one stackalloc (one-hot targets,
        // OutputSize floats) is never more than PredictClass's.
        long hiddenBytes = (long)network.HiddenSize * sizeof(float);
        long forwardStack = network.RowScratchPooled ? 0 : hiddenBytes;
        long classifyStack = network.Output.Activation is Activation.Softmax or Activation.Sigmoid ? (long)network.OutputSize * sizeof(float) : 0;

        return new ResourceBudget(
            parameters,
            parameters * sizeof(float),
            stateFloats * sizeof(float),
            forwardStack + classifyStack,
            network.Layers.Sum(static l => (long)l.MultiplyAdds));
    }
}
