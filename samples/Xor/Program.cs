using System;
using CompiledNN;

// The four rows of the XOR truth table: inputs (a, b) and the target a XOR b.
float[] inputs = [0, 0, 0, 1, 1, 0, 1, 1];
float[] targets = [0, 1, 1, 0];

var network = new XorNetwork(seed: 1);
for (int step = 1; step <= 1000; step++)
{
    // One Adam step on the whole table; the loss returned is the binary cross-entropy before the step.
    float loss = network.TrainBatch(inputs, targets);
    if (step == 1 || step % 200 == 0)
    {
        Console.WriteLine($"step {step,4}: loss {loss:F5}");
    }
}

Console.WriteLine();
Console.WriteLine("a b | p(a XOR b) | a XOR b");
Span<float> probability = stackalloc float[XorNetwork.OutputSize];
for (int row = 0; row < 4; row++)
{
    ReadOnlySpan<float> input = inputs.AsSpan(row * XorNetwork.InputSize, XorNetwork.InputSize);
    network.Predict(input, probability);
    Console.WriteLine($"{input[0]} {input[1]} | {probability[0],10:F4} | {network.PredictClass(input)}");
}

/// <summary>2 inputs → 4 tanh units → 1 sigmoid output, trained with Adam on binary cross-entropy (inferred from the sigmoid).</summary>
[Network(Optimizer = Optimizer.Adam, LearningRate = 0.05f)]
[Input(2)]
[Dense(4, Activation.Tanh)]
[Dense(1, Activation.Sigmoid)]
internal sealed partial class XorNetwork;
