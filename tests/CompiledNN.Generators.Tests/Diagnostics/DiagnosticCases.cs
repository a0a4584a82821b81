using System.Collections.Generic;
using System.Linq;

namespace CompiledNN.Generators.Tests.Diagnostics;

/// <summary>A diagnostic a case must report: its ID and the exact source text it must cover.</summary>
/// <param name="Id">The diagnostic ID.</param>
/// <param name="Span">The text the diagnostic's location must cover.</param>
/// <param name="Within">A longer text that holds <paramref name="Span"/> once and appears once in the source, when the span alone is ambiguous.</param>
/// <param name="File">The index of the source file.</param>
internal sealed record Expected(string Id, string Span, string? Within = null, int File = 0);

/// <summary>One declaration and everything a build of it must report.</summary>
/// <param name="Sources">The source files.</param>
/// <param name="Diagnostics">Every analyzer diagnostic, no more and no fewer.</param>
/// <param name="CompilerErrors">The IDs of the compiler diagnostics the declaration causes on its own (a malformed attribute use).</param>
/// <param name="BuildProperties">MSBuild properties visible to the analyzer.</param>
internal sealed record DiagnosticCase(string[] Sources, Expected[] Diagnostics, string[]? CompilerErrors = null, Dictionary<string, string>? BuildProperties = null);

/// <summary>
/// One or more reporting cases for every diagnostic ID, each listing everything the analyzer must say, and the valid
/// near misses that must get nothing but the resource budget.
/// </summary>
internal static class DiagnosticCases
{
    private const string Usings = "using System;\nusing CompiledNN;\n\nnamespace Demo;\n\n";

    private const string Regression = "[Input(3)]\n[Dense(8, Activation.GELU)]\n[Dense(1)]\npublic partial class Model;\n";

    private const string Iris = "[Input(4)]\n[Dense(16, Activation.ReLU)]\n[Dense(16, Activation.ReLU)]\n[Dense(3, Activation.Softmax)]\npublic partial class Model;\n";

    private static readonly Expected Budget = new("CNN2001", "Network");

    public static readonly Dictionary<string, DiagnosticCase> Reporting = new()
    {
        ["CNN0001 type not partial"] = One(
            "[Network]\n[Input(2)]\n[Dense(1, Activation.Sigmoid)]\npublic class Model;\n",
            new Expected("CNN0001", "Model")),
        ["CNN0002 containing type not partial"] = One(
            "public class Outer\n{\n    [Network]\n    [Input(2)]\n    [Dense(1, Activation.Sigmoid)]\n    public partial class Model;\n}\n",
            new Expected("CNN0002", "Model")),
        ["CNN0003 static class"] = One(
            "[Network]\n[Input(2)]\n[Dense(1, Activation.Sigmoid)]\npublic static partial class Model;\n",
            new Expected("CNN0003", "Model")),
        ["CNN0003 abstract class"] = One(
            "[Network]\n[Input(2)]\n[Dense(1, Activation.Sigmoid)]\npublic abstract partial class Model;\n",
            new Expected("CNN0003", "Model")),
        ["CNN0003 generic class"] = One(
            "[Network]\n[Input(2)]\n[Dense(1, Activation.Sigmoid)]\npublic partial class Model<T>;\n",
            new Expected("CNN0003", "Model")),
        ["CNN0003 record"] = One(
            "[Network]\n[Input(2)]\n[Dense(1, Activation.Sigmoid)]\npublic partial record Model;\n",
            new Expected("CNN0003", "Model")),
        ["CNN0003 file-local class"] = One(
            "[Network]\n[Input(2)]\n[Dense(1, Activation.Sigmoid)]\nfile partial class Model;\n",
            new Expected("CNN0003", "Model")),
        ["CNN0004 no input"] = One(
            "[Network]\n[Dense(1, Activation.Sigmoid)]\npublic partial class Model;\n",
            new Expected("CNN0004", "Network")),
        ["CNN0005 two inputs"] = One(
            "[Network]\n[Input(2)]\n[Input(3)]\n[Dense(1, Activation.Sigmoid)]\npublic partial class Model;\n",
            [new Expected("CNN0005", "Input(3)")],
            compilerErrors: ["CS0579"]),
        ["CNN0006 no layer"] = One(
            "[Network]\n[Input(2)]\npublic partial class Model;\n",
            new Expected("CNN0006", "Network")),
        ["CNN0007 input size 0"] = One(
            "[Network]\n[Input(0)]\n[Dense(1, Activation.Sigmoid)]\npublic partial class Model;\n",
            new Expected("CNN0007", "0", "Input(0)")),
        ["CNN0007 negative units"] = One(
            "[Network]\n[Input(2)]\n[Dense(-3, Activation.ReLU)]\n[Dense(1, Activation.Sigmoid)]\npublic partial class Model;\n",
            new Expected("CNN0007", "-3")),
        ["CNN0008 step"] = One(
            "[Network]\n[Input(2)]\n[Dense(1, Activation.Step)]\npublic partial class Model;\n",
            new Expected("CNN0008", "Activation.Step")),
        ["CNN0009 cross-entropy without softmax"] = One(
            "[Network(Loss = Loss.CrossEntropy)]\n[Input(2)]\n[Dense(1, Activation.Sigmoid)]\npublic partial class Model;\n",
            new Expected("CNN0009", "Loss = Loss.CrossEntropy")),
        ["CNN0010 binary cross-entropy without sigmoid"] = One(
            "[Network(Loss = Loss.BinaryCrossEntropy)]\n[Input(2)]\n[Dense(3, Activation.Softmax)]\npublic partial class Model;\n",
            new Expected("CNN0010", "Loss = Loss.BinaryCrossEntropy")),
        ["CNN0011 softmax over one unit"] = One(
            "[Network]\n[Input(2)]\n[Dense(1, Activation.Softmax)]\npublic partial class Model;\n",
            new Expected("CNN0011", "1", "Dense(1, Activation.Softmax)")),
        ["CNN0012 negative learning rate"] = One(
            "[Network(LearningRate = -1f)]\n" + Iris,
            new Expected("CNN0012", "LearningRate = -1f")),
        ["CNN0012 NaN learning rate"] = One(
            "[Network(LearningRate = float.NaN)]\n" + Iris,
            new Expected("CNN0012", "LearningRate = float.NaN")),
        ["CNN0012 infinite learning rate"] = One(
            "[Network(Optimizer = Optimizer.Sgd, LearningRate = float.PositiveInfinity)]\n" + Iris,
            new Expected("CNN0012", "LearningRate = float.PositiveInfinity")),
        ["CNN0013 beta1 of 1"] = One(
            "[Network(Beta1 = 1f)]\n" + Iris,
            new Expected("CNN0013", "Beta1 = 1f")),
        ["CNN0013 momentum above 1"] = One(
            "[Network(Optimizer = Optimizer.Momentum, Momentum = 1.5f)]\n" + Iris,
            new Expected("CNN0013", "Momentum = 1.5f")),
        ["CNN0013 negative rho"] = One(
            "[Network(Optimizer = Optimizer.RMSProp, Rho = -0.5f)]\n" + Iris,
            new Expected("CNN0013", "Rho = -0.5f")),
        ["CNN0014 layers on two declarations"] = new(
            [Usings + "[Network]\n[Input(2)]\npublic partial class Model;\n", Usings + "[Dense(1, Activation.Sigmoid)]\npublic partial class Model;\n"],
            [new Expected("CNN0014", "Model")]),
        ["CNN0015 method collides"] = One(
            "[Network]\n" + Iris.Replace("class Model;", "class Model\n{\n    public void Predict(ReadOnlySpan<float> input, Span<float> output) { }\n}"),
            new Expected("CNN0015", "Predict")),
        ["CNN0015 property collides with a training member"] = One(
            "[Network]\n" + Iris.Replace("class Model;", "class Model\n{\n    public float LearningRate { get; set; }\n}"),
            new Expected("CNN0015", "LearningRate")),
        ["CNN0015 field collides with the implementation's field"] = One(
            "[Network]\n" + Iris.Replace("class Model;", "class Model\n{\n    private readonly object _implementation = new();\n}"),
            new Expected("CNN0015", "_implementation")),
        ["CNN0015 nested class collides with the implementation"] = One(
            "[Network]\n" + Iris.Replace("class Model;", "class Model\n{\n    private sealed class Implementation { }\n}"),
            new Expected("CNN0015", "Implementation")),
        ["CNN0026 class named like a generated method"] = One(
            "[Network]\n[Input(2)]\n[Dense(1, Activation.Sigmoid)]\npublic partial class Predict;\n",
            new Expected("CNN0026", "Predict")),
        ["CNN0026 class named like a generated property"] = One(
            "[Network]\n[Input(2)]\n[Dense(1, Activation.Sigmoid)]\npublic partial class Architecture;\n",
            new Expected("CNN0026", "Architecture")),
        ["CNN0016 network and perceptron"] = One(
            "[Network]\n[Perceptron(Inputs = 2)]\n[Input(2)]\n[Dense(1, Activation.Sigmoid)]\npublic partial class Model;\n",
            new Expected("CNN0016", "Network")),
        ["CNN0017 epsilon of 0"] = One(
            "[Network(Epsilon = 0f)]\n" + Iris,
            new Expected("CNN0017", "Epsilon = 0f")),
        ["CNN0017 negative weight decay"] = One(
            "[Network(WeightDecay = -0.1f)]\n" + Iris,
            new Expected("CNN0017", "WeightDecay = -0.1f")),
        ["CNN0017 infinite alpha"] = One(
            "[Network]\n[Input(2)]\n[Dense(4, Activation.LeakyReLU, Alpha = float.PositiveInfinity)]\n[Dense(1, Activation.Sigmoid)]\npublic partial class Model;\n",
            new Expected("CNN0017", "Alpha = float.PositiveInfinity")),
        ["CNN0018 softmax in a hidden layer"] = One(
            "[Network]\n[Input(2)]\n[Dense(4, Activation.Softmax)]\n[Dense(1, Activation.Sigmoid)]\npublic partial class Model;\n",
            new Expected("CNN0018", "Activation.Softmax")),
        ["CNN0019 undefined loss"] = One(
            "[Network(Loss = (Loss)42)]\n" + Iris,
            new Expected("CNN0019", "Loss = (Loss)42")),
        ["CNN0019 undefined activation"] = One(
            "[Network]\n[Input(2)]\n[Dense(4, (Activation)99)]\n[Dense(1, Activation.Sigmoid)]\npublic partial class Model;\n",
            new Expected("CNN0019", "(Activation)99")),
        ["CNN0019 undefined optimizer, init and code shape"] = One(
            "[Network(Optimizer = (Optimizer)70, Init = (Initialization)9, CodeShape = (CodeShape)5)]\n" + Iris,
            new Expected("CNN0019", "Optimizer = (Optimizer)70"),
            new Expected("CNN0019", "Init = (Initialization)9"),
            new Expected("CNN0019", "CodeShape = (CodeShape)5")),
        ["CNN0020 input of int.MaxValue"] = One(
            "[Network]\n[Input(int.MaxValue)]\n[Dense(2, Activation.Softmax)]\npublic partial class Model;\n",
            new Expected("CNN0020", "Network")),
        ["CNN0020 two wide layers"] = One(
            "[Network]\n[Input(40000)]\n[Dense(40000, Activation.ReLU)]\n[Dense(1, Activation.Sigmoid)]\npublic partial class Model;\n",
            new Expected("CNN0020", "Network")),
        ["CNN0021 huge unrolled layer"] = One(
            "[Network(CodeShape = CodeShape.Unrolled)]\n[Input(1000)]\n[Dense(100, Activation.ReLU)]\n[Dense(1, Activation.Sigmoid)]\npublic partial class Model;\n",
            new Expected("CNN0021", "CodeShape = CodeShape.Unrolled")),
        ["CNN0022 layers without network"] = One(
            "[Input(2)]\n[Dense(1, Activation.Sigmoid)]\npublic partial class Model;\n",
            new Expected("CNN0022", "Input(2)")),
        ["CNN0023 parameter budget"] = One(
            "[Network]\n" + Iris,
            [new Expected("CNN0023", "Network"), Budget],
            buildProperties: new() { ["CompiledNN_MaxParameterBytes"] = "1611" }),
        ["CNN0024 stack budget"] = One(
            "[Network]\n" + Iris,
            [new Expected("CNN0024", "Network"), Budget],
            buildProperties: new() { ["CompiledNN_MaxStackBytes"] = "139" }),
        ["CNN0025 budget that is not a number"] = One(
            "[Network]\n" + Iris,
            [new Expected("CNN0025", "Network"), Budget],
            buildProperties: new() { ["CompiledNN_MaxStackBytes"] = "4 KB" }),
        ["CNN0027 more parameters than a weights file holds"] = One(
            "[Network]\n[Input(12000)]\n[Dense(12000, Activation.ReLU)]\n[Dense(1, Activation.Sigmoid)]\npublic partial class Model;\n",
            new Expected("CNN0027", "Network")),
        ["CNN0033 dropout rate of 1"] = One(
            "[Network]\n[Input(4)]\n[Dense(16, Activation.ReLU)]\n[Dropout(1f)]\n[Dense(3, Activation.Softmax)]\npublic partial class Model;\n",
            new Expected("CNN0033", "1f")),
        ["CNN0033 negative dropout rate"] = One(
            "[Network]\n[Input(4)]\n[Dropout(-0.1f)]\n[Dense(16, Activation.ReLU)]\n[Dense(3, Activation.Softmax)]\npublic partial class Model;\n",
            new Expected("CNN0033", "-0.1f")),
        ["CNN0034 dropout after the output layer"] = One(
            "[Network]\n[Input(4)]\n[Dense(16, Activation.ReLU)]\n[Dense(3, Activation.Softmax)]\n[Dropout(0.2f)]\npublic partial class Model;\n",
            new Expected("CNN0034", "Dropout(0.2f)")),
        ["CNN0035 BatchNorm momentum of 0"] = One(
            "[Network]\n[Input(4)]\n[Dense(16)]\n[BatchNorm(Activation.ReLU, Momentum = 0f)]\n[Dense(3, Activation.Softmax)]\npublic partial class Model;\n",
            new Expected("CNN0035", "Momentum = 0f")),
        ["CNN0035 BatchNorm momentum above 1"] = One(
            "[Network]\n[Input(4)]\n[Dense(16)]\n[BatchNorm(Activation.ReLU, Momentum = 1.5f)]\n[Dense(3, Activation.Softmax)]\npublic partial class Model;\n",
            new Expected("CNN0035", "Momentum = 1.5f")),
        ["CNN0036 LayerNorm epsilon of 0"] = One(
            "[Network]\n[Input(4)]\n[Dense(16, Activation.ReLU)]\n[LayerNorm(Epsilon = 0f)]\n[Dense(3, Activation.Softmax)]\npublic partial class Model;\n",
            new Expected("CNN0036", "Epsilon = 0f")),
        ["CNN0036 negative BatchNorm epsilon"] = One(
            "[Network]\n[Input(4)]\n[Dense(16)]\n[BatchNorm(Activation.ReLU, Epsilon = -1e-5f)]\n[Dense(3, Activation.Softmax)]\npublic partial class Model;\n",
            new Expected("CNN0036", "Epsilon = -1e-5f")),
        ["CNN0037 LayerNorm after channels"] = One(
            "[Network]\n[Input(1, 6, 6)]\n[Conv2D(2, 3, Activation.ReLU)]\n[LayerNorm]\n[Dense(3, Activation.Softmax)]\npublic partial class Model;\n",
            new Expected("CNN0037", "LayerNorm")),
        ["CNN0038 baked weights of a network with BatchNorm"] = One(
            "[Network]\n[Input(4)]\n[Dense(16)]\n[BatchNorm(Activation.ReLU)]\n[Dense(3, Activation.Softmax)]\n[Weights(\"model.weights.json\")]\npublic partial class Model;\n",
            new Expected("CNN0038", "Weights(\"model.weights.json\")"), Budget),
        ["CNN0040 kernel larger than the padded image"] = One(
            "[Network]\n[Input(1, 6, 6)]\n[Conv2D(4, 7, Activation.ReLU)]\n[Dense(3, Activation.Softmax)]\npublic partial class Model;\n",
            new Expected("CNN0040", "7")),
        ["CNN0040 dilated kernel larger than the signal"] = One(
            "[Network]\n[Input(2, 10)]\n[Conv1D(4, 3, Activation.ReLU, Dilation = 5, Padding = 0)]\n[Dense(1)]\npublic partial class Model;\n",
            new Expected("CNN0040", "3", "Conv1D(4, 3")),
        ["CNN0041 negative padding"] = One(
            "[Network]\n[Input(1, 8, 8)]\n[Conv2D(4, 3, Activation.ReLU, Padding = -1)]\n[Dense(3, Activation.Softmax)]\npublic partial class Model;\n",
            new Expected("CNN0041", "Padding = -1")),
        ["CNN0042 stride of 0"] = One(
            "[Network]\n[Input(1, 8, 8)]\n[Conv2D(4, 3, Activation.ReLU, Stride = 0)]\n[Dense(3, Activation.Softmax)]\npublic partial class Model;\n",
            new Expected("CNN0042", "Stride = 0")),
        ["CNN0042 pooling stride of 0 and dilation of 0"] = One(
            "[Network]\n[Input(2, 16)]\n[Conv1D(4, 3, Activation.ReLU, Dilation = 0)]\n[MaxPool1D(2, Stride = 0)]\n[Dense(1)]\npublic partial class Model;\n",
            new Expected("CNN0042", "Dilation = 0")),
        ["CNN0043 convolution after a flat input"] = One(
            "[Network]\n[Input(16)]\n[Conv1D(4, 3, Activation.ReLU)]\n[Dense(1)]\npublic partial class Model;\n",
            new Expected("CNN0043", "Conv1D(4, 3, Activation.ReLU)")),
        ["CNN0043 pooling after a dense layer"] = One(
            "[Network]\n[Input(1, 8, 8)]\n[Dense(16, Activation.ReLU)]\n[MaxPool2D(2)]\n[Dense(3, Activation.Softmax)]\npublic partial class Model;\n",
            new Expected("CNN0043", "MaxPool2D(2)")),
        ["CNN0043 flatten after global pooling"] = One(
            "[Network]\n[Input(3, 8, 8)]\n[Conv2D(4, 3, Activation.ReLU)]\n[GlobalAvgPool]\n[Flatten]\n[Dense(3, Activation.Softmax)]\npublic partial class Model;\n",
            new Expected("CNN0043", "Flatten")),
        ["CNN0044 pooling window larger than its input"] = One(
            "[Network]\n[Input(1, 8, 8)]\n[Conv2D(4, 3, Activation.ReLU)]\n[MaxPool2D(4)]\n[AvgPool2D(4)]\n[Dense(3, Activation.Softmax)]\npublic partial class Model;\n",
            new Expected("CNN0044", "4", "AvgPool2D(4)")),
        ["CNN0045 Conv2D on a signal"] = One(
            "[Network]\n[Input(2, 32)]\n[Conv2D(4, 3, Activation.ReLU)]\n[Dense(1)]\npublic partial class Model;\n",
            new Expected("CNN0045", "Conv2D(4, 3, Activation.ReLU)")),
        ["CNN0045 MaxPool1D on an image"] = One(
            "[Network]\n[Input(1, 8, 8)]\n[MaxPool1D(2)]\n[Dense(3, Activation.Softmax)]\npublic partial class Model;\n",
            new Expected("CNN0045", "MaxPool1D(2)")),
        ["CNN0046 int8 weights of a convolutional network"] = One(
            "[Network]\n[Input(1, 6, 6)]\n[Conv2D(2, 3, Activation.ReLU)]\n[Dense(3, Activation.Softmax)]\n[Weights(\"model.weights.json\", InferenceOnly = true, Quantization = Quantization.Int8)]\npublic partial class Model;\n",
            new Expected("CNN0046", "Weights(\"model.weights.json\", InferenceOnly = true, Quantization = Quantization.Int8)"), Budget),
        ["CNN1001 MSE on softmax"] = One(
            "[Network(Loss = Loss.MeanSquaredError)]\n" + Iris,
            new Expected("CNN1001", "Loss = Loss.MeanSquaredError"), Budget),
        ["CNN1002 hidden layer without activation"] = One(
            "[Network]\n[Input(2)]\n[Dense(8)]\n[Dense(1, Activation.Sigmoid)]\npublic partial class Model;\n",
            new Expected("CNN1002", "Dense(8)"), Budget),
        ["CNN1002 hidden identity"] = One(
            "[Network]\n[Input(2)]\n[Dense(8, Activation.ReLU)]\n[Dense(8, Activation.Identity)]\n[Dense(1, Activation.Sigmoid)]\npublic partial class Model;\n",
            new Expected("CNN1002", "Activation.Identity"), Budget),
        ["CNN1002 and CNN0007 on constructor arguments written by name, in another order"] = One(
            "[Network]\n[Input(2)]\n[Dense(activation: Activation.Identity, units: 8)]\n[Dense(activation: Activation.Sigmoid, units: -2)]\npublic partial class Model;\n",
            new Expected("CNN1002", "activation: Activation.Identity"), new Expected("CNN0007", "units: -2")),
        ["CNN1003 four sigmoid/tanh hidden layers"] = One(
            "[Network]\n[Input(2)]\n[Dense(8, Activation.Tanh)]\n[Dense(7, Activation.Tanh)]\n[Dense(6, Activation.Sigmoid)]\n[Dense(5, Activation.Tanh)]\n[Dense(1, Activation.Sigmoid)]\npublic partial class Model;\n",
            new Expected("CNN1003", "Activation.Tanh", "Dense(8, Activation.Tanh)"), Budget),
        ["CNN1004 Xavier with ReLU"] = One(
            "[Network(Init = Initialization.XavierUniform)]\n" + Iris,
            new Expected("CNN1004", "Init = Initialization.XavierUniform"), Budget),
        ["CNN1004 He with tanh"] = One(
            "[Network(Init = Initialization.HeNormal)]\n[Input(2)]\n[Dense(8, Activation.Tanh)]\n[Dense(1, Activation.Sigmoid)]\npublic partial class Model;\n",
            new Expected("CNN1004", "Init = Initialization.HeNormal"), Budget),
        ["CNN1005 leaky slope of 1"] = One(
            "[Network]\n[Input(2)]\n[Dense(8, Activation.LeakyReLU, Alpha = 1f)]\n[Dense(1, Activation.Sigmoid)]\npublic partial class Model;\n",
            new Expected("CNN1005", "Alpha = 1f"), Budget),
        ["CNN1005 negative leaky slope"] = One(
            "[Network]\n[Input(2)]\n[Dense(8, Activation.LeakyReLU, Alpha = -0.1f)]\n[Dense(1, Activation.Sigmoid)]\npublic partial class Model;\n",
            new Expected("CNN1005", "Alpha = -0.1f"), Budget),
        ["CNN1005 ELU alpha of 0"] = One(
            "[Network]\n[Input(2)]\n[Dense(8, Activation.ELU, Alpha = 0f)]\n[Dense(1, Activation.Sigmoid)]\npublic partial class Model;\n",
            new Expected("CNN1005", "Alpha = 0f"), Budget),
        ["CNN1006 Adam learning rate of 0.5"] = One(
            "[Network(LearningRate = 0.5f)]\n" + Iris,
            new Expected("CNN1006", "LearningRate = 0.5f"), Budget),
        ["CNN1006 SGD learning rate of 2"] = One(
            "[Network(Optimizer = Optimizer.Sgd, LearningRate = 2f)]\n" + Iris,
            new Expected("CNN1006", "LearningRate = 2f"), Budget),
        ["CNN1006 RMSProp learning rate of 1e-7"] = One(
            "[Network(Optimizer = Optimizer.RMSProp, LearningRate = 1e-7f)]\n" + Iris,
            new Expected("CNN1006", "LearningRate = 1e-7f"), Budget),
        ["CNN1007 momentum with Adam"] = One(
            "[Network(Momentum = 0.5f)]\n" + Iris,
            new Expected("CNN1007", "Momentum = 0.5f"), Budget),
        ["CNN1007 betas and epsilon with SGD"] = One(
            "[Network(Optimizer = Optimizer.Sgd, Beta2 = 0.99f, Epsilon = 1e-6f)]\n" + Iris,
            new Expected("CNN1007", "Beta2 = 0.99f"), new Expected("CNN1007", "Epsilon = 1e-6f"), Budget),
        ["CNN1007 rho with Adam"] = One(
            "[Network(Rho = 0.9f)]\n" + Iris,
            new Expected("CNN1007", "Rho = 0.9f"), Budget),
        ["CNN1008 alpha with ReLU"] = One(
            "[Network]\n[Input(2)]\n[Dense(8, Activation.ReLU, Alpha = 0.1f)]\n[Dense(1, Activation.Sigmoid)]\npublic partial class Model;\n",
            new Expected("CNN1008", "Alpha = 0.1f"), Budget),
        ["CNN1009 unrolled layer past the JIT's limit"] = One(
            "[Network(CodeShape = CodeShape.Unrolled)]\n[Input(100)]\n[Dense(50, Activation.ReLU)]\n[Dense(1, Activation.Sigmoid)]\npublic partial class Model;\n",
            new Expected("CNN1009", "CodeShape = CodeShape.Unrolled"), Budget),
        ["CNN1010 hidden layer narrower than the classes"] = One(
            "[Network]\n[Input(784)]\n[Dense(32, Activation.ReLU)]\n[Dense(4, Activation.ReLU)]\n[Dense(10, Activation.Softmax)]\npublic partial class Model;\n",
            new Expected("CNN1010", "4", "Dense(4, Activation.ReLU)"), Budget),
        ["CNN1011 Beta2 too small for Beta1"] = One(
            "[Network(Beta2 = 0.5f)]\n" + Iris,
            new Expected("CNN1011", "Beta2 = 0.5f"), Budget),
        ["CNN1011 Beta1 too large for the default Beta2"] = One(
            "[Network(Optimizer = Optimizer.AdamW, Beta1 = 0.9999f)]\n" + Iris,
            new Expected("CNN1011", "Beta1 = 0.9999f"), Budget),
        ["CNN0028 Huber delta of 0"] = One(
            "[Network(Loss = Loss.Huber, HuberDelta = 0f)]\n" + Regression,
            new Expected("CNN0028", "HuberDelta = 0f")),
        ["CNN0028 Huber delta of NaN"] = One(
            "[Network(Loss = Loss.Huber, HuberDelta = float.NaN)]\n" + Regression,
            new Expected("CNN0028", "HuberDelta = float.NaN")),
        ["CNN0029 negative clip"] = One(
            "[Network(ClipGradientNorm = -1f)]\n" + Regression,
            new Expected("CNN0029", "ClipGradientNorm = -1f")),
        ["CNN0029 infinite clip"] = One(
            "[Network(ClipGradientNorm = float.PositiveInfinity)]\n" + Regression,
            new Expected("CNN0029", "ClipGradientNorm = float.PositiveInfinity")),
        ["CNN1012 L1 on softmax"] = One(
            "[Network(Loss = Loss.L1)]\n" + Iris,
            new Expected("CNN1012", "Loss = Loss.L1"), Budget),
        ["CNN1012 Huber on softmax"] = One(
            "[Network(Loss = Loss.Huber)]\n" + Iris,
            new Expected("CNN1012", "Loss = Loss.Huber"), Budget),
        ["CNN1013 Huber delta with the default loss"] = One(
            "[Network(HuberDelta = 0.5f)]\n" + Regression,
            new Expected("CNN1013", "HuberDelta = 0.5f"), Budget),
        ["CNN1014 clip too small for SGD"] = One(
            "[Network(Optimizer = Optimizer.Sgd, ClipGradientNorm = 1e-5f)]\n" + Regression,
            new Expected("CNN1014", "ClipGradientNorm = 1e-5f"), Budget),
        ["CNN1014 clip too small for momentum"] = One(
            "[Network(Optimizer = Optimizer.Momentum, LearningRate = 1e-3f, ClipGradientNorm = 1e-5f)]\n" + Regression,
            new Expected("CNN1014", "ClipGradientNorm = 1e-5f"), Budget),
        ["CNN1020 stride larger than the pooling window"] = One(
            "[Network]\n[Input(1, 12, 12)]\n[AvgPool2D(2, Stride = 3)]\n[Dense(3, Activation.Softmax)]\npublic partial class Model;\n",
            new Expected("CNN1020", "Stride = 3"), Budget),
        ["CNN1020 dilation the stride does not fill in"] = One(
            "[Network]\n[Input(2, 30)]\n[Conv1D(4, 2, Activation.ReLU, Dilation = 3, Stride = 6)]\n[Dense(1)]\npublic partial class Model;\n",
            new Expected("CNN1020", "Stride = 6"), Budget),
        ["CNN1030 BatchNorm on the logits of a Softmax output"] = One(
            "[Network]\n[Input(4)]\n[Dense(16, Activation.ReLU)]\n[Dense(3)]\n[BatchNorm(Activation.Softmax)]\npublic partial class Model;\n",
            new Expected("CNN1030", "Activation.Softmax"), Budget),
        ["CNN1031 LayerNorm over one feature"] = One(
            "[Network]\n[Input(4)]\n[Dense(8, Activation.ReLU)]\n[Dense(1)]\n[LayerNorm(Activation.Tanh)]\n[Dense(1)]\npublic partial class Model;\n",
            new Expected("CNN1031", "LayerNorm(Activation.Tanh)"), Budget),
        ["CNN1032 BatchNorm as the output of a regression"] = One(
            "[Network]\n[Input(3)]\n[Dense(8, Activation.Tanh)]\n[Dense(2)]\n[BatchNorm]\npublic partial class Model;\n",
            new Expected("CNN1032", "BatchNorm"), Budget),
        ["CNN1033 dropout right before BatchNorm"] = One(
            "[Network]\n[Input(4)]\n[Dense(16, Activation.ReLU)]\n[Dropout(0.2f)]\n[BatchNorm(Activation.ReLU)]\n[Dense(3, Activation.Softmax)]\npublic partial class Model;\n",
            new Expected("CNN1033", "BatchNorm(Activation.ReLU)"), Budget),
        ["CNN1016 dropout rate above 0.5"] = One(
            "[Network]\n[Input(4)]\n[Dense(16, Activation.ReLU)]\n[Dropout(0.8f)]\n[Dense(3, Activation.Softmax)]\npublic partial class Model;\n",
            new Expected("CNN1016", "0.8f"), Budget),
        ["CNN1017 dropout in an inference-only network"] = One(
            "[Network]\n[Input(4)]\n[Dense(16, Activation.ReLU)]\n[Dropout(0.2f)]\n[Dense(3, Activation.Softmax)]\n[Weights(\"model.weights.json\", InferenceOnly = true)]\npublic partial class Model;\n",
            new Expected("CNN1017", "Dropout(0.2f)"), Budget),
    };

    /// <summary>
    /// Valid declarations, many of them a near miss of a rule above (the comment says which); each must get the budget
    /// and nothing else, and must compile.
    /// </summary>
    public static readonly Dictionary<string, DiagnosticCase> Valid = new()
    {
        ["LeNet-like image network with padding, strides and every pooling (CNN0040, CNN0044, CNN1020)"] = Clean("[Network]\n[Input(1, 28, 28)]\n[Conv2D(6, 5, Activation.ReLU, Padding = 2)]\n[MaxPool2D(2)]\n[Conv2D(16, 5, Activation.ReLU)]\n[AvgPool2D(2, Stride = 2)]\n[Flatten]\n[Dense(84, Activation.ReLU)]\n[Dense(10, Activation.Softmax)]\npublic partial class Model;\n"),
        ["Signal network: a dilated Conv1D whose windows together read every input, overlapping pooling, dropout and global pooling (CNN1020)"] = Clean("[Network]\n[Input(3, 64)]\n[Conv1D(8, 3, Activation.ReLU, Dilation = 2, Padding = 2)]\n[MaxPool1D(3, Stride = 2)]\n[Dropout(0.1f)]\n[Conv1D(4, 3, Activation.ELU)]\n[GlobalAvgPool]\n[Dense(2, Activation.Softmax)]\npublic partial class Model;\n"),
        ["A kernel exactly as large as its padded input, and a window as large as its input (CNN0040, CNN0044)"] = Clean("[Network]\n[Input(2, 4, 4)]\n[Conv2D(3, 6, Activation.ReLU, Padding = 1)]\n[Dense(2, Activation.Softmax)]\npublic partial class Model;\n"),
        ["A pool that drops the last input value, as PyTorch rounds down (CNN1020)"] = Clean("[Network]\n[Input(1, 5)]\n[MaxPool1D(2)]\n[Dense(1)]\npublic partial class Model;\n"),
        ["Linear, batch-normalised and activated; momentum 1; dropout after the normalisation; LayerNorm with GELU (CNN0035, CNN1002, CNN1033)"] = Clean("[Network]\n[Input(4)]\n[Dense(16)]\n[BatchNorm(Activation.ReLU, Momentum = 1f, Epsilon = 1e-3f)]\n[Dropout(0.2f)]\n[Dense(8)]\n[LayerNorm(Activation.GELU)]\n[Dense(3, Activation.Softmax)]\npublic partial class Model;\n"),
        ["BatchNorm of the input image and per channel after a convolution, LayerNorm after Flatten (CNN0037, CNN1031)"] = Clean("[Network]\n[Input(2, 8, 8)]\n[BatchNorm]\n[Conv2D(4, 3)]\n[BatchNorm(Activation.ReLU)]\n[MaxPool2D(2)]\n[Flatten]\n[LayerNorm]\n[Dense(3, Activation.Softmax)]\npublic partial class Model;\n"),
        ["Iris"] = Clean("[Network(Optimizer = Optimizer.Adam, LearningRate = 0.01f)]\n" + Iris),
        ["Dropout at rates 0 and 0.5 on the inputs and a hidden layer (CNN0033, CNN1016)"] = Clean("[Network]\n[Input(4)]\n[Dropout(0f)]\n[Dense(16, Activation.ReLU)]\n[Dropout(0.5f)]\n[Dense(3, Activation.Softmax)]\npublic partial class Model;\n"),
        ["User members named as the implementation's own"] = Clean("[Network]\n" + Iris.Replace("class Model;", "class Model\n{\n    private readonly float[] _parameters = [];\n    private void Dense3Linear(ReadOnlySpan<float> x, Span<float> z) { }\n    private void Forward() { }\n}")),
        ["XOR with SGD at rate 0.5 (CNN1006)"] = Clean("[Network(Optimizer = Optimizer.Sgd, LearningRate = 0.5f)]\n[Input(2)]\n[Dense(2, Activation.Sigmoid)]\n[Dense(1, Activation.Sigmoid)]\npublic partial class Model;\n"),
        ["Regression with an Identity output (CNN1002)"] = Clean("[Network]\n[Input(3)]\n[Dense(8, Activation.Tanh)]\n[Dense(1)]\npublic partial class Model;\n"),
        ["MSE on a sigmoid output (CNN1001)"] = Clean("[Network(Loss = Loss.MeanSquaredError)]\n[Input(2)]\n[Dense(4, Activation.Sigmoid)]\n[Dense(1, Activation.Sigmoid)]\npublic partial class Model;\n"),
        ["He with ReLU hidden and a sigmoid output (CNN1004)"] = Clean("[Network(Init = Initialization.HeNormal)]\n[Input(4)]\n[Dense(16, Activation.ReLU)]\n[Dense(1, Activation.Sigmoid)]\npublic partial class Model;\n"),
        ["Xavier with tanh hidden and a softmax output (CNN1004)"] = Clean("[Network(Init = Initialization.XavierNormal)]\n[Input(4)]\n[Dense(16, Activation.Tanh)]\n[Dense(3, Activation.Softmax)]\npublic partial class Model;\n"),
        ["Three sigmoid/tanh hidden layers (CNN1003)"] = Clean("[Network]\n[Input(2)]\n[Dense(8, Activation.Sigmoid)]\n[Dense(8, Activation.Tanh)]\n[Dense(8, Activation.Sigmoid)]\n[Dense(8, Activation.ReLU)]\n[Dense(8, Activation.Tanh)]\n[Dense(1, Activation.Sigmoid)]\npublic partial class Model;\n"),
        ["Leaky slope 0.2 and ELU 0.5 (CNN1005, CNN1008)"] = Clean("[Network]\n[Input(2)]\n[Dense(8, Activation.LeakyReLU, Alpha = 0.2f)]\n[Dense(8, Activation.ELU, Alpha = 0.5f)]\n[Dense(1, Activation.Sigmoid)]\npublic partial class Model;\n"),
        ["Momentum with its optimizer at rate 0.1 (CNN1007, CNN1006)"] = Clean("[Network(Optimizer = Optimizer.Momentum, Momentum = 0.8f, LearningRate = 0.1f, WeightDecay = 1e-4f)]\n" + Iris),
        ["Nesterov at rate 1 (CNN1006)"] = Clean("[Network(Optimizer = Optimizer.Nesterov, Momentum = 0.9f, LearningRate = 1f)]\n" + Iris),
        ["RMSProp with rho and epsilon (CNN1007)"] = Clean("[Network(Optimizer = Optimizer.RMSProp, Rho = 0.9f, Epsilon = 1e-7f, LearningRate = 1e-6f)]\n" + Iris),
        ["AdamW with betas at rate 0.1 (CNN1007, CNN1006)"] = Clean("[Network(Optimizer = Optimizer.AdamW, Beta1 = 0f, Beta2 = 0.99f, LearningRate = 0.1f)]\n" + Iris),
        ["AdaGrad with epsilon (CNN1007)"] = Clean("[Network(Optimizer = Optimizer.AdaGrad, Epsilon = 1e-10f, LearningRate = 0.5f)]\n" + Iris),
        ["Multi-label binary cross-entropy (CNN0010)"] = Clean("[Network(Loss = Loss.BinaryCrossEntropy)]\n[Input(4)]\n[Dense(8, Activation.ReLU)]\n[Dense(3, Activation.Sigmoid)]\npublic partial class Model;\n"),
        ["Bottleneck of K - 1 units and a narrow autoencoder (CNN1010)"] = new(
            [Usings + "[Network]\n[Input(784)]\n[Dense(9, Activation.ReLU)]\n[Dense(10, Activation.Softmax)]\npublic partial class Model;\n",
             Usings + "[Network]\n[Input(64)]\n[Dense(2, Activation.Tanh)]\n[Dense(64, Activation.Sigmoid)]\npublic partial class Encoder;\n"],
            [Budget, new Expected("CNN2001", "Network", File: 1)]),
        ["Adam with Beta1 just below the square root of Beta2 (CNN1011)"] = Clean("[Network(Beta1 = 0.8f, Beta2 = 0.65f)]\n" + Iris),
        ["Huber with its delta, clipped, GELU (CNN0028, CNN1013, CNN0029)"] = Clean("[Network(Loss = Loss.Huber, HuberDelta = 0.5f, ClipGradientNorm = 1f)]\n" + Regression),
        ["L1 with SiLU and Mish, Sgd clipped at a usable step (CNN1012, CNN1014)"] = Clean("[Network(Loss = Loss.L1, Optimizer = Optimizer.Sgd, ClipGradientNorm = 2e-4f)]\n[Input(3)]\n[Dense(8, Activation.SiLU)]\n[Dense(8, Activation.Mish)]\n[Dense(1)]\npublic partial class Model;\n"),
        ["Adam clipped very small (CNN1014 judges only SGD)"] = Clean("[Network(ClipGradientNorm = 1e-6f)]\n" + Regression),
        ["Clipping off (CNN0029)"] = Clean("[Network(ClipGradientNorm = 0f)]\n" + Regression),
        ["Cross-entropy on softmax (CNN0009)"] = Clean("[Network(Loss = Loss.CrossEntropy)]\n" + Iris),
        ["Softmax over two units (CNN0011)"] = Clean("[Network]\n[Input(2)]\n[Dense(2, Activation.Softmax)]\npublic partial class Model;\n"),
        ["Nested in partial types (CNN0002)"] = Clean("public static partial class Outer\n{\n    internal partial class Middle\n    {\n        [Network]\n        [Input(2)]\n        [Dense(1, Activation.Sigmoid)]\n        internal sealed partial class Model;\n    }\n}\n"),
        ["Global namespace"] = new(["using CompiledNN;\n\n[Network]\n[Input(2)]\n[Dense(1, Activation.Sigmoid)]\npublic partial class Model;\n"], [Budget]),
        ["Overload that does not collide (CNN0015)"] = Clean("[Network]\n" + Iris.Replace("class Model;", "class Model\n{\n    public void Predict(float[] input) { }\n\n    public string Describe() => nameof(Model);\n}")),
        ["Helper members named like private ones but with other signatures (CNN0015)"] = Clean("[Network]\n" + Iris.Replace("class Model;", "class Model\n{\n    public void Train(float[][] rows, int epochs) { }\n\n    public void Dense4Linear() { }\n\n    public void TrainStep(float[] input, float[] target) { }\n}")),
        ["Unrolled network with a deep, narrow layer, which is never unrolled (CNN0021, CNN1009)"] = Clean("[Network(CodeShape = CodeShape.Unrolled)]\n[Input(4096)]\n[Dense(10, Activation.Softmax)]\npublic partial class Model;\n"),
        ["Unrolled small layers (CNN1009)"] = Clean("[Network(CodeShape = CodeShape.Unrolled)]\n[Input(64)]\n[Dense(64, Activation.ReLU)]\n[Dense(1, Activation.Sigmoid)]\npublic partial class Model;\n"),
        ["Vectorized Fashion-MNIST (CNN0020)"] = Clean("[Network(CodeShape = CodeShape.Vectorized)]\n[Input(784)]\n[Dense(128, Activation.ReLU)]\n[Dense(10, Activation.Softmax)]\npublic partial class Model;\n"),
        ["Layers on one of two declarations (CNN0014)"] = new(
            [Usings + "[Network]\n[Input(2)]\n[Dense(1, Activation.Sigmoid)]\npublic partial class Model;\n", Usings + "public partial class Model\n{\n    public int Epochs { get; set; }\n}\n"],
            [Budget]),
        ["Budgets met exactly (CNN0023, CNN0024)"] = new(
            [Usings + "[Network]\n" + Iris],
            [Budget],
            BuildProperties: new() { ["CompiledNN_MaxParameterBytes"] = "1612", ["CompiledNN_MaxStackBytes"] = "140" }),
        ["Empty budget properties"] = new(
            [Usings + "[Network]\n" + Iris],
            [Budget],
            BuildProperties: new() { ["CompiledNN_MaxParameterBytes"] = "", ["CompiledNN_MaxStackBytes"] = " " }),
    };

    private static DiagnosticCase One(string source, params Expected[] expected) => new([Usings + source], expected);

    private static DiagnosticCase One(string source, Expected[] expected, string[]? compilerErrors = null, Dictionary<string, string>? buildProperties = null) =>
        new([Usings + source], expected, compilerErrors, buildProperties);

    private static DiagnosticCase Clean(string source) => new([Usings + source], [Budget]);

    /// <summary>Every ID that has a reporting case.</summary>
    public static IEnumerable<string> ReportedIds => Reporting.Values.SelectMany(static c => c.Diagnostics).Select(static d => d.Id).Distinct();
}
