using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using CompiledNN.Runtime;
using CompiledNN.Tests.Networks;
using CompiledNN.Tests.Reference;
using Xunit;
using Xunit.Abstractions;

namespace CompiledNN.Tests.Batching;

/// <summary>
/// Every way a row is predicted gives the bits of the matrix kernels' order: each unit one chain of multiply-adds from the
/// bias over the inputs in order (four interleaved ones in a deep, narrow layer), then the runtime's span activation. With AVX-512 the networks of small layers predict in
/// registers (<c>ForwardInRegisters</c>, one row and each row of a batch), with AVX2 and FMA in registers of 8 floats
/// (<c>ForwardInRegisters256</c>); elsewhere through the kernels or the
/// straight-line row code's fallback. Both must give these bits, so that the JIT on an AVX-512 processor and a NativeAOT
/// build for x86-64-v3 agree.
/// </summary>
public sealed class KernelOrderTests(ITestOutputHelper output)
{
    private const int Rows = 37;

    /// <summary>Whether the kernels fuse their multiply-adds (else a multiply, then an add).</summary>
    internal static bool HardwareFma => Fma.IsSupported || AdvSimd.IsSupported;

    public static TheoryData<string> Networks => NetworkCase.Names;

    [Theory]
    [MemberData(nameof(Networks))]
    public void Predict_and_PredictBatch_give_the_bits_of_one_chain_per_unit(string name)
    {
        NetworkCase network = NetworkCase.All[name];
        INetwork instance = network.Create();
        float[] parameters = network.RandomParameters(seed: 21);
        instance.SetParameters(parameters);
        float[] inputs = network.RandomInputs(Rows, seed: 22);
        float[] batch = new float[Rows * network.OutputSize];
        instance.PredictBatch(inputs, batch);
        float[] single = new float[network.OutputSize];
        for (int row = 0; row < Rows; row++)
        {
            ReadOnlySpan<float> input = inputs.AsSpan(row * network.InputSize, network.InputSize);
            int[] expected = Bits(ChainForward(network.Type, parameters, input, HardwareFma));
            instance.Predict(input, single);
            Assert.Equal(expected, Bits(single));
            Assert.Equal(expected, Bits(batch.AsSpan(row * network.OutputSize, network.OutputSize)));
        }

        output.WriteLine(Vector512.IsHardwareAccelerated
            ? $"{name}: Vector512 is accelerated, so a network of small layers ran its rows in registers."
            : $"{name}: Vector512 is not accelerated, so the rows ran through the kernels; the in-register code is checked where it is.");
    }

    /// <summary>
    /// <c>ForwardInRegisters</c> (registers of 16 floats) and <c>ForwardInRegisters256</c> (of 8) called directly, so that
    /// they run on every machine: where <c>Vector512</c> or <c>Vector256</c> is not accelerated, .NET computes their
    /// operations lane by lane in narrower registers, with the same roundings (their fused multiply-adds stay fused where
    /// the processor has FMA). This is the code the AVX-512 and the AVX2 branches of <c>Predict</c> run.
    /// </summary>
    [Theory]
    [InlineData("ForwardInRegisters")]
    [InlineData("ForwardInRegisters256")]
    public void ForwardInRegisters_gives_the_bits_of_one_chain_per_unit(string methodName)
    {
        var checkedNetworks = new List<string>();
        var keptHidden = new List<string>();
        foreach (NetworkCase network in NetworkCase.All.Values)
        {
            INetwork instance = network.Create();
            object implementation = instance.GetType().GetField("_implementation", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(instance)!;
            MethodInfo? method = implementation.GetType().GetMethod(methodName, BindingFlags.NonPublic | BindingFlags.Instance);
            if (method is null)
            {
                continue;
            }

            // The AVX-512 form of a network whose training row runs in registers also keeps the hidden activations.
            bool keepsHidden = method.GetParameters().Length == 3;
            RowForward forward = keepsHidden ? KeepingNone(method.CreateDelegate<RowForwardKeepingHidden>(implementation)) : method.CreateDelegate<RowForward>(implementation);
            RowForwardKeepingHidden? keeping = keepsHidden ? method.CreateDelegate<RowForwardKeepingHidden>(implementation) : null;
            float[] parameters = network.RandomParameters(seed: 23);
            instance.SetParameters(parameters);
            float[] inputs = network.RandomInputs(Rows, seed: 24);
            float[] actual = new float[network.OutputSize];
            for (int row = 0; row < Rows; row++)
            {
                ReadOnlySpan<float> input = inputs.AsSpan(row * network.InputSize, network.InputSize);
                forward(input, actual);
                if (network.Type.GetCustomAttributes<DenseAttribute>().Last().Activation == Activation.Softmax)
                {
                    // The method stores the logits; its callers run the span softmax.
                    Activations.Softmax(actual, actual);
                }

                // Only processors with FMA run this code; emulated, the vectors' multiply-adds stay fused.
                var chainHidden = new List<float>();
                float[] expected = ChainForward(network.Type, parameters, input, fused: true, chainHidden);
                Assert.Equal(Bits(expected), Bits(actual));
                if (keeping is not null)
                {
                    // Training's row: the same output, and every hidden layer's activations, each layer's after the previous one's.
                    float[] hidden = new float[chainHidden.Count];
                    keeping(input, actual, hidden);
                    if (network.Type.GetCustomAttributes<DenseAttribute>().Last().Activation == Activation.Softmax)
                    {
                        Activations.Softmax(actual, actual);
                    }

                    Assert.Equal(Bits(expected), Bits(actual));
                    Assert.Equal(Bits(chainHidden.ToArray()), Bits(hidden));
                    keptHidden.Add(network.Name);
                }
            }

            checkedNetworks.Add(network.Name);
        }

        // The networks of small layers run in registers; a Softmax output of several registers (5 classes) is among them.
        // A network whose layers all have fewer than 16 units has one method for both, ForwardInRegisters.
        Assert.Contains(nameof(IrisNet), checkedNetworks);
        Assert.Contains(nameof(SoftmaxUnrolledNet), checkedNetworks);
        if (methodName == "ForwardInRegisters")
        {
            Assert.Contains(nameof(MixedRegistersNet), checkedNetworks);
            Assert.Contains(nameof(IrisNet), keptHidden);
        }
        else
        {
            Assert.DoesNotContain(nameof(MixedRegistersNet), checkedNetworks);
        }

        output.WriteLine($"{methodName} checked on {string.Join(", ", checkedNetworks)} (Vector512 {(Vector512.IsHardwareAccelerated ? "accelerated" : "emulated")}, Vector256 {(Vector256.IsHardwareAccelerated ? "accelerated" : "emulated")}).");
    }

    /// <summary>The forward pass written out: chains of fused multiply-adds or of multiplies then adds, activations by the runtime's span functions.</summary>
    private static float[] ChainForward(Type type, float[] parameters, ReadOnlySpan<float> input, bool fused, List<float>? hidden = null)
    {
        float[] a = input.ToArray();
        int offset = 0;
        DenseAttribute[] layers = type.GetCustomAttributes<DenseAttribute>().ToArray();
        foreach (DenseAttribute dense in layers)
        {
            if (dense != layers[0])
            {
                // The previous layer's activations, a hidden layer's.
                hidden?.AddRange(a);
            }

            int inputs = a.Length;
            int bias = offset + (dense.Units * inputs);
            float[] z = new float[dense.Units];
            // A layer of at most 16 units over 2,048 inputs or more sums each unit in four interleaved chains.
            int chains = inputs >= 2048 && dense.Units <= 16 ? 4 : 1;
            for (int j = 0; j < dense.Units; j++)
            {
                float[] sums = new float[chains];
                sums[0] = parameters[bias + j];
                for (int i = 0; i < inputs; i++)
                {
                    float w = parameters[offset + (j * inputs) + i];
                    sums[i % chains] = fused ? MathF.FusedMultiplyAdd(a[i], w, sums[i % chains]) : (a[i] * w) + sums[i % chains];
                }

                z[j] = chains == 1 ? sums[0] : (sums[0] + sums[1]) + (sums[2] + sums[3]);
            }

            a = Activate(dense, z);
            offset = bias + dense.Units;
        }

        return a;
    }

    private static float[] Activate(DenseAttribute dense, float[] z)
    {
        float alpha = !float.IsNaN(dense.Alpha) ? dense.Alpha : dense.Activation == Activation.LeakyReLU ? 0.01f : 1f;
        float[] a = new float[z.Length];
        switch (dense.Activation)
        {
            case Activation.Identity:
                z.CopyTo(a, 0);
                break;
            case Activation.Sigmoid:
                Activations.Sigmoid(z, a);
                break;
            case Activation.Tanh:
                Activations.Tanh(z, a);
                break;
            case Activation.ReLU:
                Activations.ReLU(z, a);
                break;
            case Activation.LeakyReLU:
                Activations.LeakyReLU(z, a, alpha);
                break;
            case Activation.Softplus:
                Activations.Softplus(z, a);
                break;
            case Activation.ELU:
                Activations.ELU(z, a, alpha);
                break;
            case Activation.Softmax:
                Activations.Softmax(z, a);
                break;
            default:
                throw new NotSupportedException(dense.Activation.ToString());
        }

        return a;
    }

    private delegate void RowForward(ReadOnlySpan<float> input, Span<float> output);

    private delegate void RowForwardKeepingHidden(ReadOnlySpan<float> input, Span<float> output, Span<float> hidden);

    private static RowForward KeepingNone(RowForwardKeepingHidden forward) => (input, output) => forward(input, output, default);

    /// <summary>The floats' bits, so that −0 and +0, and NaNs of different payloads, count as different.</summary>
    private static int[] Bits(ReadOnlySpan<float> values)
    {
        int[] bits = new int[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            bits[i] = BitConverter.SingleToInt32Bits(values[i]);
        }

        return bits;
    }
}
