using System;

namespace CompiledNN;

/// <summary>
/// A network that learns: what every generated <see cref="NetworkAttribute"/> network offers beyond prediction, so
/// that the trainer and other runtime helpers drive any network without generated copies of themselves.
/// </summary>
/// <remarks>
/// Rows are consecutive in the spans: <c>inputs</c> holds rows of <see cref="INetwork.InputSize"/>, <c>targets</c>
/// as many rows of <see cref="INetwork.OutputSize"/> (one-hot rows for a Softmax output). Losses are means as with
/// PyTorch's <c>reduction='mean'</c>. Bad arguments throw <see cref="ArgumentException"/> and change nothing.
/// </remarks>
public interface ITrainableNetwork : INetwork
{
    /// <summary>The optimizer's step size η; it may be changed between steps (e.g. by a schedule).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a finite number greater than 0.</exception>
    float LearningRate { get; set; }

    /// <summary>Forward, backward and one optimizer step on one row.</summary>
    /// <param name="input">One row of inputs.</param>
    /// <param name="target">Its target row.</param>
    /// <returns>The loss before the update.</returns>
    float TrainStep(ReadOnlySpan<float> input, ReadOnlySpan<float> target);

    /// <summary>One optimizer step on the mean gradient of the rows.</summary>
    /// <param name="inputs">Rows of inputs.</param>
    /// <param name="targets">As many rows of targets.</param>
    /// <returns>The mean loss before the update.</returns>
    float TrainBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets);

    /// <summary>The mean loss of the rows, without changing anything.</summary>
    /// <param name="inputs">Rows of inputs.</param>
    /// <param name="targets">As many rows of targets.</param>
    /// <returns>The mean loss.</returns>
    float ComputeLoss(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets);

    /// <summary>The gradient of the mean loss of the rows with respect to every parameter, in canonical order, without changing anything.</summary>
    /// <param name="inputs">Rows of inputs.</param>
    /// <param name="targets">As many rows of targets.</param>
    /// <param name="gradient">Receives <see cref="INetwork.ParameterCount"/> values.</param>
    void ComputeGradient(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> gradient);

    /// <summary>
    /// The gradient of Σ over rows of ⟨<paramref name="outputGradients"/> row, output row⟩ (outputs after the output
    /// activation) with respect to every parameter, in canonical order, without changing anything: with ∂L/∂outputs of a
    /// loss of the caller's own, the gradient of that loss.
    /// </summary>
    /// <param name="inputs">Rows of inputs, at least one.</param>
    /// <param name="outputGradients">As many rows of ∂L/∂outputs.</param>
    /// <param name="gradient">Receives <see cref="INetwork.ParameterCount"/> values.</param>
    /// <remarks>Every generated network implements it; the default, for other implementations, throws <see cref="NotSupportedException"/>.</remarks>
    void Backward(ReadOnlySpan<float> inputs, ReadOnlySpan<float> outputGradients, Span<float> gradient) =>
        throw new NotSupportedException($"{GetType().Name} does not implement {nameof(Backward)}.");

    /// <summary>One optimizer step with <paramref name="gradient"/> (canonical order), the step <see cref="TrainBatch"/> takes with its mean gradient.</summary>
    /// <param name="gradient"><see cref="INetwork.ParameterCount"/> finite values.</param>
    /// <remarks>Every generated network implements it; the default, for other implementations, throws <see cref="NotSupportedException"/>.</remarks>
    void ApplyGradient(ReadOnlySpan<float> gradient) =>
        throw new NotSupportedException($"{GetType().Name} does not implement {nameof(ApplyGradient)}.");

    /// <summary>Clears the optimizer's state (moments, accumulators, step count), as a freshly constructed optimizer has it.</summary>
    void ResetOptimizer();
}
