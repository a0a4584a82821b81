using System;
using System.Collections.Generic;
using System.Linq;
using CompiledNN.Generators.Emit.Layers;
using CompiledNN.Generators.Model;
using CompiledNN.Generators.Planning;

namespace CompiledNN.Generators.Emit;

/// <summary>
/// Writes the forward pass of one row (<c>Predict</c>, <c>PredictClass</c>). When every layer is small,
/// <c>ForwardInRegisters</c> computes the whole row as straight-line SIMD code with constant offsets into the transposed
/// weights: one register per 16 units (then 8, 4), each input broadcast (from the input row, then from the previous
/// layer's register by a constant permute, never through memory) and fused-multiply-added, and the activation applied in
/// the register. Each layer is also one method (what the forward pass calls otherwise, and what training on one row
/// calls): for a small layer, straight-line code as above that stores its activations for the next layer; for a large
/// layer, the matrix kernel for one row. Every register sums in the matrix kernels' order, one chain of fused
/// multiply-adds from the bias over the inputs in order, so a row has the same bits whichever of these paths computes
/// it. The straight-line code needs .NET 9's <c>FusedMultiplyAdd</c> and an AVX-512 processor; the whole row in registers
/// also has a form of 8-float registers for AVX2 and FMA (NativeAOT's x86-64-v3); elsewhere the kernel runs.
/// </summary>
internal static class RowEmitter
{
    /// <summary>The row in registers of 16 floats (AVX-512).</summary>
    public const string InRegisters512 = "ForwardInRegisters";

    /// <summary>The row in registers of 8 floats (AVX2 and FMA).</summary>
    public const string InRegisters256 = "ForwardInRegisters256";

    public static void WriteMembers(IndentedTextWriter writer, NetworkPlan network)
    {
        // The per-layer methods are written even when the whole row runs in registers: training on one row calls them,
        // because backpropagation needs every layer's activations in memory.
        foreach (LayerEmitter layer in LayerEmitter.For(network))
        {
            layer.WriteRowMembers(writer);
        }

        if (network.RowInRegisters)
        {
            WriteForwardInRegisters(writer, network, widest: 16);
        }

        if (network.RowInRegisters256 && network.RowInRegistersUses512)
        {
            WriteForwardInRegisters(writer, network, widest: 8);
        }

        if (network.RowInRegisters || network.DenseLayers.Any(static layer => layer.StraightLine))
        {
            WriteTerms(writer);
        }
    }

    /// <summary>
    /// The terms of the straight-line code, for each register width: a fused multiply-add of a register (or an input
    /// broadcast) with the weights at a constant offset, ReLU, a lane broadcast by a constant permute, and the lower half.
    /// Inlined, they are the same instructions as the expressions written out at every term, in fewer bytes for the
    /// compiler to bind.
    /// </summary>
    private static void WriteTerms(IndentedTextWriter writer)
    {
        writer.Line("#if NET9_0_OR_GREATER");
        foreach (string type in new[] { "Simd::Vector512", "Simd::Vector256", "Simd::Vector128" })
        {
            string vector = type + "<float>";
            writer.Line(AggressiveInlining);
            writer.Line($"private static {vector} Fma({vector} x, ref float w, nuint i, {vector} s) => {type}.FusedMultiplyAdd(x, {type}.LoadUnsafe(ref w, i), s);");
            writer.Line();
            writer.Line(AggressiveInlining);
            writer.Line($"private static {vector} Fma(ref float x, int j, ref float w, nuint i, {vector} s) => {type}.FusedMultiplyAdd({type}.Create(Rcs::Unsafe.Add(ref x, j)), {type}.LoadUnsafe(ref w, i), s);");
            writer.Line();
            writer.Line(AggressiveInlining);
            writer.Line($"private static {vector} Relu({vector} s) => {type}.ConditionalSelect({type}.GreaterThan(s, {vector}.Zero), s, {vector}.Zero);");
            writer.Line();
            writer.Line(AggressiveInlining);
            writer.Line($"private static {vector} Lane({vector} s, int k) => {type}.Shuffle(s, {type}.Create(k));");
            writer.Line();
        }

        writer.Line(AggressiveInlining);
        writer.Line("private static Simd::Vector256<float> Lower(Simd::Vector512<float> s) => Simd::Vector512.GetLower(s);");
        writer.Line();
        writer.Line(AggressiveInlining);
        writer.Line("private static Simd::Vector128<float> Lower(Simd::Vector256<float> s) => Simd::Vector256.GetLower(s);");
        writer.Line();

        writer.Line("#endif");
        writer.Line();
    }

    public const string AggressiveInlining = "[Rcs::MethodImpl(Rcs::MethodImplOptions.AggressiveInlining)]";

    /// <summary>A dense layer's <c>DenseNRow</c>: straight-line code for a small layer, the matrix kernel otherwise.</summary>
    public static void WriteLayerRow(IndentedTextWriter writer, NetworkPlan network, DenseLayerPlan layer)
    {
        if (layer.StraightLine)
        {
            WriteStraightLineRow(writer, network, layer);
        }
        else
        {
            WriteKernelRow(writer, layer);
        }
    }

    private static void WriteKernelRow(IndentedTextWriter writer, DenseLayerPlan layer)
    {
        writer.Line($"/// <summary>{layer.Name} activations of one row, through the matrix kernel.</summary>");
        using (writer.Block($"private void {layer.Name}Row({Names.ReadOnlySpan} x, {Names.Span} a)"))
        {
            bool rectify = layer.Activation == Activation.ReLU;
            ForwardEmitter.WriteRowLinear(writer, layer, "x", "a", packed: true, shareUnits: true, rectify);
            if (!rectify)
            {
                ForwardEmitter.WriteActivation(writer, layer, "a", "a", "1");
            }
        }

        writer.Line();
    }

    /// <summary>
    /// A small layer's row as straight-line code: one chain of fused multiply-adds per register over the inputs in order
    /// from the bias, the matrix kernels' order (the registers' chains are independent, so they still overlap).
    /// </summary>
    private static void WriteStraightLineRow(IndentedTextWriter writer, NetworkPlan network, DenseLayerPlan layer)
    {
        // Not inlined into its caller: there, its term helpers would compete with the caller's other inlines for the JIT's
        // budget, and with dynamic PGO they lost it and stayed calls (128-64-10's row three times slower).
        writer.Line($"/// <summary>{layer.Name} activations of one row as straight-line SIMD code (weights Wᵀ at constant offsets), summed in the matrix kernels' order.</summary>");
        using (writer.Block($"private void {layer.Name}Row({Names.ReadOnlySpan} x, {Names.Span} a)"))
        {
            writer.Line("#if NET9_0_OR_GREATER");
            using (writer.Block("if (Simd::Vector512.IsHardwareAccelerated)"))
            {
                writer.Line($"x = x.Slice(0, {layer.Inputs});");
                writer.Line($"a = a.Slice(0, {layer.Units});");
                writer.Line("ref float w = ref _parameters.Origin;");
                writer.Line("ref float input = ref Ris::MemoryMarshal.GetReference(x);");
                writer.Line("ref float output = ref Ris::MemoryMarshal.GetReference(a);");
                foreach (RegisterGroup group in RegisterGroup.ForRow(layer.Units))
                {
                    WriteGroup(writer, network, layer, group);
                }

                writer.Line("return;");
            }

            writer.Line("#endif");
            writer.Line($"{layer.Name}Linear(x, a, 1);");
            ForwardEmitter.WriteActivation(writer, layer, "a", "a", "1");
        }

        writer.Line();
    }

    private static void WriteGroup(IndentedTextWriter writer, NetworkPlan network, DenseLayerPlan layer, RegisterGroup group)
    {
        string s = $"s{group.First}";
        // Every weight load must stay inside the parameter block; a 4-lane load of the last 1–3 units may run past it only
        // in the last layer, and then reads the bias from scalars, and the weights too when even they would run past.
        int lastWeight = layer.WeightOffset + ((layer.Inputs - 1) * layer.Units) + group.First + group.Width - 1;
        if (lastWeight >= network.ParameterCount)
        {
            WriteScalarGroup(writer, layer, group);
            return;
        }

        WriteRegisterSum(writer, network, layer, group, s, "input", i => $"{group.Type}.Create(Rcs::Unsafe.Add(ref input, {i}))");
        switch (layer.Activation)
        {
            case Activation.ReLU:
                writer.Line($"{s} = Relu({s});");
                break;
            case Activation.LeakyReLU:
                writer.Line($"{s} = {group.Type}.ConditionalSelect({group.Type}.GreaterThan({s}, {group.Type}<float>.Zero), {s}, {s} * {IndentedTextWriter.Float(layer.Alpha)});");
                break;
        }

        if (group.Used == group.Width)
        {
            writer.Line($"{group.Type}.StoreUnsafe({s}, ref output, {group.First});");
        }
        else
        {
            for (int k = 0; k < group.Used; k++)
            {
                writer.Line($"Rcs::Unsafe.Add(ref output, {group.First + k}) = {group.Type}.GetElement({s}, {k});");
            }
        }

        if (layer.Activation is not (Activation.ReLU or Activation.LeakyReLU or Activation.Identity) && group == RegisterGroup.ForRow(layer.Units).Last())
        {
            ForwardEmitter.WriteActivation(writer, layer, "a", "a", "1");
        }
    }

    private static void WriteScalarGroup(IndentedTextWriter writer, DenseLayerPlan layer, RegisterGroup group)
    {
        for (int k = 0; k < group.Used; k++)
        {
            int j = group.First + k;
            string s = $"s{j}";
            writer.Line($"float {s} = Rcs::Unsafe.Add(ref w, {layer.BiasOffset + j});");
            for (int i = 0; i < layer.Inputs; i++)
            {
                writer.Line($"{s} = Sys::MathF.FusedMultiplyAdd(Rcs::Unsafe.Add(ref input, {i}), Rcs::Unsafe.Add(ref w, {layer.WeightOffset + (i * layer.Units) + j}), {s});");
            }

            if (layer.Activation is Activation.ReLU or Activation.LeakyReLU)
            {
                string negative = layer.Activation == Activation.ReLU ? "0f" : $"{s} * {IndentedTextWriter.Float(layer.Alpha)}";
                writer.Line($"{s} = {s} > 0f ? {s} : {negative};");
            }
            writer.Line($"Rcs::Unsafe.Add(ref output, {j}) = {s};");
        }

        if (layer.Activation is not (Activation.ReLU or Activation.LeakyReLU or Activation.Identity))
        {
            ForwardEmitter.WriteActivation(writer, layer, "a", "a", "1");
        }
    }

    /// <summary>
    /// <c>ForwardInRegisters</c> with registers of up to <paramref name="widest"/> floats: 16 for AVX-512, 8 for AVX2
    /// (<c>ForwardInRegisters256</c>). Each unit is the same chain in both, so they give the same bits.
    /// </summary>
    private static void WriteForwardInRegisters(IndentedTextWriter writer, NetworkPlan network, int widest)
    {
        string needs = widest >= 16 && network.RowInRegisters256 && !network.RowInRegistersUses512
            ? "AVX-512, or AVX2 and FMA (no register is wider than 8 floats)"
            : widest >= 16
            ? "AVX-512 (<see cref=\"Simd::Vector512.IsHardwareAccelerated\"/>)"
            : "AVX2 and FMA (<see cref=\"Simd::Vector256.IsHardwareAccelerated\"/>, <see cref=\"Simd::X86.Fma.IsSupported\"/>)";
        writer.Line("#if NET9_0_OR_GREATER");
        writer.Line("/// <summary>");
        writer.Line("/// The forward pass of one checked row in registers: <c>denseN_j</c> holds DenseN's units from j on, each input is broadcast");
        writer.Line("/// (from the input row, then from the previous layer's registers lane by lane) and fused-multiply-added in order from the bias,");
        writer.Line($"/// the matrix kernels' order, and only the last layer is stored{(network.Output.Activation == Activation.Softmax ? ", before its softmax, which the caller runs" : string.Empty)}. Needs {needs}.");
        writer.Line("/// </summary>");
        using (writer.Block($"private void {(widest >= 16 ? InRegisters512 : InRegisters256)}({Names.ReadOnlySpan} input, {Names.Span} output)"))
        {
            writer.Line("ref float w = ref _parameters.Origin;");
            writer.Line("ref float x = ref Ris::MemoryMarshal.GetReference(input);");
            writer.Line("ref float y = ref Ris::MemoryMarshal.GetReference(output);");
            // Planned only when every layer is dense.
            DenseLayerPlan? previous = null;
            foreach (DenseLayerPlan layer in network.DenseLayers)
            {
                List<RegisterGroup> groups = RegisterGroup.ForRow(layer.Units, widest);
                string source = previous is null ? "the input row" : $"{previous.Name}'s registers";
                writer.Line($"// {layer.Name}: {layer.Units} units of {layer.Inputs} inputs from {source}, {layer.Activation}.");
                foreach (RegisterGroup group in groups)
                {
                    WriteRegisterSum(writer, network, layer, group, Register(layer, group), previous is null ? "x" : null, i => Broadcast(previous, group, i, widest));
                }

                foreach (RegisterGroup group in groups)
                {
                    WriteRegisterActivation(writer, layer, group, Register(layer, group));
                }

                previous = layer;
            }

            WriteRegisterOutput(writer, (DenseLayerPlan)network.Output, widest);
        }

        writer.Line("#endif");
        writer.Line();
    }

    private static string Register(DenseLayerPlan layer, RegisterGroup group) => $"{layer.Name.ToLowerInvariant()}_{group.First}";

    /// <summary>Input <paramref name="i"/> in every lane of a register as wide as <paramref name="group"/>'s.</summary>
    private static string Broadcast(DenseLayerPlan? previous, RegisterGroup group, int i, int widest)
    {
        if (previous is null)
        {
            return $"{group.Type}.Create(Rcs::Unsafe.Add(ref x, {i}))";
        }

        RegisterGroup source = RegisterGroup.ForRow(previous.Units, widest).Last(g => g.First <= i);
        string register = $"{previous.Name.ToLowerInvariant()}_{source.First}";
        int lane = i - source.First;
        string shuffle = $"Lane({register}, {lane})";
        if (source.Width < group.Width)
        {
            return $"{group.Type}.Create({source.Type}.GetElement({register}, {lane}))";
        }

        // A narrower register takes the lower part of the shuffled one: one permute per input, as for the same width.
        for (int width = source.Width; width > group.Width; width /= 2)
        {
            shuffle = $"Lower({shuffle})";
        }

        return shuffle;
    }

    /// <summary>
    /// One chain of fused multiply-adds from the bias over the inputs in order, as the matrix kernels sum each unit; each input
    /// is broadcast from element i of <paramref name="row"/>, or, without one, is the register <paramref name="input"/> gives.
    /// </summary>
    private static void WriteRegisterSum(IndentedTextWriter writer, NetworkPlan network, DenseLayerPlan layer, RegisterGroup group, string register, string? row, Func<int, string> input)
    {
        // The unused lanes of a last group of 1–3 units load the next floats of the block; at its very end, they are zeros instead.
        int lastWeight = layer.WeightOffset + ((layer.Inputs - 1) * layer.Units) + group.First + group.Width - 1;
        bool weightsInBlock = lastWeight < network.ParameterCount;
        bool biasInBlock = layer.BiasOffset + group.First + group.Width - 1 < network.ParameterCount;
        writer.Line($"{group.Vector} {register} = {Load(group, layer.BiasOffset + group.First, biasInBlock)};");
        for (int i = 0; i < layer.Inputs; i++)
        {
            int offset = layer.WeightOffset + (i * layer.Units) + group.First;
            if (weightsInBlock)
            {
                writer.Line($"{register} = Fma({(row is null ? input(i) : $"ref {row}, {i}")}, ref w, {offset}, {register});");
            }
            else
            {
                writer.Line($"{register} = {group.Type}.FusedMultiplyAdd({input(i)}, {Load(group, offset, inBlock: false)}, {register});");
            }
        }
    }

    /// <summary>A register of <paramref name="group"/>'s floats at <paramref name="offset"/>: one load, or lane by lane where a load would run past the parameter block.</summary>
    private static string Load(RegisterGroup group, int offset, bool inBlock) => inBlock
        ? $"{group.Type}.LoadUnsafe(ref w, {offset})"
        : $"{group.Type}.Create({string.Join(", ", Enumerable.Range(0, group.Width).Select(k => k < group.Used ? $"Rcs::Unsafe.Add(ref w, {offset + k})" : "0f"))})";

    /// <summary>The activation on a register: the lane functions the span functions run, so the same bits (Softmax runs on the stored output).</summary>
    private static void WriteRegisterActivation(IndentedTextWriter writer, LayerPlan layer, RegisterGroup group, string register)
    {
        string? activation = layer.Activation switch
        {
            Activation.ReLU => $"Relu({register})",
            Activation.LeakyReLU => $"{group.Type}.ConditionalSelect({group.Type}.GreaterThan({register}, {group.Type}<float>.Zero), {register}, {register} * {IndentedTextWriter.Float(layer.Alpha)})",
            Activation.ELU => $"{Names.Activations}.ELU({register}, {IndentedTextWriter.Float(layer.Alpha)})",
            Activation.Sigmoid or Activation.Tanh or Activation.GELU or Activation.SiLU or Activation.Mish => $"{Names.Activations}.{layer.Activation}({register})",
            _ => null, // Identity, and Softmax, which runs on the stored output.
        };
        if (activation is not null)
        {
            writer.Line($"{register} = {activation};");
        }
    }

    private static void WriteRegisterOutput(IndentedTextWriter writer, DenseLayerPlan output, int widest)
    {
        foreach (RegisterGroup group in RegisterGroup.ForRow(output.Units, widest))
        {
            string register = Register(output, group);
            if (group.Used == group.Width)
            {
                writer.Line($"{group.Type}.StoreUnsafe({register}, ref y, {group.First});");
            }
            else
            {
                for (int k = 0; k < group.Used; k++)
                {
                    writer.Line($"Rcs::Unsafe.Add(ref y, {group.First + k}) = {group.Type}.GetElement({register}, {k});");
                }
            }
        }
    }
}
