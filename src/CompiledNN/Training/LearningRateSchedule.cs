namespace CompiledNN.Training;

/// <summary>
/// The learning rate for each epoch, as a function of the epoch and the rate the network had when training started.
/// The <see cref="Trainer"/> sets <see cref="ITrainableNetwork.LearningRate"/> at the start of every epoch, as
/// PyTorch's epoch-wise schedulers do.
/// </summary>
public abstract class LearningRateSchedule
{
    /// <summary>The learning rate for <paramref name="epoch"/>.</summary>
    /// <param name="epoch">The zero-based epoch.</param>
    /// <param name="initialRate">The network's learning rate when training started.</param>
    /// <returns>A finite rate greater than 0.</returns>
    public abstract float RateAt(int epoch, float initialRate);
}
