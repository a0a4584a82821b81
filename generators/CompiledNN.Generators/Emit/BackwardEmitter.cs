using System;
using System.Collections.Generic;
using System.Linq;
using CompiledNN.Generators.Emit.Layers;
using CompiledNN.Generators.Model;
using CompiledNN.Generators.Planning;

namespace CompiledNN.Generators.Emit;

/// <summary>
/// Writes backpropagation: one method per layer that, from a block of rows' <c>delta = ∂L/∂z</c> and the layer's inputs
/// <c>x</c>, adds the weight and bias gradients through the matrix kernels and, above the first layer, writes the
/// delta for the layer beneath; and the activation derivative calls between layers. Networks whose layers are all
/// small (unrolled) also get a straight-line backward pass of one row per layer, for <c>TrainStep</c>.
/// </summary>
internal static class BackwardEmitter
{
    public static void WriteMembers(IndentedTextWriter writer, NetworkPlan network)
    {
        foreach (LayerEmitter layer in LayerEmitter.For(network))
        {
            layer.WriteBackwardMembers(writer);
        }

        // Planned only when every layer is dense.
        if (network.RowBackward)
        {
            foreach (DenseLayerPlan layer in network.DenseLayers)
            {
                WriteLayerRowBackward(writer, layer);
            }

            WriteTerms(writer, network);
        }
    }

    /// <summary>
    /// The terms of a row's backward pass, for each register width: an input times the deltas stored as a row of ∂L/∂Wᵀ,
    /// and the dot product of a row of Wᵀ with the deltas. Inlined, they are the same instructions as the expressions
    /// written out at every term, in fewer bytes for the compiler to bind. (Scalar elements keep Unsafe.Add: through a
    /// helper the JIT swaps the operands of some scalar additions.)
    /// </summary>
    private static void WriteTerms(IndentedTextWriter writer, NetworkPlan network)
    {
        // Only the register widths some layer's row uses.
        var widths = new HashSet<int>(network.DenseLayers.SelectMany(static layer => RegisterGroup.ForBackward(layer.Units)).Select(static group => group.Width));
        foreach ((int width, string type) in new[] { (16, "Simd::Vector512"), (8, "Simd::Vector256"), (4, "Simd::Vector128") })
        {
            if (!widths.Contains(width))
            {
                continue;
            }

            string vector = type + "<float>";
            writer.Line(RowEmitter.AggressiveInlining);
            writer.Line($"private static void StoreScaled(ref float x, int j, {vector} d, ref float g, nuint i) => {type}.StoreUnsafe({type}.Create(Rcs::Unsafe.Add(ref x, j)) * d, ref g, i);");
            writer.Line();
            writer.Line(RowEmitter.AggressiveInlining);
            writer.Line($"private static float Dot(ref float w, nuint i, {vector} d) => {type}.Sum(({type}.LoadUnsafe(ref w, i) * d));");
            writer.Line();
        }
    }

    /// <summary>Turns <paramref name="delta"/> of <paramref name="rows"/> rows from ∂L/∂a into ∂L/∂z for <paramref name="layer"/>: element-wise at once, Softmax row by row.</summary>
    public static void WriteActivationGradient(IndentedTextWriter writer, LayerPlan layer, string z, string a, string delta, string rows)
    {
        if (layer.Activation == Activation.Softmax && rows == "1")
        {
            writer.Line(ActivationGradientCall(layer, z, a, delta)!);
        }
        else if (layer.Activation == Activation.Softmax)
        {
            using (writer.Block($"for (int row = 0; row < rows; row++)"))
            {
                writer.Line(ActivationGradientCall(layer, z, $"{a}.Slice(row * {layer.Units}, {layer.Units})", $"{delta}.Slice(row * {layer.Units}, {layer.Units})")!);
            }
        }
        else if (ActivationGradientCall(layer, z, a, delta) is { } call)
        {
            writer.Line(call);
        }
    }

    /// <summary>The call that turns <paramref name="delta"/> from ∂L/∂a into ∂L/∂z for <paramref name="layer"/>, or null for Identity.</summary>
    private static string? ActivationGradientCall(LayerPlan layer, string z, string a, string delta) => layer.Activation switch
    {
        Activation.Identity => null,
        Activation.Sigmoid or Activation.Tanh or Activation.Softmax => $"{Names.ActivationGradients}.{layer.Activation}({a}, {delta});",
        Activation.LeakyReLU or Activation.ELU => $"{Names.ActivationGradients}.{layer.Activation}({z}, {delta}, {IndentedTextWriter.Float(layer.Alpha)});",
        _ => $"{Names.ActivationGradients}.{layer.Activation}({z}, {delta});",
    };

    /// <summary>Writes a dense layer's <c>DenseNBackward</c> over a block of rows.</summary>
    public static void WriteLayerBackward(IndentedTextWriter writer, DenseLayerPlan layer)
    {
        bool first = layer.Number == 1;
        string parameters = $"{Names.ReadOnlySpan} x, {Names.ReadOnlySpan} delta, int rows, {Names.Span} gradient" + (first ? "" : $", {Names.Span} inputDelta");
        writer.Line(first
            ? $"/// <summary>{layer.Name} backward over a block of rows: adds ∂L/∂Wᵀ = xᵀ delta and ∂L/∂b = Σ delta to the gradient (the first layer needs no ∂L/∂x).</summary>"
            : $"/// <summary>{layer.Name} backward over a block of rows: adds ∂L/∂Wᵀ = xᵀ delta and ∂L/∂b = Σ delta to the gradient, and writes ∂L/∂x = delta W into <paramref name=\"inputDelta\"/>.</summary>");
        using (writer.Block($"private void {layer.Name}Backward({parameters})"))
        {
            writer.Line($"{Names.MatrixKernels}.AddWeightGradient(x, delta, gradient.Slice({layer.Name}Weights, {layer.WeightCount}), gradient.Slice({layer.Name}Bias, {layer.Units}), rows, {layer.Inputs}, {layer.Units});");
            if (!first)
            {
                writer.Line($"{Names.MatrixKernels}.InputGradient(delta, _parameters.Slice({layer.Name}Weights, {layer.WeightCount}), inputDelta, rows, {layer.Inputs}, {layer.Units});");
            }
        }

        writer.Line();
    }

    /// <summary>The register that holds a group's deltas.</summary>
    private static string Delta(RegisterGroup group) => $"d{group.First}";

    private static void WriteLayerRowBackward(IndentedTextWriter writer, DenseLayerPlan layer)
    {
        bool first = layer.Number == 1;
        string shape = layer.RowLoops ? "a loop over the inputs with the units in registers" : "straight-line SIMD code";
        writer.Line(first
            ? $"/// <summary>{layer.Name} backward for one row as {shape}: writes ∂L/∂Wᵀ = x deltaᵀ and ∂L/∂b = delta into the gradient.</summary>"
            : $"/// <summary>{layer.Name} backward for one row as {shape}: writes ∂L/∂Wᵀ = x deltaᵀ and ∂L/∂b = delta into the gradient, and ∂L/∂x = Wᵀ delta into <paramref name=\"inputDelta\"/>.</summary>");
        writer.Line("/// <remarks>Needs accelerated <c>Vector512</c>; the caller checks.</remarks>");
        string parameters = $"{Names.ReadOnlySpan} x, {Names.ReadOnlySpan} delta" + (first ? "" : $", {Names.Span} inputDelta");
        using (writer.Block($"private void {layer.Name}RowBackward({parameters})"))
        {
            writer.Line($"x = x.Slice(0, {layer.Inputs});");
            writer.Line($"delta = delta.Slice(0, {layer.Units});");
            writer.Line("ref float input = ref Ris::MemoryMarshal.GetReference(x);");
            writer.Line("ref float d = ref Ris::MemoryMarshal.GetReference(delta);");
            writer.Line("ref float g = ref Ris::MemoryMarshal.GetArrayDataReference(_gradient);");
            if (!first)
            {
                writer.Line($"inputDelta = inputDelta.Slice(0, {layer.Inputs});");
                writer.Line("ref float w = ref _parameters.Origin;");
                writer.Line("ref float dx = ref Ris::MemoryMarshal.GetReference(inputDelta);");
            }

            List<RegisterGroup> groups = RegisterGroup.ForBackward(layer.Units);
            writer.Line("// delta, which is also the bias gradient, in registers.");
            foreach (RegisterGroup group in groups)
            {
                if (group.Width == 1)
                {
                    writer.Line($"float {Delta(group)} = {Element("d", group.First)};");
                    writer.Line($"{Element("g", layer.BiasOffset + group.First)} = {Delta(group)};");
                }
                else
                {
                    writer.Line($"{group.Type}<float> {Delta(group)} = {group.Type}.LoadUnsafe(ref d, {group.First});");
                    writer.Line($"{group.Type}.StoreUnsafe({Delta(group)}, ref g, {layer.BiasOffset + group.First});");
                }
            }

            if (!layer.RowLoops)
            {
                writer.Line("// Input i: row i of ∂L/∂Wᵀ" + (first ? "." : ", and ∂L/∂xᵢ from row i of Wᵀ."));
                for (int i = 0; i < layer.Inputs; i++)
                {
                    int row = layer.WeightOffset + (i * layer.Units);
                    WriteInputRow(writer, layer, groups, i.ToString(System.Globalization.CultureInfo.InvariantCulture), unit => (row + unit).ToString(System.Globalization.CultureInfo.InvariantCulture), Element("dx", i));
                }
            }
            else
            {
                using (writer.Block($"for (int i = 0; i < {layer.Inputs}; i++)"))
                {
                    // In nuint, so that the JIT folds each unit's constant into the address.
                    WriteInputRow(writer, layer, groups, "i", unit => layer.WeightOffset + unit == 0 ? $"(nuint)i * {layer.Units}" : $"{layer.WeightOffset + unit} + ((nuint)i * {layer.Units})", Element("dx", "i"));
                }
            }
        }

        writer.Line();
    }

    /// <summary>
    /// Writes row i of ∂L/∂Wᵀ (unit k of it at <paramref name="offset"/>(k) in the gradient) as the input times delta, and,
    /// above the first layer, ∂L/∂xᵢ as the dot product of row i of Wᵀ with delta: the products of each register width
    /// added up in a register, then across its lanes.
    /// </summary>
    private static void WriteInputRow(IndentedTextWriter writer, DenseLayerPlan layer, List<RegisterGroup> groups, string index, Func<int, string> offset, string inputDelta)
    {
        string input = Element("input", index);
        string Offset(RegisterGroup group) => offset(group.First);

        var scalarTerms = new List<string>();
        foreach (RegisterGroup group in groups)
        {
            if (group.Width == 1)
            {
                writer.Line($"{Element("g", Offset(group))} = {input} * {Delta(group)};");
                scalarTerms.Add($"({Element("w", Offset(group))} * {Delta(group)})");
            }
            else
            {
                writer.Line($"StoreScaled(ref input, {index}, {Delta(group)}, ref g, {Offset(group)});");
            }
        }

        if (layer.Number == 1)
        {
            return;
        }

        // One sum across lanes per register width, after the products of that width's registers are added.
        IEnumerable<string> vectorSums = groups
            .Where(static group => group.Width > 1)
            .GroupBy(static group => group.Width)
            .Select(width => width.Count() == 1
                ? $"Dot(ref w, {Offset(width.First())}, {Delta(width.First())})"
                : $"{width.First().Type}.Sum({string.Join(" + ", width.Select(group => $"({group.Type}.LoadUnsafe(ref w, {Offset(group)}) * {Delta(group)})"))})");
        writer.Line($"{inputDelta} = {string.Join(" + ", vectorSums.Concat(scalarTerms))};");
    }

    private static string Element(string reference, int offset) => Element(reference, offset.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static string Element(string reference, string offset) => $"Rcs::Unsafe.Add(ref {reference}, {offset})";
}
