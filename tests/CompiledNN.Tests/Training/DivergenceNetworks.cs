using CompiledNN;

namespace CompiledNN.Tests.Training;

// 4-8-3, 67 parameters: the shape with which a finite row of 1e30 (SGD) and a learning rate of 1e38 (Adam) once
// returned normally and left the parameters unusable.
[Network(Optimizer = Optimizer.Sgd, LearningRate = 0.01f)]
[Input(4)]
[Dense(8, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class SgdDivergenceNet;

[Network(Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
[Input(4)]
[Dense(8, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class AdamDivergenceNet;
