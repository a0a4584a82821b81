using CompiledNN;

namespace CompiledNN.Benchmarks.ConvComparison;

// The three networks of the convolution comparison, exactly as conv_comparison.py builds them in PyTorch: ReLU after
// every convolution and hidden dense layer, a softmax output trained with Adam (learning rate 0.001, torch.optim.Adam's
// default) on cross-entropy.

/// <summary>LeNet-5-like on 1×28×28.</summary>
[Network(Optimizer = Optimizer.Adam)]
[Input(1, 28, 28)]
[Conv2D(6, 5, Activation.ReLU, Padding = 2)]
[MaxPool2D(2)]
[Conv2D(16, 5, Activation.ReLU)]
[MaxPool2D(2)]
[Flatten]
[Dense(120, Activation.ReLU)]
[Dense(84, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class ConvLeNet;

/// <summary>A 1-D sensor network on 3 channels × 128 samples.</summary>
[Network(Optimizer = Optimizer.Adam)]
[Input(3, 128)]
[Conv1D(32, 5, Activation.ReLU, Padding = 2)]
[MaxPool1D(2)]
[Conv1D(64, 5, Activation.ReLU, Padding = 2)]
[MaxPool1D(2)]
[GlobalAvgPool]
[Dense(6, Activation.Softmax)]
public partial class ConvSensor;

/// <summary>A CIFAR-size network on 3×32×32.</summary>
[Network(Optimizer = Optimizer.Adam)]
[Input(3, 32, 32)]
[Conv2D(32, 3, Activation.ReLU, Padding = 1)]
[MaxPool2D(2)]
[Conv2D(64, 3, Activation.ReLU, Padding = 1)]
[MaxPool2D(2)]
[Flatten]
[Dense(10, Activation.Softmax)]
public partial class ConvCifar;
