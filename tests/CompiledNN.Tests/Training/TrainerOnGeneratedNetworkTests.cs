using CompiledNN.Data;
using CompiledNN.Metrics;
using CompiledNN.Tests.Networks;
using CompiledNN.Training;
using Xunit;

namespace CompiledNN.Tests.Training;

public sealed class TrainerOnGeneratedNetworkTests
{
    // Three classes of points scattered around the corners (2,0,0,0), (0,2,0,0) and (0,0,2,0).
    private static Dataset Blobs(int count, long seed)
    {
        var random = new NetworkRandom(seed);
        var features = new float[count * 4];
        var labels = new int[count];
        for (int row = 0; row < count; row++)
        {
            labels[row] = row % 3;
            for (int j = 0; j < 4; j++)
            {
                features[(row * 4) + j] = (j == labels[row] ? 2f : 0f) + (float)(0.5 * random.NextNormal());
            }
        }

        return new Dataset(features, 4, OneHot.Encode(labels, 3), 3);
    }

    [Fact]
    public void Fit_trains_a_generated_network_through_the_interface()
    {
        var network = new IrisNet(seed: 1);
        var trainer = new Trainer(new TrainerOptions { Epochs = 30, BatchSize = 16, Seed = 2 });

        var history = trainer.Fit(network, Blobs(300, 3), Blobs(90, 4));

        Assert.True(history.ValidationLoss[^1] < history.ValidationLoss[0] / 2, $"validation loss {history.ValidationLoss[0]} → {history.ValidationLoss[^1]}");
        Assert.True(history.ValidationAccuracy[^1] >= 0.95, $"validation accuracy {history.ValidationAccuracy[^1]}");
        Assert.Equal(history.ValidationAccuracy[^1], ConfusionMatrix.Of(network, Blobs(90, 4)).Accuracy, 12);
    }
}
