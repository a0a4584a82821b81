using System;
using CompiledNN.Training;

namespace CompiledNN.Samples.TheoryTour;

/// <summary>Runs an action at the end of every epoch, on the training thread (<see cref="Progress{T}"/> would post it elsewhere).</summary>
internal sealed class OnEpochEnd(Action<EpochReport> action) : IProgress<EpochReport>
{
    public void Report(EpochReport value)
    {
        if (value.IsEpochEnd)
        {
            action(value);
        }
    }
}
