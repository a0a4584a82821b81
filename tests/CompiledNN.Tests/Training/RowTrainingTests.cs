using System;
using CompiledNN.Tests.Helpers;
using CompiledNN.Tests.Parity;
using Xunit;

namespace CompiledNN.Tests.Training;

/// <summary>
/// One row of a small network trains through straight-line code of its own (EvaluateRow and the layers' RowBackward);
/// a batch of two copies of the row has the same mean gradient and goes through the batch kernels, so the two paths
/// must take the same step. The networks cover every activation, each loss and class-index targets.
/// </summary>
public sealed class RowTrainingTests
{
    public static TheoryData<string> Networks => new()
    {
        nameof(SgdMseNet), nameof(SgdWeightDecayMseNet), nameof(MomentumBceNet), nameof(NesterovCrossEntropyNet),
        nameof(AdaGradSoftmaxMseNet), nameof(RmsPropTanhMseNet), nameof(AdamWeightDecayCrossEntropyNet), nameof(SaturatedLeakyReLUBceNet),
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void TrainStepTakesTheStepOfABatchOfTwoCopiesOfTheRow(string name)
    {
        ITrainableNetwork byRow = Create(name);
        ITrainableNetwork byBatch = Create(name);
        for (int step = 0; step < 3; step++)
        {
            float[] input = TestData.Uniform(byRow.InputSize, 20 + step, min: -1f);
            float[] target = TestData.Uniform(byRow.OutputSize, 40 + step);
            if (name.Contains("CrossEntropy", StringComparison.Ordinal))
            {
                // Cross-entropy targets are probabilities.
                float sum = 0f;
                Array.ForEach(target, t => sum += t);
                for (int k = 0; k < target.Length; k++)
                {
                    target[k] /= sum;
                }
            }

            float rowLoss = byRow.TrainStep(input, target);
            float batchLoss = byBatch.TrainBatch([.. input, .. input], [.. target, .. target]);
            Compare.Close(batchLoss, rowLoss, 1e-6, $"{name} loss of step {step}");
        }

        Compare.AllClose(TestData.Parameters(byBatch), TestData.Parameters(byRow), 1e-6, $"{name} parameters after 3 steps");
    }

    [Fact]
    public void TrainStepWithAClassIndexTakesTheStepOfABatchOfTwoCopies()
    {
        var byRow = new NesterovCrossEntropyNet(seed: 3);
        var byBatch = new NesterovCrossEntropyNet(seed: 3);
        float[] input = TestData.Uniform(NesterovCrossEntropyNet.InputSize, 5, min: -1f);
        Compare.Close(byBatch.TrainBatch([.. input, .. input], [2, 2]), byRow.TrainStep(input, 2), 1e-6, "loss");
        Compare.AllClose(TestData.Parameters(byBatch), TestData.Parameters(byRow), 1e-6, "parameters");
    }

    private static ITrainableNetwork Create(string name) => name switch
    {
        nameof(SgdMseNet) => new SgdMseNet(seed: 1),
        nameof(SgdWeightDecayMseNet) => new SgdWeightDecayMseNet(seed: 1),
        nameof(MomentumBceNet) => new MomentumBceNet(seed: 1),
        nameof(NesterovCrossEntropyNet) => new NesterovCrossEntropyNet(seed: 1),
        nameof(AdaGradSoftmaxMseNet) => new AdaGradSoftmaxMseNet(seed: 1),
        nameof(RmsPropTanhMseNet) => new RmsPropTanhMseNet(seed: 1),
        nameof(AdamWeightDecayCrossEntropyNet) => new AdamWeightDecayCrossEntropyNet(seed: 1),
        _ => new SaturatedLeakyReLUBceNet(seed: 1),
    };
}
