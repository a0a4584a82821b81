using CompiledNN;

namespace CompiledNN.Tests.Layers;

// 1,000 inputs through Dropout(0.3) into one identity unit: with one row of ones and an output gradient of 1, the
// gradient of W[0, i] is mask_i itself, so Backward shows every mask value.
[Network(Optimizer = Optimizer.Sgd)]
[Input(1000)]
[Dropout(0.3f)]
[Dense(1, Activation.Identity)]
public partial class DropoutMaskProbeNet;

// Large enough to share training blocks between threads (64 rows of 17,024 multiply-adds per block), with two
// dropout layers, so the masks must not depend on which thread ran a block.
[Network(Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
[Input(64)]
[Dense(128, Activation.ReLU)]
[Dropout(0.5f)]
[Dense(64, Activation.ReLU)]
[Dropout(0.2f)]
[Dense(10, Activation.Softmax)]
public partial class ThreadedDropoutNet;
