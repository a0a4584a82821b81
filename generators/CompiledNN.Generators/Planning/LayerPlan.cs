using CompiledNN.Generators.Model;

namespace CompiledNN.Generators.Planning;

/// <summary>
/// How one layer's code runs, whatever its kind: the <see cref="Planner"/> decides it (one case per kind), the kind's
/// emitter (<see cref="Emit.Layers.LayerEmitter"/>) prints it. Each kind is a record deriving from it.
/// </summary>
/// <param name="Spec">The layer as declared.</param>
internal abstract record LayerPlan(LayerSpec Spec)
{
    public int Number => Spec.Number;

    /// <summary>The name of the layer in generated code, e.g. <c>Dense2</c>.</summary>
    public string Name => Spec.Name;

    public int Inputs => Spec.Inputs;

    public int Units => Spec.Units;

    public Activation Activation => Spec.Activation;

    public float Alpha => Spec.Alpha;

    public int ParameterCount => Spec.ParameterCount;

    public int MultiplyAdds => Spec.MultiplyAdds;
}
