using System;
using System.Collections.Generic;
using System.Linq;
using CompiledNN.Generators.Model;

namespace CompiledNN.Generators.Emit;

/// <summary>
/// Writes the forward pass of one row (<c>Predict</c>, <c>PredictClass</c>): one method per layer that computes its
/// activations. Small (unrolled) layers become straight-line SIMD code with constant offsets into the transposed
/// weights: one register per 16 units (then 8, 4), each input broadcast and fused-multiply-added, the sum over inputs
/// split between up to four independent registers so the additions do not wait on each other, and ReLU applied in
/// the register. Large layers call the matrix kernel for one row. The straight-line code needs .NET 9's
/// <c>FusedMultiplyAdd</c> and an AVX-512 processor; elsewhere the kernel runs.
/// </summary>
internal static class RowEmitter
{
    /// <summary>Independent partial sums per register: enough to hide the latency of the fused multiply-add.</summary>
    private const int PartialSums = 4;

    public static void WriteMembers(IndentedTextWriter writer, NetworkSpec network)
    {
        foreach (LayerSpec layer in network.Layers)
        {
            if (layer.Unrolled)
            {
                WriteStraightLineRow(writer, network, layer);
            }
            else
            {
                WriteKernelRow(writer, layer);
            }
        }
    }

    private static void WriteKernelRow(IndentedTextWriter writer, LayerSpec layer)
    {
        writer.Line($"/// <summary>{layer.Name} activations of one row, through the matrix kernel.</summary>");
        using (writer.Block($"private void {layer.Name}Row({Names.ReadOnlySpan} x, {Names.Span} a)"))
        {
            writer.Line($"{layer.Name}Linear(x, a, 1);");
            ForwardEmitter.WriteActivation(writer, layer, "a", "a", "1");
        }

        writer.Line();
    }

    /// <summary>A run of units computed in one register: its first unit, its width, and how many of its lanes are units.</summary>
    private sealed record Group(int First, int Width, int Used)
    {
        public string Vector => Width == 1 ? "float" : $"global::System.Runtime.Intrinsics.Vector{Width * 32}<float>";

        public string Type => $"global::System.Runtime.Intrinsics.Vector{Width * 32}";
    }

    private static List<Group> Groups(int units)
    {
        var groups = new List<Group>();
        int j = 0;
        foreach (int width in new[] { 16, 8, 4 })
        {
            for (; units - j >= width; j += width)
            {
                groups.Add(new Group(j, width, width));
            }
        }

        if (j < units)
        {
            // The last 1–3 units share one 4-lane register; the unused lanes read the next floats of the block and are never stored.
            groups.Add(new Group(j, 4, units - j));
        }

        return groups;
    }

    private static void WriteStraightLineRow(IndentedTextWriter writer, NetworkSpec network, LayerSpec layer)
    {
        writer.Line($"/// <summary>{layer.Name} activations of one row as straight-line SIMD code (weights Wᵀ at constant offsets).</summary>");
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
                List<Group> groups = Groups(layer.Units);
                int partials = Math.Max(1, Math.Min(layer.Inputs, PartialSums / groups.Count));
                foreach (Group group in groups)
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

    private static void WriteGroup(IndentedTextWriter writer, NetworkSpec network, LayerSpec layer, Group group, int partials)
    {
        string s = $"s{group.First}";
        // Every weight load must stay inside the parameter block; a 4-lane load of the last 1–3 units may run past it only
        // in the last layer, and then reads the bias from scalars, and the weights too when even they would run past.
        int lastWeight = layer.WeightOffset + ((layer.Inputs - 1) * layer.Units) + group.First + group.Width - 1;
        bool weightsInBlock = lastWeight < network.ParameterCount;
        bool biasInBlock = layer.BiasOffset + group.First + group.Width - 1 < network.ParameterCount;
        if (!weightsInBlock)
        {
            WriteScalarGroup(writer, layer, group, partials);
            return;
        }

        string bias = biasInBlock
            ? $"{group.Type}.LoadUnsafe(ref w, {layer.BiasOffset + group.First})"
            : $"{group.Type}.Create({string.Join(", ", Enumerable.Range(0, group.Width).Select(k => k < group.Used ? $"global::System.Runtime.CompilerServices.Unsafe.Add(ref w, {layer.BiasOffset + group.First + k})" : "0f"))})";
        writer.Line($"{group.Vector} {s}_0 = {bias};");
        for (int p = 1; p < partials; p++)
        {
            writer.Line($"{group.Vector} {s}_{p} = {group.Type}<float>.Zero;");
        }

        for (int i = 0; i < layer.Inputs; i++)
        {
            int p = i % partials;
            int offset = layer.WeightOffset + (i * layer.Units) + group.First;
            writer.Line($"{s}_{p} = {group.Type}.FusedMultiplyAdd({group.Type}.Create(global::System.Runtime.CompilerServices.Unsafe.Add(ref input, {i})), {group.Type}.LoadUnsafe(ref w, {offset}), {s}_{p});");
        }

        writer.Line($"{group.Vector} {s} = {Combine(s, partials)};");
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

        if (layer.Activation is not (Activation.ReLU or Activation.LeakyReLU or Activation.Identity) && group == Groups(layer.Units).Last())
        {
            ForwardEmitter.WriteActivation(writer, layer, "a", "a", "1");
        }
    }

    private static void WriteScalarGroup(IndentedTextWriter writer, LayerSpec layer, Group group, int partials)
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

    /// <summary>The partial sums added pairwise, e.g. <c>(s_0 + s_1) + (s_2 + s_3)</c>.</summary>
    private static string Combine(string s, int partials) => partials switch
    {
        1 => $"{s}_0",
        2 => $"{s}_0 + {s}_1",
        3 => $"({s}_0 + {s}_1) + {s}_2",
        _ => $"({s}_0 + {s}_1) + ({s}_2 + {s}_3)",
    };
}
