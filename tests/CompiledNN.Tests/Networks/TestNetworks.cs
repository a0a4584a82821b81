using CompiledNN;

namespace CompiledNN.Tests.Networks;

[Network]
[Input(4)]
[Dense(16, Activation.ReLU)]
[Dense(16, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class IrisNet;
