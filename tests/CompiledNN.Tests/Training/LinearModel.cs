using System;
using System.Collections.Generic;

namespace CompiledNN.Tests.Training;

/// <summary>
/// A test double for the trainer: the linear model <c>y = W x + b</c> with the mean squared error over all N·K
/// outputs and plain SGD, whose gradient is analytic (<c>∂L/∂W = 2/(N·K) Σ (y − t) xᵀ</c>). It records what the
/// trainer feeds it so that tests can check the order of rows and the learning rate of every step.
/// </summary>
internal sealed class LinearModel : ITrainableNetwork
{
    private readonly float[] _parameters;
    private readonly float[] _gradient;
    private readonly float[] _output;
    private float _learningRate = 0.1f;

    public LinearModel(int inputs, int outputs)
    {
        InputSize = inputs;
        OutputSize = outputs;
        _parameters = new float[ParameterCount];
        _gradient = new float[ParameterCount];
        _output = new float[outputs];
    }

    public int InputSize { get; }

    public int OutputSize { get; }

    public int ParameterCount => (OutputSize * InputSize) + OutputSize;

    /// <summary>When set, every row of every batch (its first input) and the rate of every step are appended.</summary>
    public List<float>? SeenFirstInputs { get; set; }

    public List<float>? SeenRates { get; set; }

    public int Steps { get; private set; }

    public float LearningRate
    {
        get => _learningRate;
        set => _learningRate = value > 0 && float.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public void Predict(ReadOnlySpan<float> input, Span<float> output)
    {
        for (int j = 0; j < OutputSize; j++)
        {
            float sum = _parameters[(OutputSize * InputSize) + j];
            for (int i = 0; i < InputSize; i++)
            {
                sum += _parameters[(j * InputSize) + i] * input[i];
            }

            output[j] = sum;
        }
    }

    public void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs)
    {
        for (int row = 0; row < inputs.Length / InputSize; row++)
        {
            Predict(inputs.Slice(row * InputSize, InputSize), outputs.Slice(row * OutputSize, OutputSize));
        }
    }

    public void GetParameters(Span<float> destination) => _parameters.CopyTo(destination);

    public void SetParameters(ReadOnlySpan<float> source) => source.CopyTo(_parameters);

    public float ComputeLoss(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
    {
        int rows = inputs.Length / InputSize;
        double sum = 0;
        for (int row = 0; row < rows; row++)
        {
            Predict(inputs.Slice(row * InputSize, InputSize), _output);
            for (int j = 0; j < OutputSize; j++)
            {
                double error = _output[j] - targets[(row * OutputSize) + j];
                sum += error * error;
            }
        }

        return (float)(sum / (rows * OutputSize));
    }

    public void ComputeGradient(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> gradient)
    {
        int rows = inputs.Length / InputSize;
        gradient.Clear();
        float scale = 2f / (rows * OutputSize);
        for (int row = 0; row < rows; row++)
        {
            var input = inputs.Slice(row * InputSize, InputSize);
            Predict(input, _output);
            for (int j = 0; j < OutputSize; j++)
            {
                float error = scale * (_output[j] - targets[(row * OutputSize) + j]);
                for (int i = 0; i < InputSize; i++)
                {
                    gradient[(j * InputSize) + i] += error * input[i];
                }

                gradient[(OutputSize * InputSize) + j] += error;
            }
        }
    }

    public float TrainBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
    {
        if (SeenFirstInputs is not null)
        {
            for (int row = 0; row < inputs.Length / InputSize; row++)
            {
                SeenFirstInputs.Add(inputs[row * InputSize]);
            }
        }

        SeenRates?.Add(_learningRate);
        float loss = ComputeLoss(inputs, targets);
        ComputeGradient(inputs, targets, _gradient);
        for (int p = 0; p < _parameters.Length; p++)
        {
            _parameters[p] -= _learningRate * _gradient[p];
        }

        Steps++;
        return loss;
    }

    public float TrainStep(ReadOnlySpan<float> input, ReadOnlySpan<float> target) => TrainBatch(input, target);

    public void ResetOptimizer()
    {
        // Plain SGD keeps no state.
    }
}
