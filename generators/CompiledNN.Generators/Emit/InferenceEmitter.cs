using CompiledNN.Generators.Emit.Layers;
using CompiledNN.Generators.Planning;

namespace CompiledNN.Generators.Emit;

/// <summary>
/// Writes the inference-only form of a network with <c>[Weights(…, InferenceOnly = true)]</c>: static prediction methods
/// that call one private instance of the trainable network's forward pass, whose parameters are the baked weights. The
/// weights are constant data in the assembly image, already in the trainable network's internal layout; the instance
/// copies them into its parameter array once, when first used, so that every kernel (and every thread) reads them as the
/// trainable network reads its own. Same code and same weights, so the same bits, at the same speed.
/// </summary>
internal static class InferenceEmitter
{
    public static void WriteMembers(IndentedTextWriter writer, NetworkPlan network)
    {
        if (network.Weights!.Quantization == Quantization.Int8)
        {
            QuantizedInferenceEmitter.WriteMembers(writer, network);
            return;
        }

        PublicApiEmitter.WriteInferenceOnly(writer, network);
        writer.Line("/// <summary>The trainable network's forward pass, its parameters the baked weights.</summary>");
        writer.Line(PublicApiEmitter.EditorBrowsableNever);
        using (writer.Block($"private sealed partial class {FileEmitter.Implementation}" + (network.SharesRows ? " : " + Names.IChunkWork : "")))
        {
            WriteBakedParameters(writer, network);
            NetworkEmitter.WriteLayerOffsets(writer, network);
            writer.Line("/// <summary>The baked weights as the kernels read them, aligned as the trainable network's are, which other threads can share.</summary>");
            writer.Line($"private readonly {Names.AlignedBuffer} _parameters = new(BakedParameters);");
            writer.Line();
            ForwardEmitter.WriteMembers(writer, network, PredictionForm.Baked);
        }
    }

    private static void WriteBakedParameters(IndentedTextWriter writer, NetworkPlan network)
    {
        writer.Line($"/// <summary>The parameters of '{PersistenceEmitter.Escape(network.Weights!.Path)}', baked in at compile time, each weight matrix transposed as the trainable network stores it.</summary>");
        PersistenceEmitter.WriteFloatSpan(writer, "private static " + Names.ReadOnlySpan + " BakedParameters", InternalLayout(network, network.Weights.Parameters.AsSpan().ToArray()));
        writer.Line();
    }

    /// <summary>The canonical parameters in the internal layout (each dense layer's W[units, inputs] transposed to Wᵀ[inputs, units]).</summary>
    private static float[] InternalLayout(NetworkPlan network, float[] canonical)
    {
        float[] layout = (float[])canonical.Clone();
        foreach (LayerEmitter layer in LayerEmitter.For(network))
        {
            layer.ToInternalLayout(canonical, layout);
        }

        return layout;
    }
}
