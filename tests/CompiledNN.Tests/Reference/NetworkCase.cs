using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using CompiledNN.Tests.Gradients;
using CompiledNN.Tests.Networks;
using Xunit;

namespace CompiledNN.Tests.Reference;

/// <summary>
/// A generated network under test, with its independent double-precision reference (<see cref="ReferenceNetwork"/>,
/// which reads the declaration's attributes, not the generated code).
/// </summary>
/// <param name="Name">The class name, shown in test names.</param>
/// <param name="Create">Makes a fresh instance.</param>
/// <param name="Type">The network class, whose attributes the reference reads.</param>
internal sealed record NetworkCase(string Name, Func<INetwork> Create, Type Type)
{
    /// <summary>Every network of the forward-pass tests, by class name.</summary>
    public static readonly IReadOnlyDictionary<string, NetworkCase> All = new[]
    {
        Of<IdentityUnrolledNet>(),
        Of<IdentityVectorizedNet>(),
        Of<SigmoidUnrolledNet>(),
        Of<SigmoidVectorizedNet>(),
        Of<TanhUnrolledNet>(),
        Of<TanhVectorizedNet>(),
        Of<ReLUUnrolledNet>(),
        Of<ReLUVectorizedNet>(),
        Of<LeakyReLUUnrolledNet>(),
        Of<LeakyReLUVectorizedNet>(),
        Of<SoftplusUnrolledNet>(),
        Of<SoftplusVectorizedNet>(),
        Of<ELUUnrolledNet>(),
        Of<ELUVectorizedNet>(),
        Of<SoftmaxUnrolledNet>(),
        Of<SoftmaxVectorizedNet>(),
        Of<IrisNet>(),
        Of<BinaryClassifierNet>(),
        Of<PooledScratchNet>(),
        Of<LargeFirstLayerClassifierNet>(),
        Of<LargeFirstLayerTailNet>(),
        Of<MixedRegistersNet>(),
    }.ToDictionary(static c => c.Name);

    /// <summary>The class names, as theory data.</summary>
    public static TheoryData<string> Names => new(All.Keys);

    public ReferenceNetwork Reference { get; } = ReferenceNetwork.Of(Type);

    public int InputSize => Reference.InputSize;

    public int OutputSize => Reference.OutputSize;

    /// <summary>The units of each layer, in declaration order.</summary>
    public int[] Units { get; } = Type.GetCustomAttributes<DenseAttribute>().Select(static d => d.Units).ToArray();

    public int ParameterCount
    {
        get
        {
            int count = 0;
            int inputs = InputSize;
            foreach (int units in Units)
            {
                count += (units * inputs) + units;
                inputs = units;
            }

            return count;
        }
    }

    /// <summary>Random parameters in canonical order: weights U(−g, g) with g = 3/√inputs, so pre-activations spread over about ±6 and reach every regime of the activations; biases U(−1, 1).</summary>
    public float[] RandomParameters(int seed)
    {
        var random = new Random(seed);
        float[] parameters = new float[ParameterCount];
        int offset = 0;
        int inputs = InputSize;
        foreach (int units in Units)
        {
            double gain = 3.0 / Math.Sqrt(inputs);
            for (int k = 0; k < units * inputs; k++)
            {
                parameters[offset++] = (float)(((2 * random.NextDouble()) - 1) * gain);
            }

            for (int k = 0; k < units; k++)
            {
                parameters[offset++] = (float)((2 * random.NextDouble()) - 1);
            }

            inputs = units;
        }

        return parameters;
    }

    /// <summary>Rows of inputs drawn from U(−2, 2).</summary>
    public float[] RandomInputs(int rows, int seed)
    {
        var random = new Random(seed);
        float[] inputs = new float[rows * InputSize];
        for (int k = 0; k < inputs.Length; k++)
        {
            inputs[k] = (float)((4 * random.NextDouble()) - 2);
        }

        return inputs;
    }

    /// <summary>The reference output for one row.</summary>
    public double[] ReferenceOutput(float[] parameters, ReadOnlySpan<float> input) =>
        Reference.Predict(Array.ConvertAll(parameters, static p => (double)p), input);

    public override string ToString() => Name;

    private static NetworkCase Of<TNetwork>()
        where TNetwork : INetwork, new() => new(typeof(TNetwork).Name, static () => new TNetwork(), typeof(TNetwork));
}
