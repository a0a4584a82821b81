using System;
using System.Linq;
using CompiledNN.Tests.Batching;
using CompiledNN.Tests.Helpers;
using Xunit;

namespace CompiledNN.Tests.Training;

/// <summary>
/// <c>ApplyGradient</c> with the gradient <c>ComputeGradient</c> gives for a batch is <c>TrainBatch</c> on that batch,
/// bit for bit, step after step: the same gradient (the same <c>Evaluate</c>, converted to canonical order and back by
/// transposes, which copy bits), then the same optimizer step with its weight decay, step count and state. Batches have
/// more than one row (clipping included: ApplyGradient clips as TrainBatch does): one row may take <c>TrainStep</c>'s straight-line code on AVX-512 machines, whose gradient can
/// differ from <c>ComputeGradient</c>'s in the last bits.
/// </summary>
public sealed class ApplyGradientTests
{
    public static TheoryData<string> Networks() =>
    [
        "Sgd", "Momentum", "Nesterov", "AdaGrad", "RMSProp", "Adam", "AdamW", "Momentum on two threads", "Adam on two threads",
        "Sgd clipped", "Adam clipped",
    ];

    [Theory]
    [MemberData(nameof(Networks))]
    public void ApplyingComputeGradientIsTrainBatch(string name)
    {
        ITrainableNetwork trained = Create(name);
        ITrainableNetwork applied = Create(name);
        // 70 rows: two training blocks, which the two-thread networks share between threads.
        const int Rows = 70;
        float[] gradient = new float[trained.ParameterCount];

        for (int step = 0; step < 4; step++)
        {
            float[] inputs = TestData.Uniform(Rows * trained.InputSize, 7 + step, min: -1f);
            float[] targets = TestData.Uniform(Rows * trained.OutputSize, 17 + step);
            trained.TrainBatch(inputs, targets);
            applied.ComputeGradient(inputs, targets, gradient);
            applied.ApplyGradient(gradient);

            Assert.Equal(Bits(trained), Bits(applied));
        }

        Assert.NotEqual(Bits(Create(name)), Bits(applied));
    }

    private static ITrainableNetwork Create(string name) => name switch
    {
        "Sgd" => new SgdDecayStepNet(3),
        "Momentum" => new MomentumDecayStepNet(3),
        "Nesterov" => new NesterovStepNet(3),
        "AdaGrad" => new AdaGradStepNet(3),
        "RMSProp" => new RMSPropStepNet(3),
        "Adam" => new AdamDecayStepNet(3),
        "AdamW" => new AdamWStepNet(3),
        "Sgd clipped" => new SgdClippedStepNet(3),
        "Adam clipped" => new AdamClippedStepNet(3),
        // 21,110 parameters with weight decay: its optimizer steps ranges of parameters on two threads.
        "Momentum on two threads" => new MomentumClassifier(3) { MaxDegreeOfParallelism = 2 },
        _ => new WideClassifier(3) { MaxDegreeOfParallelism = 2 },
    };

    private static int[] Bits(ITrainableNetwork network) => TestData.Parameters(network).Select(BitConverter.SingleToInt32Bits).ToArray();
}
