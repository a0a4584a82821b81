using System;
using System.Collections.Generic;
using System.Linq;
using CompiledNN.Tests.Networks;
using Xunit;

namespace CompiledNN.Tests.Reference;

/// <summary>A generated network under test, with the layer table the reference computes it from.</summary>
/// <param name="Name">The class name, shown in test names.</param>
/// <param name="Create">Makes a fresh instance.</param>
/// <param name="InputSize">The number of inputs.</param>
/// <param name="Layers">The layers as declared.</param>
internal sealed record NetworkCase(string Name, Func<INetwork> Create, int InputSize, ReferenceLayer[] Layers)
{
    private const int Inputs = 37;
    private const int Hidden = 19;
    private const int Outputs = 5;

    /// <summary>Every network of the numerics tests, by class name.</summary>
    public static readonly IReadOnlyDictionary<string, NetworkCase> All = new NetworkCase[]
    {
        TwoLayer<IdentityUnrolledNet>(Activation.Tanh, Activation.Identity),
        TwoLayer<IdentityVectorizedNet>(Activation.Tanh, Activation.Identity),
        TwoLayer<SigmoidUnrolledNet>(Activation.Sigmoid, Activation.Sigmoid),
        TwoLayer<SigmoidVectorizedNet>(Activation.Sigmoid, Activation.Sigmoid),
        TwoLayer<TanhUnrolledNet>(Activation.Tanh, Activation.Tanh),
        TwoLayer<TanhVectorizedNet>(Activation.Tanh, Activation.Tanh),
        TwoLayer<ReLUUnrolledNet>(Activation.ReLU, Activation.ReLU),
        TwoLayer<ReLUVectorizedNet>(Activation.ReLU, Activation.ReLU),
        TwoLayer<LeakyReLUUnrolledNet>(Activation.LeakyReLU, Activation.LeakyReLU, alpha: 0.2),
        TwoLayer<LeakyReLUVectorizedNet>(Activation.LeakyReLU, Activation.LeakyReLU, alpha: 0.2),
        TwoLayer<SoftplusUnrolledNet>(Activation.Softplus, Activation.Softplus),
        TwoLayer<SoftplusVectorizedNet>(Activation.Softplus, Activation.Softplus),
        TwoLayer<ELUUnrolledNet>(Activation.ELU, Activation.ELU, alpha: 0.7),
        TwoLayer<ELUVectorizedNet>(Activation.ELU, Activation.ELU, alpha: 0.7),
        TwoLayer<SoftmaxUnrolledNet>(Activation.ReLU, Activation.Softmax),
        TwoLayer<SoftmaxVectorizedNet>(Activation.ReLU, Activation.Softmax),
        new(nameof(IrisNet), static () => new IrisNet(), 4, [new(16, Activation.ReLU), new(16, Activation.ReLU), new(3, Activation.Softmax)]),
        new(nameof(BinaryClassifierNet), static () => new BinaryClassifierNet(), 6, [new(8, Activation.Tanh), new(1, Activation.Sigmoid)]),
        new(nameof(PooledScratchNet), static () => new PooledScratchNet(), 8, [new(4200, Activation.ReLU), new(3, Activation.Softmax)]),
    }.ToDictionary(static c => c.Name);

    /// <summary>The class names, as theory data.</summary>
    public static TheoryData<string> Names => new(All.Keys);

    public int OutputSize => Layers[^1].Units;

    public int ParameterCount
    {
        get
        {
            int count = 0;
            int inputs = InputSize;
            foreach (ReferenceLayer layer in Layers)
            {
                count += (layer.Units * inputs) + layer.Units;
                inputs = layer.Units;
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
        foreach (ReferenceLayer layer in Layers)
        {
            double gain = 3.0 / Math.Sqrt(inputs);
            for (int k = 0; k < layer.Units * inputs; k++)
            {
                parameters[offset++] = (float)(((2 * random.NextDouble()) - 1) * gain);
            }

            for (int k = 0; k < layer.Units; k++)
            {
                parameters[offset++] = (float)((2 * random.NextDouble()) - 1);
            }

            inputs = layer.Units;
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
    public double[] Reference(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input) => ReferenceMlp.Predict(InputSize, Layers, parameters, input);

    public override string ToString() => Name;

    private static NetworkCase TwoLayer<TNetwork>(Activation hidden, Activation output, double alpha = 0)
        where TNetwork : INetwork, new() =>
        new(typeof(TNetwork).Name, static () => new TNetwork(), Inputs, [new(Hidden, hidden, alpha), new(Outputs, output, alpha)]);
}
