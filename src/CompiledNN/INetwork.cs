using System;

namespace CompiledNN;

/// <summary>
/// What every generated <see cref="NetworkAttribute"/> network offers, so that trainers, metrics and data helpers are
/// written once in this library and work with every network.
/// </summary>
/// <remarks>
/// Parameters are exchanged in the canonical order: for each dense layer in declaration order, its weight matrix as
/// <c>[units, inputs]</c> row-major (the layout of PyTorch's <c>nn.Linear.weight</c>), then its bias.
/// Spans of the wrong length throw <see cref="ArgumentException"/> naming the expected length.
/// </remarks>
public interface INetwork
{
    /// <summary>The number of input features of one row.</summary>
    int InputSize { get; }

    /// <summary>The number of outputs of one row.</summary>
    int OutputSize { get; }

    /// <summary>The number of trainable parameters (weights and biases).</summary>
    int ParameterCount { get; }

    /// <summary>Runs the forward pass for one row. Allocates nothing and may be called from several threads at once.</summary>
    /// <param name="input">One row of <see cref="InputSize"/> features.</param>
    /// <param name="output">Receives <see cref="OutputSize"/> outputs (probabilities for a Softmax output).</param>
    void Predict(ReadOnlySpan<float> input, Span<float> output);

    /// <summary>Runs the forward pass for consecutive rows: <paramref name="inputs"/> holds rows of <see cref="InputSize"/>, <paramref name="outputs"/> receives rows of <see cref="OutputSize"/>.</summary>
    /// <param name="inputs">Rows of <see cref="InputSize"/> features, one after the other.</param>
    /// <param name="outputs">Receives the rows of <see cref="OutputSize"/> outputs; as many rows as <paramref name="inputs"/>.</param>
    void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs);

    /// <summary>Copies the parameters, in canonical order, into <paramref name="destination"/>.</summary>
    /// <param name="destination">A span of exactly <see cref="ParameterCount"/> elements.</param>
    void GetParameters(Span<float> destination);

    /// <summary>Replaces the parameters with <paramref name="source"/>, in canonical order. Nothing changes if it is rejected.</summary>
    /// <param name="source">Exactly <see cref="ParameterCount"/> finite values.</param>
    void SetParameters(ReadOnlySpan<float> source);
}
