using System;

namespace CompiledNN.Tests.Helpers;

/// <summary>
/// The class-index overloads every Softmax network generates, gathered in an interface so that one test drives them
/// on any such network. The networks under test declare it; the generated public methods implement it.
/// </summary>
public interface IClassIndexTraining : ITrainableNetwork
{
    float TrainStep(ReadOnlySpan<float> input, int target);

    float TrainBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<int> targets);

    float ComputeLoss(ReadOnlySpan<float> inputs, ReadOnlySpan<int> targets);

    void ComputeGradient(ReadOnlySpan<float> inputs, ReadOnlySpan<int> targets, Span<float> gradient);
}
