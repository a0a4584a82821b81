using System;
using System.Collections.Generic;
using System.Linq;
using CompiledNN.Generators.Planning;

namespace CompiledNN.Generators.Emit.Layers;

/// <summary>
/// Prints one layer of a kind: its share of the parameter block, its members, and its calls in each pass. The
/// network's emitters walk the layers through this class and never ask for a kind, so a new kind of layer is one
/// subclass here and one case in <see cref="For(NetworkPlan, LayerPlan)"/> (beside its planner case).
/// </summary>
/// <remarks>
/// Scratch: one row of a layer's forward pass writes its <c>Units</c> outputs; training keeps, per layer and row,
/// <c>z</c>, <c>a</c> and <c>delta = ∂L/∂a</c> before <see cref="WriteBackward"/> turns it into ∂L/∂z, <c>Units</c>
/// floats each.
/// </remarks>
internal abstract class LayerEmitter
{
    protected LayerEmitter(NetworkPlan network) => Network = network;

    /// <summary>The network the layer belongs to.</summary>
    protected NetworkPlan Network { get; }

    /// <summary>The emitter of <paramref name="layer"/>'s kind.</summary>
    public static LayerEmitter For(NetworkPlan network, LayerPlan layer) => layer switch
    {
        DenseLayerPlan dense => new DenseEmitter(network, dense),
        DropoutLayerPlan dropout => new DropoutEmitter(network, dropout),
        ConvolutionLayerPlan convolution => new ConvolutionEmitter(network, convolution),
        PoolingLayerPlan pooling => new PoolingEmitter(network, pooling),
        FlattenLayerPlan flatten => new FlattenEmitter(network, flatten),
        NormalizationLayerPlan normalization => new NormalizationEmitter(network, normalization),
        _ => throw new ArgumentException("No emitter for a layer of kind " + layer.Spec.Kind + ".", nameof(layer)),
    };

    /// <summary>The emitters of every layer of <paramref name="network"/>, in declaration order.</summary>
    public static IReadOnlyList<LayerEmitter> For(NetworkPlan network) => network.Layers.Select(layer => For(network, layer)).ToList();

    /// <summary>Constants for where the layer's parameters start in the parameter block.</summary>
    public virtual void WriteParameterOffsets(IndentedTextWriter writer)
    {
    }

    /// <summary>Draws the layer's initial parameters into the span <c>canonical</c> from the generator <c>random</c>.</summary>
    public virtual void WriteInitialization(IndentedTextWriter writer)
    {
    }

    /// <summary>Copies the layer's parameters from the span <c>canonical</c> into the span <c>layout</c> (internal layout).</summary>
    public virtual void WriteToInternalLayout(IndentedTextWriter writer)
    {
    }

    /// <summary>Copies the layer's parameters from the span <c>layout</c> (internal layout) into the span <c>canonical</c>.</summary>
    public virtual void WriteToCanonicalLayout(IndentedTextWriter writer)
    {
    }

    /// <summary>At compile time, as <see cref="WriteToInternalLayout"/> does at run time (for baked weights), into a <paramref name="layout"/> that starts as a copy of <paramref name="canonical"/>.</summary>
    public virtual void ToInternalLayout(float[] canonical, float[] layout)
    {
    }

    /// <summary>Members the forward pass of a block of rows calls.</summary>
    public virtual void WriteBatchMembers(IndentedTextWriter writer)
    {
    }

    /// <summary>Members the forward pass of one row calls.</summary>
    public virtual void WriteRowMembers(IndentedTextWriter writer)
    {
    }

    /// <summary>Members the backward pass calls.</summary>
    public virtual void WriteBackwardMembers(IndentedTextWriter writer)
    {
    }

    /// <summary>One checked row of a prediction: the layer's outputs <paramref name="a"/> from its inputs <paramref name="x"/>.</summary>
    public abstract void WriteRow(IndentedTextWriter writer, string x, string a);

    /// <summary>The <c>rows</c> rows of a prediction: outputs <paramref name="a"/> from inputs <paramref name="x"/>.</summary>
    public abstract void WriteBatch(IndentedTextWriter writer, string x, string a);

    /// <summary>
    /// The <c>rows</c> rows of a training block: from the inputs <paramref name="x"/>, fills the spans
    /// <paramref name="z"/> and <paramref name="a"/> (the outputs), as its backward pass needs them. In a network that
    /// <see cref="NetworkPlan.DrawsMasks"/>, <c>training</c> is false for <c>ComputeLoss</c> (PyTorch's <c>eval()</c>)
    /// and <c>first</c> is the index of the block's first row in the batch.
    /// </summary>
    public abstract void WriteTrainingForward(IndentedTextWriter writer, string x, string z, string a);

    /// <summary>
    /// The backward pass of the <c>rows</c> rows of a training block: turns <paramref name="delta"/> from ∂L/∂a into
    /// ∂L/∂z, adds the layer's parameter gradient to the span <c>gradient</c> and, unless <paramref name="inputDelta"/>
    /// is null (the first layer), writes ∂L/∂x there.
    /// </summary>
    public abstract void WriteBackward(IndentedTextWriter writer, string x, string z, string a, string delta, string? inputDelta);

    /// <summary>The layer is the output layer, whose activation the loss takes over when it takes the logits.</summary>
    protected bool ActivationFusedIntoLoss(LayerPlan layer) => layer == Network.Output && Network.LossTakesLogits;

    /// <summary>A training block's activation from <paramref name="z"/> into <paramref name="a"/>, or a note that the loss takes it over.</summary>
    protected void WriteTrainingActivation(IndentedTextWriter writer, LayerPlan layer, string z, string a)
    {
        if (ActivationFusedIntoLoss(layer))
        {
            writer.Line($"// The {layer.Activation} of the output is fused into the {Network.Training.Loss} loss, which takes the logits.");
        }
        else
        {
            ForwardEmitter.WriteActivation(writer, layer, z, a, "rows");
        }
    }

    /// <summary>Turns a training block's <paramref name="delta"/> from ∂L/∂a into ∂L/∂z, unless the fused loss already wrote ∂L/∂z.</summary>
    protected void WriteTrainingActivationGradient(IndentedTextWriter writer, LayerPlan layer, string z, string a, string delta)
    {
        if (!ActivationFusedIntoLoss(layer))
        {
            BackwardEmitter.WriteActivationGradient(writer, layer, z, a, delta, "rows");
        }
    }
}
