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
/// layer's register by a permute, never through memory) and fused-multiply-added, and the activation applied in the
/// register; written out up to <see cref="Thresholds.InRegisterLoopTerms"/> multiply-adds, loops over the inputs beyond.
/// Training's row may call it too, and then it also stores the hidden activations. Each layer is also one method (what
/// the forward pass calls otherwise): for a small layer, loops over its inputs with constant bounds and offsets that store
/// its activations for the next layer; for a large layer, the matrix kernel for one row. Every register sums in the
/// matrix kernels' order, one chain of fused
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
            WriteTerms(writer, network.RowInRegisters && (network.RowInRegistersLoops(16) || network.RowInRegistersLoops(8)));
        }
    }

    /// <summary>
    /// The terms of the straight-line code, for each register width: a fused multiply-add of a register (or an input
    /// broadcast) with the weights at a constant offset, ReLU, a lane broadcast by a constant permute, and the lower half.
    /// Inlined, they are the same instructions as the expressions written out at every term, in fewer bytes for the
    /// compiler to bind.
    /// </summary>
    private static void WriteTerms(IndentedTextWriter writer, bool loops)
    {
        writer.Line("#if NET9_0_OR_GREATER");
        // Lane takes a constant lane, which Shuffle compiles best; LaneAt, for loops, the lane in the loop's index: the permute
        // instruction itself, which Shuffle with a variable index surrounds with a check that zeroes lanes out of range
        // (Shuffle remains where the instruction is missing, emulated).
        foreach ((string type, string permute) in new[] { ("Simd::Vector512", "Simd::X86.Avx512F.PermuteVar16x32"), ("Simd::Vector256", "Simd::X86.Avx2.PermuteVar8x32"), ("Simd::Vector128", "Simd::X86.Avx.PermuteVar") })
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
            if (loops)
            {
                writer.Line();
                writer.Line(AggressiveInlining);
                writer.Line($"private static {vector} LaneAt({vector} s, int k) => {permute.Substring(0, permute.LastIndexOf('.'))}.IsSupported ? {permute}(s, {type}.Create(k)) : {type}.Shuffle(s, {type}.Create(k));");
            }

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
        using (writer.OptimizedMethod($"private void {layer.Name}Row({Names.ReadOnlySpan} x, {Names.Span} a)"))
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
        using (writer.OptimizedMethod($"private void {layer.Name}Row({Names.ReadOnlySpan} x, {Names.Span} a)"))
        {
            // Without callers on AVX-512 (NetworkPlan.LayerRowsStraightLine), only the kernel below.
            if (network.LayerRowsStraightLine)
            {
                WriteStraightLineBranch(writer, network, layer);
            }

            writer.Line($"{layer.Name}Linear(x, a, 1);");
            ForwardEmitter.WriteActivation(writer, layer, "a", "a", "1");
        }

        writer.Line();
    }

    private static void WriteStraightLineBranch(IndentedTextWriter writer, NetworkPlan network, DenseLayerPlan layer)
    {
        writer.Line("#if NET9_0_OR_GREATER");
        using (writer.Block("if (Simd::Vector512.IsHardwareAccelerated)"))
        {
            writer.Line($"x = x.Slice(0, {layer.Inputs});");
            writer.Line($"a = a.Slice(0, {layer.Units});");
            writer.Line("ref float w = ref _parameters.Origin;");
            writer.Line("ref float input = ref Ris::MemoryMarshal.GetReference(x);");
            writer.Line("ref float output = ref Ris::MemoryMarshal.GetReference(a);");
            WriteGroups(writer, network, layer);
            writer.Line("return;");
        }

        writer.Line("#endif");
    }

    /// <summary>
    /// The registers of a layer's row from its inputs in memory, then each register's activation and store; the last 1–3
    /// units of the last layer go lane by lane where a register's loads would run past the parameter block.
    /// </summary>
    private static void WriteGroups(IndentedTextWriter writer, NetworkPlan network, DenseLayerPlan layer)
    {
        List<RegisterGroup> groups = RegisterGroup.ForRow(layer.Units);
        List<RegisterGroup> registers = groups.Where(group => WeightsInBlock(network, layer, group)).ToList();
        if (layer.RowLoops)
        {
            WriteRegisterSums(writer, network, layer, loops: true, registers, static group => $"s{group.First}", InputRun.FromRow("input", layer.Inputs));
        }

        foreach (RegisterGroup group in registers)
        {
            string s = $"s{group.First}";
            if (!layer.RowLoops)
            {
                WriteRegisterSums(writer, network, layer, loops: false, [group], static group => $"s{group.First}", InputRun.FromRow("input", layer.Inputs));
            }

            switch (layer.Activation)
            {
                case Activation.ReLU:
                    writer.Line($"{s} = Relu({s});");
                    break;
                case Activation.LeakyReLU:
                    writer.Line($"{s} = {group.Type}.ConditionalSelect({group.Type}.GreaterThan({s}, {group.Type}<float>.Zero), {s}, {s} * {IndentedTextWriter.Float(layer.Alpha)});");
                    break;
            }

            WriteStore(writer, group, s, "output");
        }

        foreach (RegisterGroup group in groups.Except(registers))
        {
            WriteScalarGroup(writer, layer, group);
        }

        if (layer.Activation is not (Activation.ReLU or Activation.LeakyReLU or Activation.Identity))
        {
            ForwardEmitter.WriteActivation(writer, layer, "a", "a", "1");
        }
    }

    /// <summary>Stores a register's units from <paramref name="at"/> on: one store when every lane is a unit, else lane by lane.</summary>
    private static void WriteStore(IndentedTextWriter writer, RegisterGroup group, string register, string destination, int at = 0)
    {
        if (group.Used == group.Width)
        {
            writer.Line($"{group.Type}.StoreUnsafe({register}, ref {destination}, {at + group.First});");
            return;
        }

        for (int k = 0; k < group.Used; k++)
        {
            writer.Line($"Rcs::Unsafe.Add(ref {destination}, {at + group.First + k}) = {group.Type}.GetElement({register}, {k});");
        }
    }

    /// <summary>
    /// The row in registers of this width also stores the hidden activations, into a span as long as the hidden layers
    /// (or none, for predictions): the AVX-512 form, which training's row calls (<see cref="NetworkPlan.TrainingRowInRegisters"/>).
    /// </summary>
    public static bool KeepsHidden(NetworkPlan network, int widest) => network.TrainingRowInRegisters && widest >= 16;

    /// <summary>Every weight load of the group's register stays inside the parameter block.</summary>
    private static bool WeightsInBlock(NetworkPlan network, DenseLayerPlan layer, RegisterGroup group) =>
        layer.WeightOffset + ((layer.Inputs - 1) * layer.Units) + group.First + group.Width - 1 < network.ParameterCount;

    private static void WriteScalarGroup(IndentedTextWriter writer, DenseLayerPlan layer, RegisterGroup group)
    {
        for (int k = 0; k < group.Used; k++)
        {
            int j = group.First + k;
            string s = $"s{j}";
            writer.Line($"float {s} = Rcs::Unsafe.Add(ref w, {layer.BiasOffset + j});");
            WriteInputs(writer, layer.RowLoops, InputRun.FromRow("input", layer.Inputs), i => [$"{s} = Sys::MathF.FusedMultiplyAdd(Rcs::Unsafe.Add(ref input, {i}), Rcs::Unsafe.Add(ref w, {Offset(layer.WeightOffset + j, i, layer.Units)}), {s});"]);
            if (layer.Activation is Activation.ReLU or Activation.LeakyReLU)
            {
                string negative = layer.Activation == Activation.ReLU ? "0f" : $"{s} * {IndentedTextWriter.Float(layer.Alpha)}";
                writer.Line($"{s} = {s} > 0f ? {s} : {negative};");
            }

            writer.Line($"Rcs::Unsafe.Add(ref output, {j}) = {s};");
        }
    }

    /// <summary>
    /// A run of a layer's inputs: <paramref name="Count"/> of them from input <paramref name="First"/> on, in the row
    /// <paramref name="Row"/> in memory or in the lanes of the previous layer's register <paramref name="Source"/>.
    /// </summary>
    private sealed record InputRun(int First, int Count, string? Row, string? Source, RegisterGroup? SourceGroup)
    {
        public static InputRun FromRow(string row, int inputs) => new(0, inputs, row, null, null);
    }

    /// <summary>
    /// Writes <paramref name="terms"/> for each input of <paramref name="run"/>, given the input's index in the run: a loop
    /// over the run with constant bounds where the plan says so (<see cref="DenseLayerPlan.RowLoops"/>), else one
    /// statement each. Either way each register's chain adds the inputs in order, so the same bits.
    /// </summary>
    private static void WriteInputs(IndentedTextWriter writer, bool loops, InputRun run, Func<string, string[]> terms)
    {
        if (loops)
        {
            using (writer.Block($"for (int i = 0; i < {run.Count}; i++)"))
            {
                foreach (string line in terms("i"))
                {
                    writer.Line(line);
                }
            }

            return;
        }

        for (int i = 0; i < run.Count; i++)
        {
            foreach (string line in terms(i.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            {
                writer.Line(line);
            }
        }
    }

    /// <summary>The offset of input <paramref name="i"/> (a constant or the loop's index) from <paramref name="first"/> in steps of <paramref name="stride"/>.</summary>
    private static string Offset(int first, string i, int stride) => int.TryParse(i, out int constant)
        ? (first + (constant * stride)).ToString(System.Globalization.CultureInfo.InvariantCulture)
        : first == 0 ? $"(nuint){i} * {stride}" : $"{first} + ((nuint){i} * {stride})";

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
        bool keeps = KeepsHidden(network, widest);
        using (writer.OptimizedMethod($"private void {(widest >= 16 ? InRegisters512 : InRegisters256)}({Names.ReadOnlySpan} input, {Names.Span} output" + (keeps ? $", {Names.Span} hidden)" : ")")))
        {
            writer.Line("ref float w = ref _parameters.Origin;");
            writer.Line("ref float x = ref Ris::MemoryMarshal.GetReference(input);");
            writer.Line("ref float y = ref Ris::MemoryMarshal.GetReference(output);");
            if (keeps)
            {
                writer.Line("// Training's row keeps the hidden activations for backpropagation, each layer's after the previous one's.");
                writer.Line("ref float h = ref Ris::MemoryMarshal.GetReference(hidden);");
            }

            int kept = 0;
            // Planned only when every layer is dense.
            DenseLayerPlan? previous = null;
            foreach (DenseLayerPlan layer in network.DenseLayers)
            {
                List<RegisterGroup> groups = RegisterGroup.ForRow(layer.Units, widest);
                string source = previous is null ? "the input row" : $"{previous.Name}'s registers";
                writer.Line($"// {layer.Name}: {layer.Units} units of {layer.Inputs} inputs from {source}, {layer.Activation}.");
                List<InputRun> runs = previous is null
                    ? [InputRun.FromRow("x", layer.Inputs)]
                    : RegisterGroup.ForRow(previous.Units, widest).Select(source => new InputRun(source.First, source.Used, null, Register(previous, source), source)).ToList();
                WriteRegisterSums(writer, network, layer, layer.RowLoops && network.RowInRegistersLoops(widest), groups, group => Register(layer, group), [.. runs]);

                foreach (RegisterGroup group in groups)
                {
                    WriteRegisterActivation(writer, layer, group, Register(layer, group));
                }

                if (keeps && layer != network.Output)
                {
                    using (writer.Block("if (!hidden.IsEmpty)"))
                    {
                        foreach (RegisterGroup group in groups)
                        {
                            WriteStore(writer, group, Register(layer, group), "h", kept);
                        }
                    }

                    kept += layer.Units;
                }

                previous = layer;
            }

            WriteRegisterOutput(writer, (DenseLayerPlan)network.Output, widest);
        }

        writer.Line("#endif");
        writer.Line();
    }

    private static string Register(DenseLayerPlan layer, RegisterGroup group) => $"{layer.Name.ToLowerInvariant()}_{group.First}";

    /// <summary>
    /// Input <paramref name="i"/> of <paramref name="run"/> (a constant or the loop's index) in every lane of a register as
    /// wide as <paramref name="group"/>'s: broadcast from the row in memory, or from the previous layer's register by a
    /// permute, one per input whatever the widths.
    /// </summary>
    private static string Broadcast(InputRun run, RegisterGroup group, string i)
    {
        if (run.Source is null)
        {
            return $"{group.Type}.Create(Rcs::Unsafe.Add(ref {run.Row}, {i}))";
        }

        RegisterGroup source = run.SourceGroup!;
        string shuffle = int.TryParse(i, out _) ? $"Lane({run.Source}, {i})" : $"LaneAt({run.Source}, {i})";
        if (source.Width < group.Width)
        {
            return $"{group.Type}.Create({source.Type}.ToScalar({shuffle}))";
        }

        // A narrower register takes the lower part of the shuffled one.
        for (int width = source.Width; width > group.Width; width /= 2)
        {
            shuffle = $"Lower({shuffle})";
        }

        return shuffle;
    }

    /// <summary>
    /// One chain of fused multiply-adds per register from the bias over the inputs in order, as the matrix kernels sum each
    /// unit; the registers' chains side by side in each run of inputs, so that they overlap. A run is the input row or
    /// one register of the previous layer.
    /// </summary>
    private static void WriteRegisterSums(IndentedTextWriter writer, NetworkPlan network, DenseLayerPlan layer, bool loops, List<RegisterGroup> groups, Func<RegisterGroup, string> register, params InputRun[] runs)
    {
        if (!loops && groups.Count > 1)
        {
            // Written out, one register's chain after the other.
            foreach (RegisterGroup group in groups)
            {
                WriteRegisterSums(writer, network, layer, loops, [group], register, runs);
            }

            return;
        }

        if (groups.Count > Thresholds.LoopRegisters)
        {
            // A loop per run of registers, so that its chains stay in registers.
            for (int first = 0; first < groups.Count; first += Thresholds.LoopRegisters)
            {
                WriteRegisterSums(writer, network, layer, loops, groups.GetRange(first, Math.Min(Thresholds.LoopRegisters, groups.Count - first)), register, runs);
            }

            return;
        }

        foreach (RegisterGroup group in groups)
        {
            bool biasInBlock = layer.BiasOffset + group.First + group.Width - 1 < network.ParameterCount;
            writer.Line($"{group.Vector} {register(group)} = {Load(group, (layer.BiasOffset + group.First).ToString(System.Globalization.CultureInfo.InvariantCulture), biasInBlock)};");
        }

        foreach (InputRun run in runs)
        {
            WriteInputs(writer, loops, run, i => [.. groups.Select(group =>
            {
                // The unused lanes of a last group of 1–3 units load the next floats of the block; at its very end, they are zeros instead.
                string offset = Offset(layer.WeightOffset + (run.First * layer.Units) + group.First, i, layer.Units);
                string s = register(group);
                return !WeightsInBlock(network, layer, group)
                    ? $"{s} = {group.Type}.FusedMultiplyAdd({Broadcast(run, group, i)}, {Load(group, offset, inBlock: false)}, {s});"
                    : run.Source is null
                    ? $"{s} = Fma(ref {run.Row}, {i}, ref w, {offset}, {s});"
                    : $"{s} = Fma({Broadcast(run, group, i)}, ref w, {offset}, {s});";
            })]);
        }
    }

    /// <summary>A register of <paramref name="group"/>'s floats at <paramref name="offset"/>: one load, or lane by lane where a load would run past the parameter block.</summary>
    private static string Load(RegisterGroup group, string offset, bool inBlock) => inBlock
        ? $"{group.Type}.LoadUnsafe(ref w, {offset})"
        : $"{group.Type}.Create({string.Join(", ", Enumerable.Range(0, group.Width).Select(k => k < group.Used ? $"Rcs::Unsafe.Add(ref w, {Plus(offset, k)})" : "0f"))})";

    /// <summary>An offset plus <paramref name="k"/>, folded when the offset is a constant.</summary>
    private static string Plus(string offset, int k) => int.TryParse(offset, out int constant)
        ? (constant + k).ToString(System.Globalization.CultureInfo.InvariantCulture)
        : k == 0 ? offset : $"{offset} + {k}";

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
            WriteStore(writer, group, Register(output, group), "y");
        }
    }
}
