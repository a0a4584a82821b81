using System;
using System.Collections.Generic;
using System.Linq;
using CompiledNN.Generators.Model;
using CompiledNN.Generators.Planning;

namespace CompiledNN.Generators.Emit;

/// <summary>
/// Writes the forward pass of one row (<c>Predict</c>, <c>PredictClass</c>). When every layer is small,
/// <c>ForwardInRegisters</c> computes the whole row as straight-line SIMD code with constant offsets into the transposed
/// weights: one register per 16 units (then 8, 4), each input broadcast (from the input row, then from the previous
/// layer's register by a constant permute, never through memory) and fused-multiply-added, the sum over inputs split
/// between up to four independent registers, and the activation applied in the register. Each layer is also one
/// method (what the forward pass calls otherwise, and what training on one row calls): for a small layer, straight-line
/// code as above that stores its activations for the next layer (in a network that does not run in registers, summed in
/// the matrix kernels' order, whose bits its batches reproduce); for a large layer, the matrix kernel for one row. The
/// straight-line code needs .NET 9's <c>FusedMultiplyAdd</c> and an AVX-512 processor; elsewhere the kernel runs.
/// </summary>
internal static class RowEmitter
{
    /// <summary>Independent partial sums per register: enough to hide the latency of the fused multiply-add.</summary>
    private const int PartialSums = 4;

    /// <summary>
    /// Partial sums per layer when a whole row runs in registers, shared among its registers of units: each layer's sum is
    /// on the row's critical path, so eight chains of fused multiply-adds (of 32 registers) shorten it further than four.
    /// </summary>
    private const int InRegisterPartialSums = 8;

    public static void WriteMembers(IndentedTextWriter writer, NetworkPlan network)
    {
        // The per-layer methods are written even when the whole row runs in registers: training on one row calls them,
        // because backpropagation needs every layer's activations in memory. In a network with a large layer, batches
        // take the kernels for every layer, so a small layer's row code sums in the kernels' order to give their bits.
        bool inRegisters = network.RowInRegisters;
        foreach (LayerPlan layer in network.Layers)
        {
            if (layer.StraightLine)
            {
                WriteStraightLineRow(writer, network, layer, kernelOrder: !inRegisters);
            }
            else
            {
                WriteKernelRow(writer, layer);
            }
        }

        if (inRegisters)
        {
            WriteForwardInRegisters(writer, network);
        }
    }

    private static void WriteKernelRow(IndentedTextWriter writer, LayerPlan layer)
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
    /// A small layer's row as straight-line code: its sum over the inputs split between independent partial sums, or with
    /// <paramref name="kernelOrder"/>, one chain of fused multiply-adds per register over the inputs in order from the
    /// bias, the matrix kernels' order (the registers' chains are independent, so they still overlap).
    /// </summary>
    private static void WriteStraightLineRow(IndentedTextWriter writer, NetworkPlan network, LayerPlan layer, bool kernelOrder)
    {
        writer.Line(kernelOrder
            ? $"/// <summary>{layer.Name} activations of one row as straight-line SIMD code (weights Wᵀ at constant offsets), summed in the matrix kernels' order.</summary>"
            : $"/// <summary>{layer.Name} activations of one row as straight-line SIMD code (weights Wᵀ at constant offsets).</summary>");
        writer.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
        using (writer.Block($"private void {layer.Name}Row({Names.ReadOnlySpan} x, {Names.Span} a)"))
        {
            writer.Line("#if NET9_0_OR_GREATER");
            using (writer.Block("if (global::System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated)"))
            {
                writer.Line($"x = x.Slice(0, {layer.Inputs});");
                writer.Line($"a = a.Slice(0, {layer.Units});");
                writer.Line("ref float w = ref global::System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(_parameters);");
                writer.Line("ref float input = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(x);");
                writer.Line("ref float output = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(a);");
                List<RegisterGroup> groups = RegisterGroup.ForRow(layer.Units);
                int partials = kernelOrder ? 1 : Math.Max(1, Math.Min(layer.Inputs, PartialSums / groups.Count));
                foreach (RegisterGroup group in groups)
                {
                    WriteGroup(writer, network, layer, group, partials);
                }

                writer.Line("return;");
            }

            writer.Line("#endif");
            writer.Line($"{layer.Name}Linear(x, a, 1);");
            ForwardEmitter.WriteActivation(writer, layer, "a", "a", "1");
        }

        writer.Line();
    }

    private static void WriteGroup(IndentedTextWriter writer, NetworkPlan network, LayerPlan layer, RegisterGroup group, int partials)
    {
        string s = $"s{group.First}";
        // Every weight load must stay inside the parameter block; a 4-lane load of the last 1–3 units may run past it only
        // in the last layer, and then reads the bias from scalars, and the weights too when even they would run past.
        int lastWeight = layer.WeightOffset + ((layer.Inputs - 1) * layer.Units) + group.First + group.Width - 1;
        if (lastWeight >= network.ParameterCount)
        {
            WriteScalarGroup(writer, layer, group, partials);
            return;
        }

        WriteRegisterSum(writer, network, layer, group, partials, s, i => $"{group.Type}.Create(global::System.Runtime.CompilerServices.Unsafe.Add(ref input, {i}))");
        switch (layer.Activation)
        {
            case Activation.ReLU:
                writer.Line($"{s} = {group.Type}.ConditionalSelect({group.Type}.GreaterThan({s}, {group.Type}<float>.Zero), {s}, {group.Type}<float>.Zero);");
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
                writer.Line($"global::System.Runtime.CompilerServices.Unsafe.Add(ref output, {group.First + k}) = {group.Type}.GetElement({s}, {k});");
            }
        }

        if (layer.Activation is not (Activation.ReLU or Activation.LeakyReLU or Activation.Identity) && group == RegisterGroup.ForRow(layer.Units).Last())
        {
            ForwardEmitter.WriteActivation(writer, layer, "a", "a", "1");
        }
    }

    private static void WriteScalarGroup(IndentedTextWriter writer, LayerPlan layer, RegisterGroup group, int partials)
    {
        for (int k = 0; k < group.Used; k++)
        {
            int j = group.First + k;
            string s = $"s{j}";
            writer.Line($"float {s}_0 = global::System.Runtime.CompilerServices.Unsafe.Add(ref w, {layer.BiasOffset + j});");
            for (int p = 1; p < partials; p++)
            {
                writer.Line($"float {s}_{p} = 0f;");
            }

            for (int i = 0; i < layer.Inputs; i++)
            {
                int p = i % partials;
                writer.Line($"{s}_{p} = global::System.MathF.FusedMultiplyAdd(global::System.Runtime.CompilerServices.Unsafe.Add(ref input, {i}), global::System.Runtime.CompilerServices.Unsafe.Add(ref w, {layer.WeightOffset + (i * layer.Units) + j}), {s}_{p});");
            }

            string sum = Combine(s, partials);
            writer.Line($"float {s} = {sum};");
            if (layer.Activation is Activation.ReLU or Activation.LeakyReLU)
            {
                string negative = layer.Activation == Activation.ReLU ? "0f" : $"{s} * {IndentedTextWriter.Float(layer.Alpha)}";
                writer.Line($"{s} = {s} > 0f ? {s} : {negative};");
            }
            writer.Line($"global::System.Runtime.CompilerServices.Unsafe.Add(ref output, {j}) = {s};");
        }

        if (layer.Activation is not (Activation.ReLU or Activation.LeakyReLU or Activation.Identity))
        {
            ForwardEmitter.WriteActivation(writer, layer, "a", "a", "1");
        }
    }

    private static void WriteForwardInRegisters(IndentedTextWriter writer, NetworkPlan network)
    {
        writer.Line("#if NET9_0_OR_GREATER");
        writer.Line("/// <summary>");
        writer.Line("/// The forward pass of one checked row in registers: <c>denseN_j</c> holds DenseN's units from j on, each input is broadcast");
        writer.Line("/// (from the input row, then from the previous layer's registers lane by lane) and fused-multiply-added into partial sums");
        writer.Line("/// <c>denseN_j_p</c>, and only the last layer is stored. Needs AVX-512 (<see cref=\"global::System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated\"/>).");
        writer.Line("/// </summary>");
        using (writer.Block($"private void ForwardInRegisters({Names.ReadOnlySpan} input, {Names.Span} output)"))
        {
            writer.Line("ref float w = ref global::System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(_parameters);");
            writer.Line("ref float x = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(input);");
            writer.Line("ref float y = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(output);");
            LayerPlan? previous = null;
            foreach (LayerPlan layer in network.Layers)
            {
                List<RegisterGroup> groups = RegisterGroup.ForRow(layer.Units);
                int partials = Math.Max(1, Math.Min(layer.Inputs, InRegisterPartialSums / groups.Count));
                string source = previous is null ? "the input row" : $"{previous.Name}'s registers";
                writer.Line($"// {layer.Name}: {layer.Units} units of {layer.Inputs} inputs from {source}, {layer.Activation}.");
                foreach (RegisterGroup group in groups)
                {
                    WriteRegisterSum(writer, network, layer, group, partials, Register(layer, group), i => Broadcast(previous, group, i));
                }

                foreach (RegisterGroup group in groups)
                {
                    WriteRegisterActivation(writer, layer, group, Register(layer, group), groups.Count);
                }

                previous = layer;
            }

            WriteRegisterOutput(writer, network.Output);
        }

        writer.Line("#endif");
        writer.Line();
    }

    private static string Register(LayerPlan layer, RegisterGroup group) => $"{layer.Name.ToLowerInvariant()}_{group.First}";

    /// <summary>Input <paramref name="i"/> in every lane of a register as wide as <paramref name="group"/>'s.</summary>
    private static string Broadcast(LayerPlan? previous, RegisterGroup group, int i)
    {
        if (previous is null)
        {
            return $"{group.Type}.Create(global::System.Runtime.CompilerServices.Unsafe.Add(ref x, {i}))";
        }

        RegisterGroup source = RegisterGroup.ForRow(previous.Units).Last(g => g.First <= i);
        string register = $"{previous.Name.ToLowerInvariant()}_{source.First}";
        int lane = i - source.First;
        string shuffle = $"{source.Type}.Shuffle({register}, {source.Type}.Create({lane}))";
        if (source.Width < group.Width)
        {
            return $"{group.Type}.Create({source.Type}.GetElement({register}, {lane}))";
        }

        // A narrower register takes the lower part of the shuffled one: one permute per input, as for the same width.
        for (int width = source.Width; width > group.Width; width /= 2)
        {
            shuffle = $"global::System.Runtime.Intrinsics.Vector{width * 32}.GetLower({shuffle})";
        }

        return shuffle;
    }

    private static void WriteRegisterSum(IndentedTextWriter writer, NetworkPlan network, LayerPlan layer, RegisterGroup group, int partials, string register, Func<int, string> input)
    {
        // The unused lanes of a last group of 1–3 units load the next floats of the block; at its very end, they are zeros instead.
        int lastWeight = layer.WeightOffset + ((layer.Inputs - 1) * layer.Units) + group.First + group.Width - 1;
        bool weightsInBlock = lastWeight < network.ParameterCount;
        bool biasInBlock = layer.BiasOffset + group.First + group.Width - 1 < network.ParameterCount;
        writer.Line($"{group.Vector} {register}_0 = {Load(group, layer.BiasOffset + group.First, biasInBlock)};");
        for (int p = 1; p < partials; p++)
        {
            writer.Line($"{group.Vector} {register}_{p} = {group.Type}<float>.Zero;");
        }

        for (int i = 0; i < layer.Inputs; i++)
        {
            int p = i % partials;
            string weights = Load(group, layer.WeightOffset + (i * layer.Units) + group.First, weightsInBlock);
            writer.Line($"{register}_{p} = {group.Type}.FusedMultiplyAdd({input(i)}, {weights}, {register}_{p});");
        }

        writer.Line($"{group.Vector} {register} = {Combine(register, partials)};");
    }

    /// <summary>A register of <paramref name="group"/>'s floats at <paramref name="offset"/>: one load, or lane by lane where a load would run past the parameter block.</summary>
    private static string Load(RegisterGroup group, int offset, bool inBlock) => inBlock
        ? $"{group.Type}.LoadUnsafe(ref w, {offset})"
        : $"{group.Type}.Create({string.Join(", ", Enumerable.Range(0, group.Width).Select(k => k < group.Used ? $"global::System.Runtime.CompilerServices.Unsafe.Add(ref w, {offset + k})" : "0f"))})";

    private static void WriteRegisterActivation(IndentedTextWriter writer, LayerPlan layer, RegisterGroup group, string register, int groups)
    {
        string? activation = layer.Activation switch
        {
            Activation.ReLU => $"{group.Type}.ConditionalSelect({group.Type}.GreaterThan({register}, {group.Type}<float>.Zero), {register}, {group.Type}<float>.Zero)",
            Activation.LeakyReLU => $"{group.Type}.ConditionalSelect({group.Type}.GreaterThan({register}, {group.Type}<float>.Zero), {register}, {register} * {IndentedTextWriter.Float(layer.Alpha)})",
            Activation.ELU => $"{Names.Activations}.ELU({register}, {IndentedTextWriter.Float(layer.Alpha)})",
            Activation.Sigmoid or Activation.Tanh => $"{Names.Activations}.{layer.Activation}({register})",
            Activation.Softmax when groups == 1 => $"{Names.Activations}.Softmax({register}, {group.Used})",
            _ => null, // Identity; a softmax over several registers runs on the stored output.
        };
        if (activation is not null)
        {
            writer.Line($"{register} = {activation};");
        }
    }

    private static void WriteRegisterOutput(IndentedTextWriter writer, LayerPlan output)
    {
        List<RegisterGroup> groups = RegisterGroup.ForRow(output.Units);
        if (output.Activation == Activation.Softmax && groups.Count > 1 && output.Units <= 16)
        {
            WritePackedSoftmax(writer, output, groups);
            return;
        }

        foreach (RegisterGroup group in groups)
        {
            string register = $"{output.Name.ToLowerInvariant()}_{group.First}";
            if (group.Used == group.Width)
            {
                writer.Line($"{group.Type}.StoreUnsafe({register}, ref y, {group.First});");
            }
            else
            {
                for (int k = 0; k < group.Used; k++)
                {
                    writer.Line($"global::System.Runtime.CompilerServices.Unsafe.Add(ref y, {group.First + k}) = {group.Type}.GetElement({register}, {k});");
                }
            }
        }

        if (output.Activation == Activation.Softmax && groups.Count > 1)
        {
            writer.Line($"{Names.Activations}.Softmax(output, output);");
        }
    }

    /// <summary>A softmax output of several registers (e.g. 8 + 4 lanes for 10 classes), packed into one for the in-register softmax.</summary>
    private static void WritePackedSoftmax(IndentedTextWriter writer, LayerPlan output, List<RegisterGroup> groups)
    {
        int width = 4;
        while (width < output.Units)
        {
            width *= 2;
        }

        var packed = new RegisterGroup(0, width, output.Units);
        string register = output.Name.ToLowerInvariant();
        writer.Line($"// Softmax over the {output.Units} logits packed into one register.");
        writer.Line($"{packed.Vector} {register} = {Pack(output, groups, 0, width)};");
        writer.Line($"{register} = {Names.Activations}.Softmax({register}, {output.Units});");
        int stored = 0;
        if (output.Units >= width / 2)
        {
            writer.Line($"global::System.Runtime.Intrinsics.Vector{width * 16}.StoreUnsafe({packed.Type}.GetLower({register}), ref y, 0);");
            stored = width / 2;
        }

        for (int k = stored; k < output.Units; k++)
        {
            writer.Line($"global::System.Runtime.CompilerServices.Unsafe.Add(ref y, {k}) = {packed.Type}.GetElement({register}, {k});");
        }
    }

    /// <summary>The lanes <paramref name="first"/> to <paramref name="first"/> + <paramref name="width"/> − 1 of the output as one register, halves joined where no group is that wide.</summary>
    private static string Pack(LayerPlan output, List<RegisterGroup> groups, int first, int width)
    {
        if (groups.FirstOrDefault(g => g.First == first && g.Width == width) is { } group)
        {
            return Register(output, group);
        }

        if (first >= output.Units)
        {
            return $"global::System.Runtime.Intrinsics.Vector{width * 32}<float>.Zero";
        }

        return $"global::System.Runtime.Intrinsics.Vector{width * 32}.Create({Pack(output, groups, first, width / 2)}, {Pack(output, groups, first + (width / 2), width / 2)})";
    }

    /// <summary>The partial sums added pairwise, e.g. <c>(s_0 + s_1) + (s_2 + s_3)</c>.</summary>
    private static string Combine(string s, int partials) => Combine(s, 0, partials);

    private static string Combine(string s, int first, int count)
    {
        if (count == 1)
        {
            return $"{s}_{first}";
        }

        int half = (count + 1) / 2;
        string left = Combine(s, first, half);
        string right = Combine(s, first + half, count - half);
        return $"{(half > 1 ? $"({left})" : left)} + {(count - half > 1 ? $"({right})" : right)}";
    }
}
