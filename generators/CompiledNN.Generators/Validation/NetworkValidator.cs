using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CompiledNN.Generators.Diagnostics;
using CompiledNN.Generators.Helpers;
using CompiledNN.Generators.Model;
using CompiledNN.Generators.Parsing;

namespace CompiledNN.Generators.Validation;

/// <summary>
/// The one place where the rules of a <c>[Network]</c> declaration live. The generator emits code only for a
/// declaration without errors; the analyzer reports every problem. Defaults are resolved here too, so that what is
/// validated is exactly what is generated.
/// </summary>
internal static class NetworkValidator
{
    /// <summary>Lists the rules <paramref name="declaration"/> breaks, errors and warnings alike.</summary>
    public static List<ValidationProblem> Validate(NetworkDeclaration declaration)
    {
        var problems = new List<ValidationProblem>();
        ValidateType(declaration, problems);
        ValidateLayers(declaration, problems);
        if (declaration.Layers.Count > 0 && declaration.Layers[declaration.Layers.Count - 1].Activation is { } output)
        {
            ValidateTraining(declaration, output, problems);
        }

        return problems;
    }

    /// <summary>
    /// Turns a declaration into the model the emitters use, or returns <see langword="null"/> when it has an error or
    /// a malformed argument (then no code is generated and the analyzer or the compiler says why).
    /// </summary>
    public static NetworkSpec? ToSpec(NetworkDeclaration declaration)
    {
        if (declaration.HasMalformedArguments || Validate(declaration).Any(static p => p.IsError))
        {
            return null;
        }

        NetworkOptions options = declaration.Options;
        var layers = new List<LayerSpec>();
        int inputs = declaration.Inputs[0].Size!.Value;
        int offset = 0;
        CodeShape codeShape = options.CodeShape ?? CodeShape.Auto;
        foreach (DenseDeclaration dense in declaration.Layers)
        {
            int units = dense.Units!.Value;
            Activation activation = dense.Activation!.Value;
            var layer = new LayerSpec(
                Number: layers.Count + 1,
                Inputs: inputs,
                Units: units,
                Activation: activation,
                Alpha: dense.Alpha ?? DefaultAlpha(activation),
                Init: ResolveInit(options.Init ?? Initialization.Auto, activation),
                Unrolled: codeShape == CodeShape.Unrolled || (codeShape == CodeShape.Auto && units * inputs <= UnrollThreshold),
                WeightOffset: offset);
            layers.Add(layer);
            offset += layer.ParameterCount;
            inputs = units;
        }

        Optimizer optimizer = options.Optimizer ?? Optimizer.Adam;
        var training = new TrainingSpec(
            Loss: ResolveLoss(options.Loss ?? Loss.Auto, layers[layers.Count - 1].Activation),
            Optimizer: optimizer,
            LearningRate: options.LearningRate ?? DefaultLearningRate(optimizer),
            Momentum: options.Momentum ?? 0.9f,
            Beta1: options.Beta1 ?? 0.9f,
            Beta2: options.Beta2 ?? 0.999f,
            Epsilon: options.Epsilon ?? (optimizer == Optimizer.AdaGrad ? 1e-10f : 1e-8f),
            Rho: options.Rho ?? 0.99f,
            WeightDecay: options.WeightDecay ?? (optimizer == Optimizer.AdamW ? 0.01f : 0f));

        return new NetworkSpec(declaration.Type, declaration.Inputs[0].Size!.Value, layers.ToEquatableArray(), training);
    }

    /// <summary>
    /// Layers with at most this many weights are written as straight-line code; larger ones as SIMD loops.
    /// The README's "Unroll threshold" section gives the measurement behind the number.
    /// </summary>
    public const int UnrollThreshold = 1024;

    /// <summary>The loss a network trains on when <c>Loss</c> is not set: the one fused with its output activation.</summary>
    public static Loss ResolveLoss(Loss loss, Activation output) => loss != Loss.Auto ? loss : output switch
    {
        Activation.Softmax => Loss.CrossEntropy,
        Activation.Sigmoid => Loss.BinaryCrossEntropy,
        _ => Loss.MeanSquaredError,
    };

    /// <summary>He for the ReLU family, whose halved variance He's factor 2 restores; Xavier for the others.</summary>
    public static Initialization ResolveInit(Initialization init, Activation activation) => init != Initialization.Auto ? init : IsReLUFamily(activation)
        ? Initialization.HeUniform
        : Initialization.XavierUniform;

    public static bool IsReLUFamily(Activation activation) =>
        activation is Activation.ReLU or Activation.LeakyReLU or Activation.ELU;

    public static float DefaultLearningRate(Optimizer optimizer) =>
        optimizer is Optimizer.Adam or Optimizer.AdamW ? 0.001f : 0.01f;

    public static float DefaultAlpha(Activation activation) => activation switch
    {
        Activation.LeakyReLU => 0.01f,
        Activation.ELU => 1f,
        _ => 0f,
    };

    private static void ValidateType(NetworkDeclaration declaration, List<ValidationProblem> problems)
    {
        TypeShape shape = declaration.Shape;
        string name = declaration.Type.Name;
        TypeRules.ValidateClass("Network", name, shape, problems);

        foreach (string other in shape.OtherKinds)
        {
            problems.Add(new(DiagnosticDescriptors.SeveralNetworkKinds, declaration.NetworkAttributeIndex, null, name, "Network", other));
        }

        if (shape.LayersInSeveralDeclarations)
        {
            problems.Add(new(DiagnosticDescriptors.LayersInSeveralDeclarations, -1, null, name));
        }

        TypeRules.ValidateMembers(name, shape, GeneratedMembers.Network, problems);
    }

    private static void ValidateLayers(NetworkDeclaration declaration, List<ValidationProblem> problems)
    {
        string name = declaration.Type.Name;
        if (declaration.Inputs.Count == 0)
        {
            problems.Add(new(DiagnosticDescriptors.MissingInput, declaration.NetworkAttributeIndex, null, name));
        }

        for (int i = 1; i < declaration.Inputs.Count; i++)
        {
            problems.Add(new(DiagnosticDescriptors.DuplicateInput, declaration.Inputs[i].AttributeIndex, null, name));
        }

        foreach (InputDeclaration input in declaration.Inputs)
        {
            if (input.Size is <= 0)
            {
                problems.Add(new(DiagnosticDescriptors.SizeNotPositive, input.AttributeIndex, "0", "The input size", input.Size.Value));
            }
        }

        if (declaration.Layers.Count == 0)
        {
            problems.Add(new(DiagnosticDescriptors.MissingLayer, declaration.NetworkAttributeIndex, null, name));
        }

        for (int i = 0; i < declaration.Layers.Count; i++)
        {
            DenseDeclaration layer = declaration.Layers[i];
            bool isOutput = i == declaration.Layers.Count - 1;
            int number = i + 1;
            if (layer.Units is <= 0)
            {
                problems.Add(new(DiagnosticDescriptors.SizeNotPositive, layer.AttributeIndex, "0", $"The number of units of layer {number}", layer.Units.Value));
            }

            switch (layer.Activation)
            {
                case Activation.Step:
                    problems.Add(new(DiagnosticDescriptors.StepInTrainedNetwork, layer.AttributeIndex, "1", number));
                    break;
                case Activation.Softmax when !isOutput:
                    problems.Add(new(DiagnosticDescriptors.SoftmaxInHiddenLayer, layer.AttributeIndex, "1", number));
                    break;
                case Activation.Softmax when layer.Units == 1:
                    problems.Add(new(DiagnosticDescriptors.SoftmaxWithOneUnit, layer.AttributeIndex, "0"));
                    break;
                case null:
                    break;
                case var activation when !System.Enum.IsDefined(typeof(Activation), activation.Value):
                    problems.Add(new(DiagnosticDescriptors.UnsupportedType, layer.AttributeIndex, "1", name, $"layer {number} has an activation value {(int)activation.Value} that is not defined in CompiledNN.Activation"));
                    break;
            }

            if (layer.Alpha is { } alpha && !float.IsNaN(alpha) && float.IsInfinity(alpha))
            {
                problems.Add(new(DiagnosticDescriptors.InvalidOptimizerValue, layer.AttributeIndex, "Alpha", "Alpha", Format(alpha), "a finite number"));
            }
        }
    }

    private static void ValidateTraining(NetworkDeclaration declaration, Activation output, List<ValidationProblem> problems)
    {
        NetworkOptions options = declaration.Options;
        int at = declaration.NetworkAttributeIndex;
        Loss loss = ResolveLoss(options.Loss ?? Loss.Auto, output);
        if (loss == Loss.CrossEntropy && output != Activation.Softmax)
        {
            problems.Add(new(DiagnosticDescriptors.CrossEntropyWithoutSoftmax, at, "Loss", output));
        }

        if (loss == Loss.BinaryCrossEntropy && output != Activation.Sigmoid)
        {
            problems.Add(new(DiagnosticDescriptors.BinaryCrossEntropyWithoutSigmoid, at, "Loss", output));
        }

        if (options.LearningRate is { } rate && !(rate > 0f && !float.IsInfinity(rate)))
        {
            problems.Add(new(DiagnosticDescriptors.InvalidLearningRate, at, "LearningRate", Format(rate)));
        }

        CheckDecay(options.Momentum, "Momentum", "0.9");
        CheckDecay(options.Beta1, "Beta1", "0.9");
        CheckDecay(options.Beta2, "Beta2", "0.999");
        CheckDecay(options.Rho, "Rho", "0.99");
        if (options.Epsilon is { } epsilon && !(epsilon > 0f && !float.IsInfinity(epsilon)))
        {
            problems.Add(new(DiagnosticDescriptors.InvalidOptimizerValue, at, "Epsilon", "Epsilon", Format(epsilon), "a finite value greater than 0, e.g. 1e-8"));
        }

        if (options.WeightDecay is { } decay && !(decay >= 0f && !float.IsInfinity(decay)))
        {
            problems.Add(new(DiagnosticDescriptors.InvalidOptimizerValue, at, "WeightDecay", "WeightDecay", Format(decay), "a finite value of at least 0"));
        }

        void CheckDecay(float? value, string option, string defaultValue)
        {
            if (value is { } v && !(v >= 0f && v < 1f))
            {
                problems.Add(new(DiagnosticDescriptors.InvalidDecayRate, at, option, option, Format(v), defaultValue));
            }
        }
    }

    private static string Format(float value) => value.ToString("R", CultureInfo.InvariantCulture);
}
