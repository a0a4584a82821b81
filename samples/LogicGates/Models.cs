using CompiledNN;

namespace LogicGates;

// McCulloch-Pitts neurons: fixed weights and a threshold, compiled to a comparison (AND is x0 + x1 >= 2).
[Neuron(Weights = new[] { 1f, 1f }, Threshold = 2f)]
public partial class AndGate;

[Neuron(Weights = new[] { 1f, 1f }, Threshold = 1f)]
public partial class OrGate;

// An inhibitory input: fires only when the input is off (−x ≥ 0).
[Neuron(Weights = new[] { -1f }, Threshold = 0f)]
public partial class NotGate;

// Rosenblatt's perceptron: one step unit over two inputs, learned with w += η (t − y) x.
[Perceptron(Inputs = 2, Outputs = 1, LearningRate = 0.1f)]
public partial class GatePerceptron;

// One hidden layer is enough for XOR: the hidden units draw two lines, the output combines them.
[Network(Optimizer = Optimizer.Adam, LearningRate = 0.05f)]
[Input(2)]
[Dense(4, Activation.Tanh)]
[Dense(1, Activation.Sigmoid)]
public partial class XorNetwork;
