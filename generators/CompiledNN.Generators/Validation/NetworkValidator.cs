using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CompiledNN.Generators.Diagnostics;
using CompiledNN.Generators.Helpers;
using CompiledNN.Generators.Model;
using CompiledNN.Generators.Parsing;
using CompiledNN.Generators.Planning;
using CompiledNN.Runtime;

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
        if (declaration.NetworkAttributeIndex < 0)
        {
            ValidateWithoutNetwork(declaration, problems);
            return problems;
        }

        ValidateType(declaration, problems);
        ValidateLayers(declaration, problems);
        DropoutRules.Validate(declaration, problems);
        ConvolutionRules.Validate(declaration, problems);
        NormalizationRules.Validate(declaration, problems);
        ValidateSize(declaration, problems);
        ValidateDesign(declaration, problems);
        if (declaration.Layers.Count > 0 && NormalizationRules.OutputActivation(declaration) is { } output &&
            System.Enum.IsDefined(typeof(Activation), output))
        {
            ValidateTraining(declaration, output, problems);
        }

        return problems;
    }

    /// <summary>The budget problems of a valid network: the limits come from MSBuild properties (see docs/diagnostics.md).</summary>
    public static List<ValidationProblem> ValidateBudget(NetworkSpec network, int networkAttributeIndex, ResourceLimits limits)
    {
        var problems = new List<ValidationProblem>();
        ResourceBudget budget = ResourceBudget.Of(Planner.Plan(network));
        if (limits.MaxParameterBytes is { } maxParameters && budget.ParameterBytes > maxParameters)
        {
            problems.Add(new(DiagnosticDescriptors.ParameterBudgetExceeded, networkAttributeIndex, null, network.Type.Name, Count(budget.ParameterBytes), Count(maxParameters)));
        }

        if (limits.MaxStackBytes is { } maxStack && budget.StackBytes > maxStack)
        {
            problems.Add(new(DiagnosticDescriptors.StackBudgetExceeded, networkAttributeIndex, null, network.Type.Name, Count(budget.StackBytes), Count(maxStack)));
        }

        return problems;
    }

    /// <summary>
    /// Reads the budget MSBuild properties (empty or missing means no limit); a value that is not a whole number of
    /// bytes is a problem of its own, reported at the network so that the build cannot pass with an ignored budget.
    /// </summary>
    public static ResourceLimits ReadLimits(string? maxParameterBytes, string? maxStackBytes, int networkAttributeIndex, List<ValidationProblem> problems)
    {
        return new ResourceLimits(Read(maxParameterBytes, "CompiledNN_MaxParameterBytes"), Read(maxStackBytes, "CompiledNN_MaxStackBytes"));

        long? Read(string? value, string property)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return null;
            }

            if (long.TryParse(value!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long bytes))
            {
                return bytes;
            }

            problems.Add(new(DiagnosticDescriptors.InvalidBudgetProperty, networkAttributeIndex, null, property, value));
            return null;
        }
    }

    /// <summary>The information diagnostic with the network's resource budget.</summary>
    public static ValidationProblem DescribeBudget(NetworkSpec network, int networkAttributeIndex)
    {
        ResourceBudget budget = ResourceBudget.Of(Planner.Plan(network));
        Optimizer optimizer = network.Training.Optimizer;
        int buffers = TrainingSpec.StatePerParameter(optimizer);
        string state = buffers == 0 ? optimizer + " keeps none" : $"{optimizer} keeps {buffers} float{(buffers > 1 ? "s" : "")} per parameter";
        return new(
            DiagnosticDescriptors.ResourceBudget,
            networkAttributeIndex,
            null,
            network.Type.Name,
            network.Shape,
            Count(budget.ParameterCount),
            Count(budget.ParameterBytes),
            Count(budget.OptimizerStateBytes),
            state,
            Count(budget.StackBytes),
            Count(budget.MultiplyAdds));
    }

    /// <summary>Whether <c>[Weights]</c> can bake <paramref name="network"/>: not with normalisation layers (CNN0038), nor convolutions in int8 (CNN0046).</summary>
    public static bool CanBake(NetworkSpec network, Quantization quantization) =>
        !network.HasNormalizationLayers && !(network.HasSpatialLayers && quantization == Quantization.Int8);

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
        int offset = 0;
        CodeShape codeShape = options.CodeShape ?? CodeShape.Auto;
        Initialization init = options.Init ?? Initialization.Auto;

        // Every layer attribute in source order, with the shapes it reads and writes; a dense layer reads the flat values.
        foreach (ConvolutionRules.Step step in ConvolutionRules.Walk(declaration, null)!)
        {
            int number = layers.Count + 1;
            LayerSpec layer = step.Declaration switch
            {
                DenseDeclaration dense => new DenseSpec(
                    Number: number,
                    Inputs: step.Input.Size,
                    Units: dense.Units!.Value,
                    Activation: dense.Activation!.Value,
                    Alpha: dense.Alpha ?? DefaultAlpha(dense.Activation!.Value),
                    Init: ResolveInit(init, dense.Activation!.Value),
                    WeightOffset: offset),
                DropoutDeclaration dropout => new DropoutSpec(number, step.Input.Size, dropout.Rate!.Value, offset) { Shape = step.Input },
                SpatialLayerDeclaration { IsConvolution: true } convolution => new ConvolutionSpec(
                    Number: number,
                    Input: step.Input,
                    Output: step.Output,
                    KernelSize: convolution.Size!.Value,
                    Stride: convolution.Stride!.Value,
                    Padding: convolution.Padding!.Value,
                    Dilation: convolution.Dilation!.Value,
                    Activation: convolution.Activation!.Value,
                    Alpha: convolution.Alpha ?? DefaultAlpha(convolution.Activation!.Value),
                    Init: ResolveInit(init, convolution.Activation!.Value),
                    WeightOffset: offset),
                SpatialLayerDeclaration { Kind: "Flatten" } => new FlattenSpec(number, step.Input, offset),
                NormalizationDeclaration normalization => new NormalizationSpec(
                    Number: number,
                    Shape: step.Input,
                    IsBatch: normalization.IsBatch,
                    Activation: normalization.Activation!.Value,
                    Alpha: normalization.Alpha ?? DefaultAlpha(normalization.Activation!.Value),
                    Momentum: normalization.Momentum ?? 0f,
                    Epsilon: normalization.Epsilon!.Value,
                    GammaOffset: offset,
                    BufferOffset: layers.OfType<NormalizationSpec>().Sum(static l => l.BufferCount)),
                SpatialLayerDeclaration pooling => new PoolingSpec(
                    number,
                    step.Input,
                    step.Output,
                    pooling.Kind.StartsWith("Max", System.StringComparison.Ordinal) ? PoolingKind.Max : PoolingKind.Average,
                    pooling.Size ?? 0,
                    pooling.Stride ?? 0,
                    Global: pooling.Kind == "GlobalAvgPool",
                    offset),
                _ => throw new System.ArgumentException("No spec for the layer attribute at " + step.AttributeIndex + ".", nameof(declaration)),
            };
            layers.Add(layer);
            offset += layer.ParameterCount;
        }

        Optimizer optimizer = options.Optimizer ?? Optimizer.Adam;
        var training = new TrainingSpec(
            Loss: ResolveLoss(options.Loss ?? Loss.Auto, layers[layers.Count - 1].Activation),
            Optimizer: optimizer,
            LearningRate: options.LearningRate ?? OptimizerDefaults.LearningRateOf(optimizer),
            Momentum: options.Momentum ?? OptimizerDefaults.Momentum,
            Beta1: options.Beta1 ?? OptimizerDefaults.Beta1,
            Beta2: options.Beta2 ?? OptimizerDefaults.Beta2,
            Epsilon: options.Epsilon ?? OptimizerDefaults.EpsilonOf(optimizer),
            Rho: options.Rho ?? OptimizerDefaults.Rho,
            WeightDecay: options.WeightDecay ?? OptimizerDefaults.WeightDecayOf(optimizer))
        {
            HuberDelta = options.HuberDelta ?? 1f,
            ClipGradientNorm = options.ClipGradientNorm ?? 0f,
        };

        return new NetworkSpec(declaration.Type, declaration.Inputs[0].Size!.Value, layers.ToEquatableArray(), training, codeShape)
        {
            InputShape = ConvolutionRules.InputShape(declaration)!,
        };
    }

    /// <summary>
    /// The most parameters a network may have: the generated code indexes the parameter block, its gradient and the
    /// optimizer state with <see langword="int"/>, and counts their bytes in <see langword="int"/> too.
    /// </summary>
    public const int MaxParameterCount = int.MaxValue / sizeof(float);

    /// <summary>
    /// Above this many weights, a layer forced to <see cref="CodeShape.Unrolled"/> gets a method the JIT compiles
    /// without optimisation: each term is about ten IL instructions, and the JIT gives up optimising at 20,000
    /// instructions (60,000 IL bytes), so 4,096 terms are already past it.
    /// </summary>
    public const int MaxOptimisedUnrolledWeights = 4096;

    /// <summary>Above this many weights, forced straight-line code would be megabytes of source: an error, not a trade-off.</summary>
    public const int MaxUnrolledWeights = 65536;

    /// <summary>
    /// This many consecutive sigmoid/tanh hidden layers get a warning: sigmoid' ≤ 1/4, so the gradient reaching the
    /// first of them is scaled by at most 1/256, and Glorot and Bengio (2010) saw the top layers of such 4-hidden-layer
    /// networks saturate while the lower ones barely learned.
    /// </summary>
    public const int SaturatingDepth = 4;

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

    /// <summary>
    /// ReLU and its variants, including the smooth ones (GELU, SiLU, Mish), which like ReLU keep about half of a
    /// standard normal input's second moment (0.43, 0.36 and 0.45, against ReLU's 0.5) and so need He's factor 2.
    /// </summary>
    public static bool IsReLUFamily(Activation activation) =>
        activation is Activation.ReLU or Activation.LeakyReLU or Activation.ELU or Activation.GELU or Activation.SiLU or Activation.Mish;

    public static float DefaultAlpha(Activation activation) => activation switch
    {
        Activation.LeakyReLU => 0.01f,
        Activation.ELU => 1f,
        _ => 0f,
    };

    private static void ValidateWithoutNetwork(NetworkDeclaration declaration, List<ValidationProblem> problems)
    {
        // A classic model (Perceptron, Neuron) is judged by its own validator; anything else with layers is a [Network]
        // whose attribute was forgotten, and without this report nothing would be generated and nothing said why.
        if (declaration.Shape.OtherKinds.Count > 0)
        {
            return;
        }

        int first = declaration.Inputs.Select(static i => i.AttributeIndex).Concat(declaration.Layers.Select(static l => l.AttributeIndex)).DefaultIfEmpty(-1).Min();
        if (first >= 0)
        {
            string attribute = declaration.Inputs.Any(i => i.AttributeIndex == first) ? "Input" : "Dense";
            problems.Add(new(DiagnosticDescriptors.LayersWithoutNetwork, first, null, declaration.Type.Name, attribute));
        }
    }

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

        bool classifier = declaration.Layers.Count > 0 && NormalizationRules.OutputActivation(declaration) == Activation.Softmax;
        TypeRules.ValidateMembers(name, shape, GeneratedMembers.For(classifier), problems);
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
            bool isOutput = i == declaration.Layers.Count - 1 && NormalizationRules.NextNormalization(declaration, layer) is null;
            int number = i + 1;
            if (layer.Units is <= 0)
            {
                problems.Add(new(DiagnosticDescriptors.SizeNotPositive, layer.AttributeIndex, "0", $"The number of units of layer {number}", layer.Units.Value));
            }

            switch (layer.Activation)
            {
                case null:
                    break;
                case var activation when !System.Enum.IsDefined(typeof(Activation), activation.Value):
                    problems.Add(Undefined(layer.AttributeIndex, "1", $"The activation of layer {number}", activation.Value));
                    break;
                case Activation.Step:
                    problems.Add(new(DiagnosticDescriptors.StepInTrainedNetwork, layer.AttributeIndex, "1", number));
                    break;
                case Activation.Softmax when !isOutput:
                    problems.Add(new(DiagnosticDescriptors.SoftmaxInHiddenLayer, layer.AttributeIndex, "1", number));
                    break;
                case Activation.Softmax when layer.Units == 1:
                    problems.Add(new(DiagnosticDescriptors.SoftmaxWithOneUnit, layer.AttributeIndex, "0"));
                    break;
            }

            // NaN is the attribute's "not set" sentinel, but written out explicitly it is no slope at all.
            if (layer.Alpha is { } alpha && (float.IsNaN(alpha) || float.IsInfinity(alpha)))
            {
                problems.Add(new(DiagnosticDescriptors.InvalidOptimizerValue, layer.AttributeIndex, "Alpha", "Alpha", Format(alpha), "a finite number"));
            }
        }

        CheckDefined(declaration.Options.Loss, "Loss");
        CheckDefined(declaration.Options.Optimizer, "Optimizer");
        CheckDefined(declaration.Options.Init, "Init");
        CheckDefined(declaration.Options.CodeShape, "CodeShape");

        void CheckDefined<TEnum>(TEnum? value, string option)
            where TEnum : struct, System.Enum
        {
            if (value is { } v && !System.Enum.IsDefined(typeof(TEnum), v))
            {
                problems.Add(Undefined(declaration.NetworkAttributeIndex, option, option, v));
            }
        }
    }

    private static ValidationProblem Undefined<TEnum>(int attributeIndex, string argument, string what, TEnum value)
        where TEnum : struct, System.Enum =>
        new(DiagnosticDescriptors.UndefinedEnumValue, attributeIndex, argument, what, typeof(TEnum).Name,
            System.Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
            string.Join(", ", System.Enum.GetNames(typeof(TEnum))));

    /// <summary>Rejects networks whose counts would overflow the <see langword="int"/> arithmetic of the generated code.</summary>
    private static void ValidateSize(NetworkDeclaration declaration, List<ValidationProblem> problems)
    {
        if (declaration.Inputs.Count == 0 || declaration.Inputs[0].Size is not > 0 || declaration.Layers.Any(static l => l.Units is not > 0))
        {
            return;
        }

        long inputs = declaration.Inputs[0].Size!.Value;
        long parameters = 0;

        // Convolutions change the values a dense layer reads: take each dense layer's inputs from the shapes, when known.
        var steps = ConvolutionRules.Walk(declaration, null);
        Dictionary<DenseDeclaration, int>? denseInputs = steps?.Where(static s => s.Declaration is DenseDeclaration).ToDictionary(static s => (DenseDeclaration)s.Declaration, static s => s.Input.Size);
        if (steps is not null)
        {
            parameters += steps.Where(static s => s.Declaration is SpatialLayerDeclaration { IsConvolution: true })
                .Sum(static s => ((long)s.Output.Channels * s.Input.Channels * ((SpatialLayerDeclaration)s.Declaration).Size!.Value * (s.Input.Rank == 3 ? ((SpatialLayerDeclaration)s.Declaration).Size!.Value : 1)) + s.Output.Channels);
        }
        bool unrolled = declaration.Options.CodeShape == CodeShape.Unrolled;
        for (int i = 0; i < declaration.Layers.Count; i++)
        {
            DenseDeclaration layer = declaration.Layers[i];
            if (denseInputs is not null && denseInputs.TryGetValue(layer, out int flattened))
            {
                inputs = flattened;
            }

            long units = layer.Units!.Value;
            long weights = units * inputs;
            parameters += weights + units;

            // A layer the kernels sum in interleaved chains is never unrolled (the planner's StraightLine).
            bool unrolls = unrolled && !KernelShape.SumsInterleaved((int)Math.Min(inputs, int.MaxValue), (int)Math.Min(units, int.MaxValue));
            if (unrolls && weights > MaxUnrolledWeights)
            {
                problems.Add(new(DiagnosticDescriptors.UnrolledLayerTooLarge, declaration.NetworkAttributeIndex, "CodeShape", i + 1, Count(weights), Count(MaxUnrolledWeights))
                {
                    Properties = FixProperties.Replace("CodeShape.Auto"),
                });
            }
            else if (unrolls && weights > MaxOptimisedUnrolledWeights)
            {
                problems.Add(new(DiagnosticDescriptors.UnrolledLayerTooLargeForJit, declaration.NetworkAttributeIndex, "CodeShape", i + 1, Count(weights), Count(MaxOptimisedUnrolledWeights))
                {
                    Properties = FixProperties.Replace("CodeShape.Auto"),
                });
            }

            inputs = units;
        }

        if (parameters > MaxParameterCount)
        {
            problems.Add(new(DiagnosticDescriptors.NetworkTooLarge, declaration.NetworkAttributeIndex, null, Count(parameters), Count(MaxParameterCount)));
        }
        else if (parameters > CompiledNN.Persistence.WeightsFormat.MaxParameterCount)
        {
            // Every network has Save, Load and Architecture, which a file this large could not serve.
            problems.Add(new(DiagnosticDescriptors.NetworkTooLargeForWeightsFile, declaration.NetworkAttributeIndex, null, Count(parameters), Count(CompiledNN.Persistence.WeightsFormat.MaxParameterCount)));
        }
    }

    /// <summary>Warnings about the architecture: what compiles but the theory says will train badly.</summary>
    private static void ValidateDesign(NetworkDeclaration declaration, List<ValidationProblem> problems)
    {
        EquatableArray<DenseDeclaration> layers = declaration.Layers;
        int saturatingRun = 0;
        for (int i = 0; i < layers.Count; i++)
        {
            DenseDeclaration layer = layers[i];
            bool hidden = i < layers.Count - 1;
            int number = i + 1;

            // Linear, then normalised and activated ([Dense(n)] [BatchNorm(Activation.ReLU)]), as PyTorch's usual blocks are.
            bool activatedAfterNormalizing = NormalizationRules.NextNormalization(declaration, layer) is { Activation: not Activation.Identity };
            if (hidden && layer.Activation == Activation.Identity && !activatedAfterNormalizing)
            {
                problems.Add(new(DiagnosticDescriptors.IdentityHiddenLayer, layer.AttributeIndex, "1", number, number + 1)
                {
                    Properties = FixProperties.Replace("Activation.ReLU"),
                });
            }

            // One report per run of sigmoid/tanh hidden layers, at the first: its gradient is the one that vanishes.
            saturatingRun = hidden && layer.Activation is Activation.Sigmoid or Activation.Tanh ? saturatingRun + 1 : 0;
            bool runEnds = saturatingRun > 0 && (i + 1 >= layers.Count - 1 || layers[i + 1].Activation is not (Activation.Sigmoid or Activation.Tanh));
            if (runEnds && saturatingRun >= SaturatingDepth)
            {
                int first = i - saturatingRun + 1;
                problems.Add(new(DiagnosticDescriptors.DeepSaturatingStack, layers[first].AttributeIndex, "1", first + 1, number, saturatingRun, SaturatingDepth));
            }

            if (layer.Alpha is { } alpha && !float.IsNaN(alpha) && !float.IsInfinity(alpha))
            {
                CheckAlpha(layer, number, alpha, problems);
            }
        }

        CheckInit(declaration, problems);
        CheckBottleneck(declaration, problems);
    }

    /// <summary>
    /// A hidden layer narrower than the K − 1 degrees of freedom of a K-class Softmax: every later layer is a function
    /// of its h numbers, so the logits (up to the constant softmax ignores) lie on an h-dimensional surface and most
    /// class distributions cannot be expressed (the "softmax bottleneck", Yang et al., 2018). Only for Softmax outputs:
    /// a narrow layer before other outputs is usually a deliberate bottleneck, as in an autoencoder.
    /// </summary>
    private static void CheckBottleneck(NetworkDeclaration declaration, List<ValidationProblem> problems)
    {
        EquatableArray<DenseDeclaration> layers = declaration.Layers;
        if (layers.Count < 2 || layers[layers.Count - 1] is not { Activation: Activation.Softmax, Units: { } classes } || classes < 3)
        {
            return;
        }

        for (int i = 0; i < layers.Count - 1; i++)
        {
            if (layers[i].Units is { } units && units > 0 && units < classes - 1)
            {
                problems.Add(new(DiagnosticDescriptors.HiddenLayerNarrowerThanClasses, layers[i].AttributeIndex, "0", i + 1, units, classes, classes - 1));
            }
        }
    }

    private static void CheckAlpha(DenseDeclaration layer, int number, float alpha, List<ValidationProblem> problems)
    {
        string? reason = layer.Activation switch
        {
            Activation.LeakyReLU when alpha <= 0f => "a slope of 0 is plain ReLU, whose units can die, and a negative slope makes the unit non-monotonic; use a small positive slope such as 0.01",
            Activation.LeakyReLU when alpha >= 1f => "a slope of 1 makes the layer linear, and above 1 the negative side is steeper than the positive one, the reverse of a leak; use a small positive slope such as 0.01",
            Activation.ELU when alpha <= 0f => "ELU needs α > 0 for the negative saturation that keeps its mean activation near 0 (0 is plain ReLU, below 0 the unit is non-monotonic); use 1",
            _ => null,
        };
        if (reason is not null)
        {
            problems.Add(new(DiagnosticDescriptors.SlopeOutOfRange, layer.AttributeIndex, "Alpha", Format(alpha), number, layer.Activation!.Value, reason)
            {
                Properties = FixProperties.Replace(layer.Activation == Activation.ELU ? "1f" : "0.01f"),
            });
        }
        else if (layer.Activation is { } activation && activation is not (Activation.LeakyReLU or Activation.ELU) && System.Enum.IsDefined(typeof(Activation), activation))
        {
            problems.Add(new(DiagnosticDescriptors.AlphaWithoutEffect, layer.AttributeIndex, "Alpha", number, activation)
            {
                Properties = FixProperties.RemoveArgument,
            });
        }
    }

    /// <summary>
    /// An explicit Init that contradicts a hidden layer's activation. Only hidden layers count: the variance argument
    /// behind Xavier and He is about keeping the signal's scale through a stack of layers, and the output layer is
    /// a single read-out (a ReLU network with He init and a sigmoid output is sound).
    /// </summary>
    private static void CheckInit(NetworkDeclaration declaration, List<ValidationProblem> problems)
    {
        if (declaration.Options.Init is not { } init || init == Initialization.Auto || !System.Enum.IsDefined(typeof(Initialization), init))
        {
            return;
        }

        bool xavier = init is Initialization.XavierUniform or Initialization.XavierNormal;
        var hidden = declaration.Layers.Take(declaration.Layers.Count - 1).ToList();
        int mismatch = hidden.FindIndex(l => l.Activation is { } a && (xavier ? IsReLUFamily(a) : a is Activation.Sigmoid or Activation.Tanh));
        if (mismatch < 0)
        {
            return;
        }

        bool uniform = init is Initialization.XavierUniform or Initialization.HeUniform;
        bool allReLU = hidden.All(static l => l.Activation is { } a && IsReLUFamily(a));
        bool allSaturating = hidden.All(static l => l.Activation is Activation.Sigmoid or Activation.Tanh);
        Initialization suggestion = xavier && allReLU ? (uniform ? Initialization.HeUniform : Initialization.HeNormal)
            : !xavier && allSaturating ? (uniform ? Initialization.XavierUniform : Initialization.XavierNormal)
            : Initialization.Auto;
        string reason = xavier
            ? "ReLU zeroes about half of its inputs, so Xavier's variance halves at every layer and the signal fades with depth; He's factor 2 restores it (He et al., 2015)"
            : "He's doubled variance drives sigmoid/tanh units into saturation, where their gradient vanishes; Xavier keeps them in their linear range (Glorot and Bengio, 2010)";
        problems.Add(new(
            DiagnosticDescriptors.InitDoesNotMatchActivation,
            declaration.NetworkAttributeIndex,
            "Init",
            init,
            xavier ? "sigmoid/tanh layers" : "ReLU-family layers",
            mismatch + 1,
            hidden[mismatch].Activation!.Value,
            reason,
            suggestion)
        {
            Properties = FixProperties.Replace("Initialization." + suggestion),
        });
    }

    private static void ValidateTraining(NetworkDeclaration declaration, Activation output, List<ValidationProblem> problems)
    {
        NetworkOptions options = declaration.Options;
        int at = declaration.NetworkAttributeIndex;
        if (options.Loss is { } explicitLoss && !System.Enum.IsDefined(typeof(Loss), explicitLoss))
        {
            return;
        }

        Loss loss = ResolveLoss(options.Loss ?? Loss.Auto, output);
        if (loss == Loss.CrossEntropy && output != Activation.Softmax)
        {
            problems.Add(new(DiagnosticDescriptors.CrossEntropyWithoutSoftmax, at, "Loss", output));
        }

        if (loss == Loss.BinaryCrossEntropy && output != Activation.Sigmoid)
        {
            problems.Add(new(DiagnosticDescriptors.BinaryCrossEntropyWithoutSigmoid, at, "Loss", output));
        }

        if (loss == Loss.MeanSquaredError && output == Activation.Softmax)
        {
            problems.Add(new(DiagnosticDescriptors.MeanSquaredErrorWithSoftmax, at, "Loss") { Properties = FixProperties.Replace("Loss.CrossEntropy") });
        }

        RobustTrainingRules.Validate(options, loss, output, at, problems);
        Optimizer? optimizer = options.Optimizer ?? Optimizer.Adam;
        if (!System.Enum.IsDefined(typeof(Optimizer), optimizer.Value))
        {
            optimizer = null;
        }

        if (options.LearningRate is { } rate)
        {
            string fix = Format(OptimizerDefaults.LearningRateOf(optimizer ?? Optimizer.Adam)) + "f";
            if (!(rate > 0f && !float.IsInfinity(rate)))
            {
                problems.Add(new(DiagnosticDescriptors.InvalidLearningRate, at, "LearningRate", Format(rate)) { Properties = FixProperties.Replace(fix) });
            }
            else if (optimizer is { } o && LearningRateRange(o) is var (low, high) && (rate < low || rate > high))
            {
                string reason = rate > high
                    ? o is Optimizer.Adam or Optimizer.AdamW or Optimizer.RMSProp or Optimizer.AdaGrad
                        ? $"{o} moves every weight by about the learning rate at each step whatever the gradient's scale, more than the size of the initial weights (about 1/√fan-in), so training oscillates or diverges"
                        : "gradient descent is stable only for a rate below 2 over the loss's largest curvature, and above 1 it overshoots on ordinary losses and diverges"
                    : "each step moves a weight by about the learning rate times its gradient (or just the rate, for adaptive optimizers), so training would need millions of steps to move at all";
                problems.Add(new(DiagnosticDescriptors.LearningRateOutOfRange, at, "LearningRate", Format(rate), o, Decimal(low), Decimal(high), reason, Format(OptimizerDefaults.LearningRateOf(o)))
                {
                    Properties = FixProperties.Replace(fix),
                });
            }
        }

        CheckDecay(options.Momentum, "Momentum", Format(OptimizerDefaults.Momentum));
        CheckDecay(options.Beta1, "Beta1", Format(OptimizerDefaults.Beta1));
        CheckDecay(options.Beta2, "Beta2", Format(OptimizerDefaults.Beta2));
        CheckDecay(options.Rho, "Rho", Format(OptimizerDefaults.Rho));
        if (options.Epsilon is { } epsilon && !(epsilon > 0f && !float.IsInfinity(epsilon)))
        {
            problems.Add(new(DiagnosticDescriptors.InvalidOptimizerValue, at, "Epsilon", "Epsilon", Format(epsilon), "a finite value greater than 0, e.g. 1e-8"));
        }

        if (options.WeightDecay is { } decay && !(decay >= 0f && !float.IsInfinity(decay)))
        {
            problems.Add(new(DiagnosticDescriptors.InvalidOptimizerValue, at, "WeightDecay", "WeightDecay", Format(decay), "a finite value of at least 0"));
        }

        if (optimizer is { } used)
        {
            CheckUsed(options.Momentum, "Momentum", used is Optimizer.Momentum or Optimizer.Nesterov, "which only Momentum and Nesterov use");
            CheckUsed(options.Beta1, "Beta1", used is Optimizer.Adam or Optimizer.AdamW, "which only Adam and AdamW use");
            CheckUsed(options.Beta2, "Beta2", used is Optimizer.Adam or Optimizer.AdamW, "which only Adam and AdamW use");
            CheckUsed(options.Rho, "Rho", used is Optimizer.RMSProp, "which only RMSProp uses");
            CheckUsed(options.Epsilon, "Epsilon", used is not (Optimizer.Sgd or Optimizer.Momentum or Optimizer.Nesterov), "which divides by no running average");
        }

        if (optimizer is Optimizer.Adam or Optimizer.AdamW && (options.Beta1 is not null || options.Beta2 is not null))
        {
            float beta1 = options.Beta1 ?? OptimizerDefaults.Beta1, beta2 = options.Beta2 ?? OptimizerDefaults.Beta2;
            if (beta1 is >= 0f and < 1f && beta2 is >= 0f and < 1f && beta1 >= System.Math.Sqrt(beta2))
            {
                // Point at what was changed from the default: a small Beta2 is the usual cause.
                bool atBeta2 = options.Beta2 is not null;
                problems.Add(new(DiagnosticDescriptors.AdamBetasUnbounded, at, atBeta2 ? "Beta2" : "Beta1", Format(beta1), System.Math.Sqrt(beta2).ToString("0.####", CultureInfo.InvariantCulture))
                {
                    Properties = FixProperties.Replace(Format(atBeta2 ? OptimizerDefaults.Beta2 : OptimizerDefaults.Beta1) + "f"),
                });
            }
        }

        void CheckDecay(float? value, string option, string defaultValue)
        {
            if (value is { } v && !(v >= 0f && v < 1f))
            {
                problems.Add(new(DiagnosticDescriptors.InvalidDecayRate, at, option, option, Format(v), defaultValue));
            }
        }

        void CheckUsed(float? value, string option, bool used, string reason)
        {
            if (value is not null && !used)
            {
                problems.Add(new(DiagnosticDescriptors.OptionWithoutEffect, at, option, option, optimizer!.Value, reason) { Properties = FixProperties.RemoveArgument });
            }
        }
    }

    /// <summary>
    /// The learning rates outside which an optimizer is all but certain to diverge or to stand still. Adaptive
    /// optimizers step each weight by about the rate itself, so above 0.1 they rewrite weights that start near
    /// 1/√fan-in every step; AdaGrad's steps shrink as its sums grow, so it tolerates up to 1, as does plain and
    /// momentum SGD, whose step is the rate times the gradient (0.1 with momentum 0.9 is the classic ResNet setting).
    /// Below 1e-6 no optimizer moves a weight measurably in a normal training run.
    /// </summary>
    public static (float Low, float High) LearningRateRange(Optimizer optimizer) => optimizer switch
    {
        Optimizer.Adam or Optimizer.AdamW or Optimizer.RMSProp => (1e-6f, 0.1f),
        _ => (1e-6f, 1f),
    };

    private static string Format(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Decimal(float value) => value.ToString("0.#########", CultureInfo.InvariantCulture);

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
