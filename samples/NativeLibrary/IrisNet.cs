using CompiledNN;

namespace CompiledNN.Samples.NativeLibrary;

/// <summary>
/// The network samples/EmbeddedInference.Training trained, with its weights baked in, exported as C functions named
/// <c>iris_…</c> (declared in the generated <c>iris.h</c>).
/// </summary>
[Network(Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
[Input(4)]
[Dense(8, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Weights("iris.weights.json", InferenceOnly = true)]
[NativeExport("iris")]
public sealed partial class IrisNet;
