using CompiledNN.Generators.Model;
using CompiledNN.Generators.Planning;

namespace CompiledNN.Generators.Emit;

/// <summary>
/// Writes the optimizer: its state in one contiguous block beside the parameters (Adam's two moments, the momentum
/// buffer, or the squared-gradient accumulator), the step that applies <c>torch.optim</c>'s rule with the declared
/// hyperparameters as constants, and <c>ResetOptimizer</c>.
/// </summary>
internal static class OptimizerEmitter
{
    public static void WriteMembers(IndentedTextWriter writer, NetworkPlan network)
    {
        TrainingSpec training = network.Training;
        int state = TrainingSpec.StatePerParameter(training.Optimizer);
        if (state > 0)
        {
            writer.Line($"/// <summary>{StateDescription(training.Optimizer)}, {state} × <see cref=\"ParameterCount\"/> floats in one block; a step swaps it with <c>_updatedOptimizerState</c>.</summary>");
            writer.Line($"private float[] _optimizerState = new float[{state} * ParameterCount];");
            writer.Line();
        }

        writer.Line("/// <summary>The number of optimizer steps taken since construction or <see cref=\"ResetOptimizer\"/>.</summary>");
        writer.Line("private long _step;");
        writer.Line();
        bool adam = training.Optimizer is Optimizer.Adam or Optimizer.AdamW;
        if (adam)
        {
            writer.Line("/// <summary>β1ᵗ and β2ᵗ of the last step t, as running products: a step needs no power function.</summary>");
            writer.Line("private double _beta1Power = 1.0;");
            writer.Line("private double _beta2Power = 1.0;");
            writer.Line();
        }

        using (writer.Block("public void ResetOptimizer()"))
        {
            if (state > 0)
            {
                writer.Line("Sys::Array.Clear(_optimizerState);");
            }

            writer.Line("_step = 0;");
            if (adam)
            {
                writer.Line("_beta1Power = 1.0;");
                writer.Line("_beta2Power = 1.0;");
            }
        }

        writer.Line();
        bool parallel = network.StepsInParallel;
        writer.Line("/// <summary>Where a step writes the new parameters, which replace <c>_parameters</c> if every value is in range. Created by the first step.</summary>");
        writer.Line($"private {Names.AlignedBuffer}? _updatedParameters;");
        writer.Line();
        if (state > 0)
        {
            writer.Line("/// <summary>Where a step writes the new optimizer state, as <c>_updatedParameters</c>.</summary>");
            writer.Line("private float[]? _updatedOptimizerState;");
            writer.Line();
        }

        writer.Line("/// <summary>Set by a range of the step under way that it left out of range.</summary>");
        writer.Line("private bool _stepOutOfRange;");
        writer.Line();
        writer.Line("/// <summary>");
        writer.Line($"/// Applies one {training.Optimizer} step to the parameters from the gradient in <c>_gradient</c>" + (parallel ? ", in ranges on up to <see cref=\"MaxDegreeOfParallelism\"/> threads." : "."));
        writer.Line("/// It writes to the updated arrays and swaps them in only if every value is in range: a step that would leave a parameter");
        writer.Line("/// beyond ±2⁶⁴ or the state not finite changes nothing, and the caller throws the error that fits its arguments.");
        writer.Line("/// </summary>");
        writer.Line("/// <returns>Whether the step was taken.</returns>");
        using (writer.Block("private bool TryApplyOptimizerStep()"))
        {
            if (training.ClipGradientNorm > 0f)
            {
                writer.Line("// As torch.nn.utils.clip_grad_norm_ before optimizer.step(): before the step adds any weight decay.");
                writer.Line($"{Names.GradientClipping}.ClipNorm(_gradient, {IndentedTextWriter.Float(training.ClipGradientNorm)});");
            }

            if (network.HasPackedWeights)
            {
                writer.Line("// Odd while the parameters change, so that weights packed meanwhile are never taken for the current ones.");
                writer.Line("Sys::Threading.Interlocked.Increment(ref _parametersVersion);");
                using (writer.Block("try"))
                {
                    WriteStep(writer, network, state, parallel);
                }

                using (writer.Block("finally"))
                {
                    writer.Line("Sys::Threading.Interlocked.Increment(ref _parametersVersion);");
                }
            }
            else
            {
                WriteStep(writer, network, state, parallel);
            }
        }

        writer.Line();
        writer.Line($"/// <summary>The {training.Optimizer} step of parameters [<paramref name=\"start\"/>, <paramref name=\"start\"/> + <paramref name=\"length\"/>): reads them, the gradient and the state at the same places, writes the updated arrays, and flags the step if a value it wrote is out of range.</summary>");
        using (writer.Block("private void StepParameters(int start, int length)"))
        {
            string decay = IndentedTextWriter.Float(training.WeightDecay);
            string parameters = "_parameters.Slice(start, length)";
            string gradient = $"new {Names.ReadOnlySpan}(_gradient, start, length)";
            string stateSlice = $"new {Names.ReadOnlySpan}(_optimizerState, start, length)";
            string updated = "_updatedParameters!.Slice(start, length)";
            string updatedState = $"new {Names.Span}(_updatedOptimizerState, start, length)";
            switch (training.Optimizer)
            {
                case Optimizer.Sgd:
                    writer.Line($"bool usable = {Names.Optimizers}.Sgd({parameters}, {gradient}, {updated}, _learningRate, weightDecay: {decay});");
                    break;
                case Optimizer.Momentum:
                case Optimizer.Nesterov:
                    WriteCall(writer, "Momentum", parameters, gradient, stateSlice, updated, updatedState, "_learningRate", $"momentum: {IndentedTextWriter.Float(training.Momentum)}", $"weightDecay: {decay}", $"nesterov: {(training.Optimizer == Optimizer.Nesterov ? "true" : "false")}", "firstStep: _step == 1");
                    break;
                case Optimizer.AdaGrad:
                    WriteCall(writer, "AdaGrad", parameters, gradient, stateSlice, updated, updatedState, "_learningRate", $"epsilon: {IndentedTextWriter.Float(training.Epsilon)}", $"weightDecay: {decay}");
                    break;
                case Optimizer.RMSProp:
                    WriteCall(writer, "RMSProp", parameters, gradient, stateSlice, updated, updatedState, "_learningRate", $"rho: {IndentedTextWriter.Float(training.Rho)}", $"epsilon: {IndentedTextWriter.Float(training.Epsilon)}", $"weightDecay: {decay}");
                    break;
                default:
                    writer.Line($"bool usable = {Names.Optimizers}.Adam(");
                    using (writer.Indent())
                    {
                        writer.Line($"{parameters},");
                        writer.Line($"{gradient},");
                        writer.Line($"{stateSlice},");
                        writer.Line($"new {Names.ReadOnlySpan}(_optimizerState, ParameterCount + start, length),");
                        writer.Line($"{updated},");
                        writer.Line($"{updatedState},");
                        writer.Line($"new {Names.Span}(_updatedOptimizerState, ParameterCount + start, length),");
                        writer.Line("_learningRate,");
                        writer.Line($"beta1: {IndentedTextWriter.Float(training.Beta1)},");
                        writer.Line($"beta2: {IndentedTextWriter.Float(training.Beta2)},");
                        writer.Line($"epsilon: {IndentedTextWriter.Float(training.Epsilon)},");
                        writer.Line($"weightDecay: {decay},");
                        writer.Line($"decoupled: {(training.Optimizer == Optimizer.AdamW ? "true" : "false")},");
                        writer.Line("_beta1Power,");
                        writer.Line("_beta2Power);");
                    }

                    break;
            }

            using (writer.Block("if (!usable)"))
            {
                writer.Line("_stepOutOfRange = true;");
            }
        }

        writer.Line();
    }

    /// <summary>The body of <c>TryApplyOptimizerStep</c>: counts the step, steps every range into the updated arrays, and swaps them in, or uncounts the step and returns false if a range came out of range.</summary>
    private static void WriteStep(IndentedTextWriter writer, NetworkPlan network, int state, bool parallel)
    {
        TrainingSpec training = network.Training;
        bool adam = training.Optimizer is Optimizer.Adam or Optimizer.AdamW;
        writer.Line("_updatedParameters ??= new(ParameterCount);");
        if (state > 0)
        {
            writer.Line($"_updatedOptimizerState ??= new float[{state} * ParameterCount];");
        }

        writer.Line("_stepOutOfRange = false;");
        if (adam)
        {
            writer.Line("double beta1Power = _beta1Power;");
            writer.Line("double beta2Power = _beta2Power;");
        }

        writer.Line("_step++;");
        if (adam)
        {
            writer.Line($"_beta1Power *= {IndentedTextWriter.Float(training.Beta1)};");
            writer.Line($"_beta2Power *= {IndentedTextWriter.Float(training.Beta2)};");
        }

        if (parallel)
        {
            using (writer.Block($"if ({Names.BatchParallelism}.Shares(_maxDegreeOfParallelism))"))
            {
                writer.Line("// Element by element: ranges stepped on any thread give the bits of one pass.");
                writer.Line("_waveStepping = true;");
                writer.Line($"{Names.BatchParallelism}.Run(this, (ParameterCount + ReductionRange - 1) / ReductionRange, Sys::Math.Min(_maxDegreeOfParallelism, {Names.BatchParallelism}.MaxWorkers), default, default, default, default);");
                writer.Line("_waveStepping = false;");
            }

            using (writer.Block("else"))
            {
                writer.Line("StepParameters(0, ParameterCount);");
            }
        }
        else
        {
            writer.Line("StepParameters(0, ParameterCount);");
        }

        using (writer.Block("if (_stepOutOfRange)"))
        {
            writer.Line("_step--;");
            if (adam)
            {
                writer.Line("_beta1Power = beta1Power;");
                writer.Line("_beta2Power = beta2Power;");
            }

            writer.Line("return false;");
        }

        writer.Line();
        writer.Line("// Every range is usable: the updated arrays become the current ones, and the old ones the next step's.");
        writer.Line("(_parameters, _updatedParameters) = (_updatedParameters, _parameters);");
        if (state > 0)
        {
            writer.Line("(_optimizerState, _updatedOptimizerState) = (_updatedOptimizerState, _optimizerState);");
        }

        writer.Line("return true;");
    }

    /// <summary>One optimizer call over a range, its arguments one per line, into <c>bool usable</c>.</summary>
    private static void WriteCall(IndentedTextWriter writer, string method, params string[] arguments)
    {
        writer.Line($"bool usable = {Names.Optimizers}.{method}(");
        using (writer.Indent())
        {
            for (int i = 0; i < arguments.Length; i++)
            {
                writer.Line(arguments[i] + (i < arguments.Length - 1 ? "," : ");"));
            }
        }
    }

    private static string StateDescription(Optimizer optimizer) => optimizer switch
    {
        Optimizer.Adam or Optimizer.AdamW => "Adam's first moments m, then its second moments v",
        Optimizer.Momentum or Optimizer.Nesterov => "The momentum buffer b",
        Optimizer.AdaGrad => "The accumulated squared gradients",
        _ => "The running mean of squared gradients",
    };
}
