using CompiledNN;

namespace CompiledNN.Tests.Networks;

[Neuron(Weights = new[] { 1f, 1f }, Threshold = 2f)]
public partial class AndNeuron;

[Neuron(Weights = new[] { 1f, 1f }, Threshold = 1f)]
public partial class OrNeuron;

[Neuron(Weights = new[] { -1f }, Threshold = 0f)]
public partial class NotNeuron;

[Neuron(Weights = new[] { -1f, -1f }, Threshold = -1f)]
public partial class NandNeuron;

// Zero weights are dropped and non-unit weights multiplied: fires when 2·x0 − 0.5·x2 ≥ 1.5.
[Neuron(Weights = new[] { 2f, 0f, -0.5f }, Threshold = 1.5f, Inputs = 3)]
public partial class WeightedNeuron;

// Nine inputs: only the span overloads, no bool parameter list. A majority vote: fires when at least 5 are on.
[Neuron(Weights = new[] { 1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f }, Threshold = 5f)]
public partial class MajorityOfNine;

[Perceptron(Inputs = 2, LearningRate = 0.1f)]
public partial class TwoInputPerceptron;

[Perceptron(Inputs = 10, Outputs = 1, LearningRate = 0.05f)]
public partial class TenInputPerceptron;

[Perceptron(Inputs = 3, Outputs = 2, LearningRate = 0.25f)]
public partial class TwoUnitPerceptron;

// The network that lifts the perceptron's limit: one hidden layer learns XOR.
[Network(Optimizer = Optimizer.Adam, LearningRate = 0.05f)]
[Input(2)]
[Dense(4, Activation.Tanh)]
[Dense(1, Activation.Sigmoid)]
public partial class XorNetwork;
