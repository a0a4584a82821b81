using CompiledNN.Generators.Model;
using CompiledNN.Generators.Planning;

namespace CompiledNN.Generators.Emit.Layers;

/// <summary>
/// Prints a batch or layer normalisation: γ then β in the parameter block (the internal layout is PyTorch's), the
/// runtime's <c>BatchNormalization</c> or <c>LayerNormalization</c> kernels, then the activation. Batch normalisation
/// reads its running mean and variance from <c>_buffers</c> in predictions and <c>ComputeLoss</c>, and in training
/// keeps the batch's statistics in <c>_batchStatistics</c> for its backward pass and the running update.
/// </summary>
internal sealed class NormalizationEmitter(NetworkPlan network, NormalizationLayerPlan layer) : LayerEmitter(network)
{
    private NormalizationSpec Spec => layer.Normalization;

    private string Features => IndentedTextWriter.Int(Spec.Features);

    private string Epsilon => IndentedTextWriter.Float(Spec.Epsilon);

    private string Gamma => $"_parameters.Slice({layer.Name}Gamma, {Features})";

    private string Beta => $"_parameters.Slice({layer.Name}Beta, {Features})";

    private string RunningMean => $"new {Names.ReadOnlySpan}(_buffers, {layer.Name}RunningMean, {Features})";

    private string RunningVariance => $"new {Names.ReadOnlySpan}(_buffers, {layer.Name}RunningMean + {Features}, {Features})";

    private string Statistics => $"new {Names.Span}(_batchStatistics, {layer.Name}Statistics, {IndentedTextWriter.Int(3 * Spec.Features)})";

    public override void WriteParameterOffsets(IndentedTextWriter writer)
    {
        writer.Line($"private const int {layer.Name}Gamma = {IndentedTextWriter.Int(Spec.GammaOffset)};");
        writer.Line($"private const int {layer.Name}Beta = {IndentedTextWriter.Int(Spec.BetaOffset)};");
        if (Spec.IsBatch)
        {
            writer.Line($"private const int {layer.Name}RunningMean = {IndentedTextWriter.Int(Spec.BufferOffset)};");
            writer.Line($"private const int {layer.Name}Statistics = {IndentedTextWriter.Int(3 * Spec.BufferOffset / 2)};");
        }
    }

    /// <summary>γ starts at 1 and β at 0, as PyTorch's.</summary>
    public override void WriteInitialization(IndentedTextWriter writer) =>
        writer.Line($"new {Names.Span}(canonical, {layer.Name}Gamma, {Features}).Fill(1f);");

    public override void WriteToInternalLayout(IndentedTextWriter writer) => WriteCopy(writer, "canonical", "layout");

    public override void WriteToCanonicalLayout(IndentedTextWriter writer) => WriteCopy(writer, "layout", "canonical");

    public override void WriteRow(IndentedTextWriter writer, string x, string a)
    {
        WriteEvaluation(writer, x, a);
        ForwardEmitter.WriteActivation(writer, layer, a, a, "1");
    }

    public override void WriteBatch(IndentedTextWriter writer, string x, string a)
    {
        WriteEvaluation(writer, x, a);
        ForwardEmitter.WriteActivation(writer, layer, a, a, "rows");
    }

    public override void WriteTrainingForward(IndentedTextWriter writer, string x, string z, string a)
    {
        if (Spec.IsBatch)
        {
            using (writer.Block("if (training)"))
            {
                writer.Line($"// The batch's statistics, as PyTorch's train(); the running ones change only with an optimizer step.");
                writer.Line($"{Names.BatchNormalization}.TrainingForward({x}, {Gamma}, {Beta}, {z}, {Statistics}, rows, {Features}, {Spec.Positions}, {Epsilon});");
            }

            using (writer.Block("else"))
            {
                WriteEvaluation(writer, x, z);
            }
        }
        else
        {
            WriteEvaluation(writer, x, z);
        }

        WriteTrainingActivation(writer, layer, z, a);
    }

    public override void WriteBackward(IndentedTextWriter writer, string x, string z, string a, string delta, string? inputDelta)
    {
        WriteTrainingActivationGradient(writer, layer, z, a, delta);

        string gammaGradient = $"gradient.Slice({layer.Name}Gamma, {Features})";
        string betaGradient = $"gradient.Slice({layer.Name}Beta, {Features})";
        writer.Line(Spec.IsBatch
            ? $"{Names.BatchNormalization}.Backward({x}, {delta}, {Gamma}, {Statistics}, {gammaGradient}, {betaGradient}, {inputDelta ?? "default"}, rows, {Features}, {Spec.Positions});"
            : $"{Names.LayerNormalization}.Backward({x}, {delta}, {Gamma}, {gammaGradient}, {betaGradient}, {inputDelta ?? "default"}, {Features}, {Epsilon});");
    }

    /// <summary>The normalisation of predictions and <c>ComputeLoss</c>: running statistics for batch normalisation, each row's own for layer normalisation.</summary>
    private void WriteEvaluation(IndentedTextWriter writer, string x, string z) => writer.Line(Spec.IsBatch
        ? $"{Names.BatchNormalization}.Forward({x}, {Gamma}, {Beta}, {RunningMean}, {RunningVariance}, {z}, {Features}, {Spec.Positions}, {Epsilon});"
        : $"{Names.LayerNormalization}.Forward({x}, {Gamma}, {Beta}, {z}, {Features}, {Epsilon});");

    /// <summary>The internal layout is PyTorch's: γ and β are copied as they are.</summary>
    private void WriteCopy(IndentedTextWriter writer, string from, string to)
    {
        string count = IndentedTextWriter.Int(Spec.ParameterCount);
        writer.Line($"{from}.Slice({layer.Name}Gamma, {count}).CopyTo({to}.Slice({layer.Name}Gamma, {count}));");
    }
}
