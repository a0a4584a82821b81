using System;
using CompiledNN.Data;
using CompiledNN.Training;
using Xunit;

namespace CompiledNN.Tests.Training;

/// <summary>A batch size beyond the rows present trains on the whole set at once, with buffers the size of the data.</summary>
public sealed class OversizedBatchTests
{
    // Two classes told apart by the sign of the feature, as one-hot rows, so that validation also measures accuracy.
    private static Dataset TwoClasses(int count)
    {
        var features = new float[count];
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            features[i] = (i - ((count - 1) / 2f)) / count;
            labels[i] = features[i] < 0 ? 0 : 1;
        }

        return new Dataset(features, 1, OneHot.Encode(labels, 2), 2);
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(int.MaxValue - 100)]
    [InlineData(41)]
    public void A_batch_larger_than_the_set_is_one_step_on_every_row(int batchSize)
    {
        var model = new LinearModel(1, 2);
        var trainer = new Trainer(new TrainerOptions { Epochs = 3, BatchSize = batchSize });

        var history = trainer.Fit(model, TwoClasses(40));

        Assert.Equal(3, model.Steps);
        Assert.All(history.TrainingLoss, static loss => Assert.True(float.IsFinite(loss), $"training loss {loss}"));
        Assert.True(history.TrainingLoss[^1] < history.TrainingLoss[0]);
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(int.MaxValue - 100)]
    public void Validation_with_a_huge_batch_size_allocates_for_the_rows_present(int batchSize)
    {
        var training = TwoClasses(40);
        var validation = TwoClasses(10);
        var model = new LinearModel(1, 2);
        var trainer = new Trainer(new TrainerOptions { Epochs = 2, BatchSize = batchSize });

        long before = GC.GetAllocatedBytesForCurrentThread();
        var history = trainer.Fit(model, training, validation);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(2, model.Steps);
        Assert.All(history.ValidationLoss, static loss => Assert.True(float.IsFinite(loss), $"validation loss {loss}"));
        Assert.Equal(2, history.ValidationAccuracy.Count);
        // The buffers hold 40 training and 10 validation rows; a batch-sized buffer would be gigabytes.
        Assert.True(allocated < 64 * 1024, $"{allocated} bytes allocated");
    }
}
