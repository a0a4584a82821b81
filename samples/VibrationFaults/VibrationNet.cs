using CompiledNN;

namespace CompiledNN.Samples.VibrationFaults;

/// <summary>
/// 3 axes × 128 samples → two 1-D convolutions (ReLU), each followed by max pooling over 4 samples → 32 ReLU units →
/// the machine's condition (healthy, imbalance, bearing fault), trained with Adam (η = 0.001).
/// </summary>
[Network(Optimizer = Optimizer.Adam, LearningRate = 0.001f)]
[Input(3, 128)]
[Conv1D(16, 7, Activation.ReLU, Padding = 3)]
[MaxPool1D(4)]
[Conv1D(32, 5, Activation.ReLU, Padding = 2)]
[MaxPool1D(4)]
[Dense(32, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class VibrationNet;
