using Microsoft.CodeAnalysis;

namespace CompiledNN.Generators.Diagnostics;

/// <summary>
/// Every diagnostic CompiledNN reports. IDs are stable: CNN0xxx are errors (the declaration cannot become a working
/// network, so no code is generated), CNN1xxx warnings (it compiles but the theory says it will train badly),
/// CNN2xxx information (what the network costs).
/// Each ID has an entry in docs/diagnostics.md, which the help link points to. Each kind of network keeps its
/// descriptors in a partial file of its own (CNN00xx–CNN10xx networks, CNN01xx classic models, CNN02xx baked weights).
/// </summary>
internal static partial class DiagnosticDescriptors
{
    private const string Declaration = "CompiledNN.Declaration";
    private const string Training = "CompiledNN.Training";
    private const string Design = "CompiledNN.Design";
    private const string Budget = "CompiledNN.Budget";
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

    public static readonly DiagnosticDescriptor UndefinedEnumValue = Error(
        "CNN0019", Declaration,
        "Value is not defined by its enum",
        "{0} is ({1}){2}, which {1} does not define; use one of {3}");

    public static readonly DiagnosticDescriptor NetworkTooLarge = Error(
        "CNN0020", Declaration,
        "Network too large",
        "The network has {0} parameters; the generated code indexes parameters, gradients and optimizer state with int, so at most {1} (2 GiB of float32) are supported; make the layers smaller");

    public static readonly DiagnosticDescriptor UnrolledLayerTooLarge = Error(
        "CNN0021", Declaration,
        "Layer too large to unroll",
        "CodeShape.Unrolled would write layer {0}'s {1} weights as {1} terms of straight-line code (more than {2}), megabytes of source the JIT compiles without optimisation; use CodeShape.Auto, which unrolls only small layers");

    public static readonly DiagnosticDescriptor LayersWithoutNetwork = Error(
        "CNN0022", Declaration,
        "Layer attributes without [Network]",
        "'{0}' declares [{1}] but carries no [Network], so nothing is generated for it; add [Network] to the type or remove the layer attributes");

    public static readonly DiagnosticDescriptor ParameterBudgetExceeded = Error(
        "CNN0023", Budget,
        "Parameter budget exceeded",
        "'{0}' needs {1} bytes of parameters and optimizer state, more than CompiledNN_MaxParameterBytes = {2}; make the layers smaller, pick an optimizer with less state (Sgd keeps none) or raise the budget");

    public static readonly DiagnosticDescriptor StackBudgetExceeded = Error(
        "CNN0024", Budget,
        "Stack budget exceeded",
        "'{0}' uses up to {1} bytes of stack in one call, more than CompiledNN_MaxStackBytes = {2}; make the hidden layers narrower or raise the budget");

    public static readonly DiagnosticDescriptor InvalidBudgetProperty = Error(
        "CNN0025", Budget,
        "Budget property is not a number of bytes",
        "The MSBuild property {0} is '{1}'; it must be a whole number of bytes, e.g. 65536");

    public static readonly DiagnosticDescriptor TypeNameCollision = Error(
        "CNN0026", Declaration,
        "Type is named like a generated member",
        "The type is named '{0}', like a member CompiledNN generates, and C# forbids a member named as its type; rename the type (e.g. '{0}Network')");

    public static readonly DiagnosticDescriptor NetworkTooLargeForWeightsFile = Error(
        "CNN0027", Declaration,
        "Network too large for a weights file",
        "The network has {0} parameters; a weights file holds at most {1} (512 MiB of float32), so it could never be saved or loaded; make the layers smaller");

    public static readonly DiagnosticDescriptor MeanSquaredErrorWithSoftmax = Warning(
        "CNN1001", Training,
        "Mean squared error on a Softmax output",
        "MSE on a Softmax output trains slowly: its gradient is scaled by the softmax derivative p(1 − p), which vanishes when a class is confidently wrong; use Loss.CrossEntropy, whose gradient is p − t");

    public static readonly DiagnosticDescriptor IdentityHiddenLayer = Warning(
        "CNN1002", Design,
        "Identity activation in a hidden layer",
        "Hidden layer {0} has no activation (Identity), so it and layer {1} compose into one linear map and the extra layer adds nothing; use Activation.ReLU (or Tanh)");

    public static readonly DiagnosticDescriptor DeepSaturatingStack = Warning(
        "CNN1003", Training,
        "Deep stack of sigmoid/tanh layers",
        "Hidden layers {0} to {1} are {2} consecutive sigmoid/tanh layers; backpropagation multiplies the gradient by each derivative (sigmoid' ≤ 0.25, tanh' < 1 once units saturate), so the first layers barely learn; use ReLU in the hidden layers or stay below {3} consecutive sigmoid/tanh layers");

    public static readonly DiagnosticDescriptor InitDoesNotMatchActivation = Warning(
        "CNN1004", Training,
        "Initialization does not match the activation",
        "Init = {0} is derived for {1}, but hidden layer {2} uses {3}; {4}; use Init = {5} (or Auto, which picks per layer)");

    public static readonly DiagnosticDescriptor SlopeOutOfRange = Warning(
        "CNN1005", Design,
        "Activation slope out of its useful range",
        "Alpha is {0} for layer {1}'s {2}; {3}");

    public static readonly DiagnosticDescriptor LearningRateOutOfRange = Warning(
        "CNN1006", Training,
        "Learning rate far outside the usual range of the optimizer",
        "LearningRate {0} is far outside the usual range of {1} ({2} to {3}): {4}; the default for {1} is {5}");

    public static readonly DiagnosticDescriptor OptionWithoutEffect = Warning(
        "CNN1007", Design,
        "Option has no effect with this optimizer",
        "{0} has no effect with Optimizer.{1}, {2}; remove it or choose an optimizer that uses it");

    public static readonly DiagnosticDescriptor AlphaWithoutEffect = Warning(
        "CNN1008", Design,
        "Alpha has no effect with this activation",
        "Alpha is used only by LeakyReLU and ELU, but layer {0} uses {1}; remove it or change the activation");

    public static readonly DiagnosticDescriptor UnrolledLayerTooLargeForJit = Warning(
        "CNN1009", Design,
        "Unrolled layer too large for the JIT to optimise",
        "CodeShape.Unrolled writes layer {0}'s {1} weights as straight-line code; beyond about {2} terms the method exceeds the JIT's limits and is compiled without optimisation, slower than the SIMD loop; use CodeShape.Auto");

    public static readonly DiagnosticDescriptor HiddenLayerNarrowerThanClasses = Warning(
        "CNN1010", Design,
        "Hidden layer narrower than the classes need",
        "Hidden layer {0} has {1} units, but a Softmax over {2} classes has {3} degrees of freedom; every later layer sees the input only through these {1} numbers, so the class probabilities can vary in at most {1} directions; give the layer at least {3} units");

    public static readonly DiagnosticDescriptor AdamBetasUnbounded = Warning(
        "CNN1011", Training,
        "Adam's Beta1 is not below the square root of Beta2",
        "Beta1 = {0} is not below √Beta2 = {1}: Adam's step m̂/√v̂ stays bounded only when β1 < √β2, so single updates can grow far beyond the learning rate; lower Beta1 or raise Beta2 (the defaults are 0.9 and 0.999)");

    public static readonly DiagnosticDescriptor ResourceBudget = Info(
        "CNN2001", Budget,
        "Resource budget of the network",
        "'{0}' ({1}): {2} parameters = {3} bytes; optimizer state {4} bytes ({5}); peak stack {6} bytes per call; {7} multiply-adds per sample");

    internal static DiagnosticDescriptor Error(string id, string category, string title, string message) =>
        new(id, title, message, category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + id.ToLowerInvariant());

    internal static DiagnosticDescriptor Warning(string id, string category, string title, string message) =>
        new(id, title, message, category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + id.ToLowerInvariant());

    internal static DiagnosticDescriptor Info(string id, string category, string title, string message) =>
        new(id, title, message, category, DiagnosticSeverity.Info, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + id.ToLowerInvariant());
}
