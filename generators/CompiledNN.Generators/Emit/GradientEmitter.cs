using CompiledNN.Generators.Planning;

namespace CompiledNN.Generators.Emit;

/// <summary>
/// Writes the gradient entry points for training loops of the user's own: <c>Backward</c>, the parameter gradient of
/// Σ over rows of ⟨outputGradients, outputs⟩ through the blocks, threads and backward pass of <c>ComputeGradient</c>;
/// and <c>ApplyGradient</c>, the optimizer step of <c>TrainBatch</c> on a gradient the caller gives.
/// </summary>
internal static class GradientEmitter
{
    public static void WriteMembers(IndentedTextWriter writer, NetworkPlan network)
    {
        using (writer.Block($"public void Backward({Names.ReadOnlySpan} inputs, {Names.ReadOnlySpan} outputGradients, {Names.Span} gradient)"))
        {
            TrainingEmitter.WriteRowChecks(writer, byClass: false, "outputGradients", "output gradients");
            TrainingEmitter.WriteGradientLengthCheck(writer);
            writer.Line("// Refused as training refuses them: a NaN input can vanish in the forward pass (ReLU maps it to 0) and still be bad data.");
            writer.Line($"{Names.Guard}.Finite(inputs, nameof(inputs));");
            writer.Line($"{Names.Guard}.Finite(outputGradients, nameof(outputGradients));");
            writer.Line("Evaluate(inputs, outputGradients, default, rows, _gradient, targetsAreOutputGradients: true);");
            if (network.TrainsWholeBatch)
            {
                writer.Line("_statisticsPending = true;");
            }

            writer.Line("ToCanonicalLayout(_gradient, gradient);");
        }

        writer.Line();
        using (writer.Block($"public void ApplyGradient({Names.ReadOnlySpan} gradient)"))
        {
            TrainingEmitter.WriteGradientLengthCheck(writer);
            writer.Line($"{Names.Guard}.Finite(gradient, nameof(gradient));");
            writer.Line("ToInternalLayout(gradient, _gradient);");
            using (writer.Block("if (!TryApplyOptimizerStep())"))
            {
                writer.Line($"{Names.StepRollback}.ThrowGradientUndone(_learningRate, nameof(gradient));");
            }

            if (network.TrainsWholeBatch)
            {
                writer.Line("// The batch statistics of the ComputeGradient or Backward that gave this gradient, if not folded in yet: as TrainBatch would.");
                using (writer.Block("if (_statisticsPending)"))
                {
                    writer.Line("_statisticsPending = false;");
                    writer.Line("UpdateRunningStatistics();");
                }
            }
        }

        writer.Line();
        WriteBackwardFromOutputGradients(writer, network);
    }

    private static void WriteBackwardFromOutputGradients(IndentedTextWriter writer, NetworkPlan network)
    {
        LayerPlan output = network.Output;
        writer.Line("/// <summary>Backpropagates ∂L/∂output of the block last run forward through the output activation and the layers, adding its share to <paramref name=\"gradient\"/>.</summary>");
        using (writer.Block($"private void BackwardFromOutputGradients({Names.ReadOnlySpan} x, {Names.ReadOnlySpan} outputGradients, int rows, float[] scratch, {Names.Span} gradient)"))
        {
            writer.Line($"{Names.Span} delta = new {Names.Span}(scratch, {output.Name}Delta, rows * OutputSize);");
            writer.Line("outputGradients.CopyTo(delta);");
            if (network.LossTakesLogits)
            {
                // Backward below starts from ∂L/∂z of the output, as the fused loss writes it.
                writer.Line($"// Training fuses the output's {output.Activation} into the loss and skips it; here it is applied and differentiated.");
                writer.Line($"{Names.Span} z = new {Names.Span}(scratch, {output.Name}Z, rows * OutputSize);");
                writer.Line($"{Names.Span} a = new {Names.Span}(scratch, {output.Name}A, rows * OutputSize);");
                ForwardEmitter.WriteActivation(writer, output, "z", "a", "rows");
                BackwardEmitter.WriteActivationGradient(writer, output, "z", "a", "delta", "rows");
            }

            writer.Line("Backward(x, rows, scratch, gradient);");
        }

        writer.Line();
    }
}
