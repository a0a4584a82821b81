using Microsoft.CodeAnalysis;

namespace CompiledNN.Generators.Diagnostics;

/// <summary>
/// Every diagnostic CompiledNN reports. IDs are stable: CNN0xxx are errors (the declaration cannot become a working
/// network, so no code is generated), CNN1xxx warnings (it compiles but the theory says it will train badly).
/// Each ID has an entry in docs/diagnostics.md, which the help link points to. Each kind of network keeps its
/// descriptors in a partial file of its own (CNN00xx–CNN10xx networks, CNN01xx classic models, CNN02xx baked weights).
/// </summary>
internal static partial class DiagnosticDescriptors
{
    private const string Declaration = "CompiledNN.Declaration";
    private const string Training = "CompiledNN.Training";
    private const string HelpLinkBase = "https://github.com/compilednn/compilednn/blob/main/docs/diagnostics.md#";

    public static readonly DiagnosticDescriptor TypeNotPartial = Error(
        "CNN0001", Declaration,
        "Network type must be partial",
        "'{0}' must be declared partial so that CompiledNN can add the generated members; add the 'partial' modifier");

    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Error(
        "CNN0002", Declaration,
        "Containing type must be partial",
        "'{0}' contains the network '{1}' and must be declared partial too; add the 'partial' modifier to '{0}'");

    public static readonly DiagnosticDescriptor UnsupportedType = Error(
        "CNN0003", Declaration,
        "Unsupported network type",
        "'{0}' cannot be a network: {1}");

    public static readonly DiagnosticDescriptor MissingInput = Error(
        "CNN0004", Declaration,
        "Network has no input",
        "Network '{0}' has no [Input]; add [Input(n)] with the number of input features");

    public static readonly DiagnosticDescriptor DuplicateInput = Error(
        "CNN0005", Declaration,
        "Network has more than one input",
        "Network '{0}' declares [Input] more than once; keep the one with the number of input features");

    public static readonly DiagnosticDescriptor MissingLayer = Error(
        "CNN0006", Declaration,
        "Network has no layer",
        "Network '{0}' has no [Dense] layer; add at least the output layer, e.g. [Dense(1, Activation.Sigmoid)]");

    public static readonly DiagnosticDescriptor SizeNotPositive = Error(
        "CNN0007", Declaration,
        "Size must be at least 1",
        "{0} is {1}; it must be at least 1");

    public static readonly DiagnosticDescriptor StepInTrainedNetwork = Error(
        "CNN0008", Declaration,
        "Step activation cannot be trained by gradient descent",
        "The Step activation has a zero gradient everywhere, so backpropagation cannot train layer {0}; use Sigmoid or ReLU, or declare a [Perceptron]");

    public static readonly DiagnosticDescriptor CrossEntropyWithoutSoftmax = Error(
        "CNN0009", Training,
        "CrossEntropy needs a Softmax output",
        "Loss.CrossEntropy is fused with a Softmax output layer, but the output layer uses {0}; make the output activation Softmax or choose another loss");

    public static readonly DiagnosticDescriptor BinaryCrossEntropyWithoutSigmoid = Error(
        "CNN0010", Training,
        "BinaryCrossEntropy needs a Sigmoid output",
        "Loss.BinaryCrossEntropy is fused with a Sigmoid output layer, but the output layer uses {0}; make the output activation Sigmoid or choose another loss");

    public static readonly DiagnosticDescriptor SoftmaxWithOneUnit = Error(
        "CNN0011", Declaration,
        "Softmax over a single unit",
        "Softmax over 1 unit always outputs 1 and learns nothing; use Sigmoid with one unit for two classes, or give the layer one unit per class");

    public static readonly DiagnosticDescriptor InvalidLearningRate = Error(
        "CNN0012", Training,
        "Learning rate must be positive and finite",
        "LearningRate is {0}; it must be a finite value greater than 0, e.g. 0.001 for Adam or 0.01 for SGD");

    public static readonly DiagnosticDescriptor InvalidDecayRate = Error(
        "CNN0013", Training,
        "Decay rate must be in [0, 1)",
        "{0} is {1}; it must be at least 0 and less than 1 (the default is {2})");

    public static readonly DiagnosticDescriptor LayersInSeveralDeclarations = Error(
        "CNN0014", Declaration,
        "Layers declared on several partial declarations",
        "The [Input] and [Dense] attributes of '{0}' are spread over several partial declarations, whose order is undefined; put them all on one declaration");

    public static readonly DiagnosticDescriptor MemberCollision = Error(
        "CNN0015", Declaration,
        "Member collides with a generated member",
        "'{0}' declares '{1}', which CompiledNN generates; rename or remove it");

    public static readonly DiagnosticDescriptor SeveralNetworkKinds = Error(
        "CNN0016", Declaration,
        "Several network kinds on one type",
        "'{0}' carries [{1}] and [{2}]; a type can be only one kind of network");

    public static readonly DiagnosticDescriptor InvalidOptimizerValue = Error(
        "CNN0017", Training,
        "Optimizer setting out of range",
        "{0} is {1}; it must be {2}");

    public static readonly DiagnosticDescriptor SoftmaxInHiddenLayer = Error(
        "CNN0018", Declaration,
        "Softmax is only for the output layer",
        "Layer {0} is a hidden layer with Softmax, which CompiledNN supports only on the output layer; use ReLU, Tanh or Sigmoid");

    internal static DiagnosticDescriptor Error(string id, string category, string title, string message) =>
        new(id, title, message, category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + id.ToLowerInvariant());
}
