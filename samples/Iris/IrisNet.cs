using CompiledNN;

namespace CompiledNN.Samples.Iris;

/// <summary>4 measurements → 16 ReLU units → 3 species; the generator writes the forward pass, backpropagation and Adam.</summary>
[Network(Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
[Input(4)]
[Dense(16, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class IrisNet;
