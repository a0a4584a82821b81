using System.Collections.Generic;

namespace RoslynFloor;

/// <summary>Representative declarations and uses, each a file a user of a net8.0 project might write.</summary>
internal static class FloorCases
{
    public static IReadOnlyList<FloorCase> All { get; } =
    [
        new(
            "classifier trained and used (Adam, ReLU, softmax)",
            """
            using System;
            using CompiledNN;

            namespace Shop.Models;

            [Network(Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
            [Input(4)]
            [Dense(16, Activation.ReLU)]
            [Dense(16, Activation.ReLU)]
            [Dense(3, Activation.Softmax)]
            public partial class IrisNet;

            public static class Use
            {
                public static int Run()
                {
                    var net = new IrisNet(1);
                    float[] input = [5.1f, 3.5f, 1.4f, 0.2f];
                    Span<float> output = stackalloc float[IrisNet.OutputSize];
                    float loss = net.TrainStep(input, [1f, 0f, 0f]);
                    net.Predict(input, output);
                    float[] gradient = new float[IrisNet.ParameterCount];
                    net.ComputeGradient(input, [1f, 0f, 0f], gradient);
                    return net.PredictClass(input) + (loss > 0 ? 1 : 0);
                }
            }
            """,
            []),
        new(
            "every optimizer and activation, nested in a partial type",
            """
            using CompiledNN;

            namespace Lab
            {
                public static partial class Models
                {
                    [Network(Optimizer = Optimizer.Sgd, LearningRate = 0.5f)]
                    [Input(2)] [Dense(8, Activation.Tanh)] [Dense(1, Activation.Sigmoid)]
                    internal partial class Xor;

                    [Network(Optimizer = Optimizer.Nesterov, Momentum = 0.8f, Loss = Loss.MeanSquaredError)]
                    [Input(3)] [Dense(6, Activation.LeakyReLU, Alpha = 0.1f)] [Dense(5, Activation.ELU)] [Dense(2)]
                    internal sealed partial class Regressor;

                    [Network(Optimizer = Optimizer.AdamW, Init = Initialization.XavierNormal)]
                    [Input(5)] [Dense(7, Activation.Softplus)] [Dense(4, Activation.Softmax)]
                    public partial class Weighted;

                    [Network(Optimizer = Optimizer.RMSProp)]
                    [Input(5)] [Dense(6, Activation.Sigmoid)] [Dense(3, Activation.Sigmoid)]
                    public partial class Tagger;

                    [Network(Optimizer = Optimizer.AdaGrad)]
                    [Input(5)] [Dense(6, Activation.Tanh)] [Dense(2, Activation.Softmax)]
                    public partial class Sparse;

                    [Network(Optimizer = Optimizer.Momentum)]
                    [Input(5)] [Dense(6, Activation.ReLU)] [Dense(1)]
                    public partial class Price;
                }
            }
            """,
            []),
        new(
            "large layers: vectorised kernels, packed weights, threads",
            """
            using CompiledNN;

            [Network]
            [Input(784)]
            [Dense(256, Activation.ReLU)]
            [Dense(128, Activation.ReLU)]
            [Dense(10, Activation.Softmax)]
            public partial class Digits;

            public static class UseDigits
            {
                public static float Run(float[] rows, float[] targets, float[] outputs)
                {
                    var net = new Digits(seed: 7) { MaxDegreeOfParallelism = 1 };
                    net.PredictBatch(rows, outputs);
                    return net.TrainBatch(rows, targets);
                }
            }
            """,
            []),
        new(
            "baked weights, trainable and inference only",
            """
            using CompiledNN;

            [Network]
            [Input(4)]
            [Dense(8, Activation.Tanh)]
            [Dense(3, Activation.Softmax)]
            [Weights("torch-4-8-3.weights.json", InferenceOnly = true)]
            internal sealed partial class BakedIris;

            [Network]
            [Input(4)]
            [Dense(8, Activation.Tanh)]
            [Dense(3, Activation.Softmax)]
            [Weights("torch-4-8-3.weights.json")]
            internal sealed partial class StartsTrained;

            internal static class UseBaked
            {
                public static int Run() => BakedIris.PredictClass([5.1f, 3.5f, 1.4f, 0.2f]) + new StartsTrained().PredictClass([1f, 2f, 3f, 4f]);
            }
            """,
            [],
            "torch-4-8-3.weights.json"),
        new(
            "the classic models",
            """
            using CompiledNN;

            [Neuron(Weights = new[] { 1f, 1f }, Threshold = 2f)]
            public partial class AndGate;

            [Perceptron(Inputs = 2, Outputs = 1, LearningRate = 0.1f)]
            public partial class GatePerceptron;

            public static class UseClassics
            {
                public static bool Run() => new AndGate().Fire(true, true) && new GatePerceptron(seed: 0).Fit([0, 0, 0, 1, 1, 0, 1, 1], [0, 0, 0, 1]).Converged;
            }
            """,
            []),
        new(
            "a network that is not partial is an error",
            """
            using CompiledNN;

            [Network]
            [Input(2)]
            [Dense(1, Activation.Sigmoid)]
            public class NotPartial;
            """,
            ["CNN0001"]),
        new(
            "a network without an input is an error",
            """
            using CompiledNN;

            [Network]
            [Dense(3, Activation.Softmax)]
            public partial class NoInput;
            """,
            ["CNN0004"]),
        new(
            "mean squared error on a softmax output is a warning",
            """
            using CompiledNN;

            [Network(Loss = Loss.MeanSquaredError)]
            [Input(4)]
            [Dense(8, Activation.ReLU)]
            [Dense(3, Activation.Softmax)]
            public partial class Unwise;
            """,
            ["CNN1001"]),
    ];
}
