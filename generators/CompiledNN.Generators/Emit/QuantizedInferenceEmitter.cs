using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CompiledNN.Generators.Model;
using CompiledNN.Generators.Planning;
using CompiledNN.Generators.Validation;

namespace CompiledNN.Generators.Emit;

/// <summary>
/// Writes the inference-only form of a network with <c>Quantization = Quantization.Int8</c>: the same static prediction
/// methods as the float form, over an implementation whose dense layers (those <see cref="Int8Quantizer.RunsInInt8"/>
/// picks) read int8 weights baked as constant data, with a float scale and bias per unit, through
/// <c>QuantizedKernels</c>; any other layer keeps its float32 weights and the matrix kernels. Activations stay float.
/// </summary>
internal static class QuantizedInferenceEmitter
{
    private const string QuantizedKernels = "Nnr::QuantizedKernels";
    private const string SByteSpan = "Sys::ReadOnlySpan<sbyte>";

    public static void WriteMembers(IndentedTextWriter writer, NetworkPlan network)
    {
        PublicApiEmitter.WriteInferenceOnly(writer, network);
        writer.Line("/// <summary>The int8 forward pass over the baked weights.</summary>");
        writer.Line(PublicApiEmitter.EditorBrowsableNever);
        using (writer.Block($"private sealed class {FileEmitter.Implementation}"))
        {
            float[] parameters = network.Weights!.Parameters.AsSpan().ToArray();
            foreach (DenseLayerPlan layer in network.DenseLayers)
            {
                WriteLayerData(writer, layer, parameters);
            }

            WritePrediction(writer, network);
            WriteForward(writer, network);
        }
    }

    /// <summary>The layer table of the class's doc comment, with the arithmetic each layer runs in and the bytes it bakes.</summary>
    public static IEnumerable<string> LayerTable(NetworkPlan network)
    {
        string[] header = ["layer", "units", "inputs", "activation", "runs in", "parameters", "multiply-adds", "bytes"];
        var rows = network.DenseLayers.Select(static l => new[]
        {
            l.Name, Count(l.Units), Count(l.Inputs), l.Activation.ToString(), Int8Quantizer.RunsInInt8(l.Inputs) ? "int8" : "float32",
            Count(l.ParameterCount), Count(l.WeightCount), Count(BakedBytes(l)),
        }).ToList();
        rows.Add(["total", "", "", "", "", Count(network.ParameterCount), Count(network.DenseLayers.Sum(static l => l.WeightCount)), Count(network.DenseLayers.Sum(BakedBytes))]);
        return NetworkEmitter.AlignedTable(header, rows, textColumns: [0, 3, 4]);
    }

    /// <summary>The bytes a layer bakes: int8 weights, their padding, a float scale and bias per unit; or its float32 parameters.</summary>
    private static int BakedBytes(DenseLayerPlan layer) =>
        Int8Quantizer.RunsInInt8(layer.Inputs) ? Int8Quantizer.BakedBytes(layer.Inputs, layer.Units) : sizeof(float) * layer.ParameterCount;

    private static string Count(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static void WriteLayerData(IndentedTextWriter writer, DenseLayerPlan layer, float[] parameters)
    {
        float[] bias = parameters.Skip(layer.BiasOffset).Take(layer.Units).ToArray();
        if (!Int8Quantizer.RunsInInt8(layer.Inputs))
        {
            writer.Line($"/// <summary>{layer.Name}'s float32 weights, transposed to Wᵀ[{layer.Inputs}, {layer.Units}] as the matrix kernels read them.</summary>");
            PersistenceEmitter.WriteFloatSpan(writer, $"private static {Names.ReadOnlySpan} {layer.Name}Weights", Transposed(parameters, layer));
            writer.Line();
            WriteBias(writer, layer, bias);
            return;
        }

        QuantizedLayer quantized = Int8Quantizer.Quantize(parameters, layer.WeightOffset, layer.Units, layer.Inputs).Layer!;
        writer.Line($"/// <summary>{layer.Name}'s weights W[{layer.Units}, {layer.Inputs}] as int8, unit by unit.</summary>");
        writer.Line($"private static {SByteSpan} {layer.Name}Weights => new sbyte[]");
        writer.Line("{");
        using (writer.Indent())
        {
            foreach (IEnumerable<sbyte> line in Lines(quantized.Weights, 32))
            {
                writer.Line(string.Join(", ", line.Select(static v => v.ToString(CultureInfo.InvariantCulture))) + ",");
            }
        }

        writer.Line("};");
        writer.Line();
        writer.Line($"/// <summary>{layer.Name}'s scale per unit (its largest |w| / 127): W[j, i] ≈ {layer.Name}Scales[j] · {layer.Name}Weights[j, i].</summary>");
        PersistenceEmitter.WriteFloatSpan(writer, $"private static {Names.ReadOnlySpan} {layer.Name}Scales", quantized.Scales);
        writer.Line();
        WriteBias(writer, layer, bias);
        writer.Line($"/// <summary>{layer.Name}'s int8 weights in the kernels' panels, packed once, when the class is first used.</summary>");
        writer.Line($"private static readonly Nnr::Int8Panels {layer.Name}Panels = new({layer.Name}Weights, {layer.Inputs}, {layer.Units});");
        writer.Line();
    }

    private static void WriteBias(IndentedTextWriter writer, DenseLayerPlan layer, float[] bias)
    {
        writer.Line($"/// <summary>{layer.Name}'s float32 bias.</summary>");
        PersistenceEmitter.WriteFloatSpan(writer, $"private static {Names.ReadOnlySpan} {layer.Name}Bias", bias);
        writer.Line();
    }

    private static IEnumerable<IEnumerable<T>> Lines<T>(T[] values, int perLine)
    {
        for (int i = 0; i < values.Length; i += perLine)
        {
            yield return values.Skip(i).Take(perLine);
        }
    }

    /// <summary>The canonical W[units, inputs] of <paramref name="layer"/> transposed to Wᵀ[inputs, units].</summary>
    private static float[] Transposed(float[] canonical, DenseLayerPlan layer)
    {
        var transposed = new float[layer.WeightCount];
        for (int j = 0; j < layer.Units; j++)
        {
            for (int i = 0; i < layer.Inputs; i++)
            {
                transposed[(i * layer.Units) + j] = canonical[layer.WeightOffset + (j * layer.Inputs) + i];
            }
        }

        return transposed;
    }

    /// <summary>Writes <c>Predict</c>, <c>PredictClass</c> and <c>PredictBatch</c>, all through the batched <c>Forward</c>.</summary>
    private static void WritePrediction(IndentedTextWriter writer, NetworkPlan network)
    {
        string rowScratch = network.RowScratchPooled
            ? $"{Names.Span} scratch = {Names.BatchParallelism}.ThreadScratch(HiddenSize);"
            : $"{Names.Span} scratch = stackalloc float[HiddenSize];";
        writer.Line("/// <summary>The hidden layers' units; a row's forward pass keeps this many activations.</summary>");
        writer.Line($"private const int HiddenSize = {IndentedTextWriter.Int(network.HiddenSize)};");
        writer.Line();
        using (writer.OptimizedMethod($"public void Predict({Names.ReadOnlySpan} input, {Names.Span} output)"))
        {
            writer.Line($"{Names.Guard}.Length(input, InputSize, nameof(input), \"input features\");");
            writer.Line($"{Names.Guard}.Length(output, OutputSize, nameof(output), \"outputs\");");
            writer.Line(rowScratch);
            writer.Line("Forward(input, output, 1, scratch);");
        }

        writer.Line();
        LayerPlan last = network.Output;
        if (last.Activation is Activation.Softmax or Activation.Sigmoid)
        {
            writer.Line("/// <summary>The class of one row; a row with a NaN or an infinity has none (its outputs are NaN), so it throws.</summary>");
            using (writer.OptimizedMethod($"public int PredictClass({Names.ReadOnlySpan} input)"))
            {
                writer.Line($"{Names.Guard}.Length(input, InputSize, nameof(input), \"input features\");");
                writer.Line($"{Names.Span} output = stackalloc float[OutputSize];");
                writer.Line(rowScratch);
                writer.Line("Forward(input, output, 1, scratch);");
                using (writer.Block("if (float.IsNaN(output[0]))"))
                {
                    writer.Line("throw new Sys::ArgumentException(\"The input holds a NaN or an infinity, so the int8 network gives NaN outputs and no class.\", nameof(input));");
                }

                writer.Line(last.Activation == Activation.Sigmoid && last.Units == 1 ? "return output[0] >= 0.5f ? 1 : 0;" : $"return {Names.Kernels}.ArgMax(output);");
            }

            writer.Line();
        }

        writer.Line("/// <summary>Rows per block: each layer quantises and multiplies a block's rows together, on the calling thread.</summary>");
        writer.Line($"private const int ChunkRows = {Thresholds.ChunkRows};");
        writer.Line();
        using (writer.OptimizedMethod($"public void PredictBatch({Names.ReadOnlySpan} inputs, {Names.Span} outputs)"))
        {
            writer.Line($"int rows = {Names.Guard}.Rows(inputs, InputSize, nameof(inputs), \"input features\");");
            writer.Line($"{Names.Guard}.Rows(outputs, rows, OutputSize, nameof(outputs), \"outputs\");");
            writer.Line($"float[] scratch = {Names.BatchParallelism}.ThreadScratch(HiddenSize * ChunkRows);");
            using (writer.Block("for (int first = 0; first < rows; first += ChunkRows)"))
            {
                writer.Line("int block = Sys::Math.Min(ChunkRows, rows - first);");
                writer.Line("Forward(inputs.Slice(first * InputSize, block * InputSize), outputs.Slice(first * OutputSize, block * OutputSize), block, scratch);");
            }
        }

        writer.Line();
    }

    /// <summary>
    /// Writes the forward pass of a block of rows: each layer's pre-activations, rows × units in the scratch, then its
    /// activation in float. Rows never meet (each is quantised on its own), so a row gives the same bits alone or in a batch.
    /// </summary>
    private static void WriteForward(IndentedTextWriter writer, NetworkPlan network)
    {
        writer.Line("/// <summary>The forward pass of <paramref name=\"rows\"/> rows: each layer's activations, rows × units in <paramref name=\"scratch\"/>, feed the next; the last layer writes the output.</summary>");
        using (writer.OptimizedMethod($"private static void Forward({Names.ReadOnlySpan} input, {Names.Span} output, int rows, {Names.Span} scratch)"))
        {
            int offset = 0;
            string previous = "input";
            foreach (DenseLayerPlan layer in network.DenseLayers)
            {
                string activations = layer == network.Output ? "output" : layer.Name.ToLowerInvariant();
                if (layer != network.Output)
                {
                    writer.Line($"{Names.Span} {activations} = scratch.Slice({offset} * rows, {layer.Units} * rows);");
                    offset += layer.Units;
                }

                writer.Line(Int8Quantizer.RunsInInt8(layer.Inputs)
                    ? $"{QuantizedKernels}.Linear({previous}, {layer.Name}Panels, {layer.Name}Scales, {layer.Name}Bias, {activations}, rows);"
                    : $"{Names.MatrixKernels}.Linear({previous}, {layer.Name}Weights, {layer.Name}Bias, {activations}, rows, {layer.Inputs}, {layer.Units});");
                ForwardEmitter.WriteActivation(writer, layer, activations, activations, "rows");
                previous = activations;
            }

            writer.Line($"{QuantizedKernels}.MarkNonFiniteRows(input, output, rows, InputSize, OutputSize);");
        }

        writer.Line();
    }
}
