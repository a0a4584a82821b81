namespace CompiledNN.Generators.Emit;

/// <summary>
/// Names used by generated code, qualified by a namespace alias (<c>Simd::Vector512</c>): the lookup of <c>alias::</c> sees
/// aliases only, never a user's type or member of the same name, so no user code can shadow them.
/// </summary>
internal static class Names
{
    /// <summary>
    /// The namespace aliases generated code may use, each declared in a file that uses it (<see cref="FileEmitter"/>), after
    /// its namespace line.
    /// </summary>
    public static readonly (string Alias, string Namespace)[] NamespaceAliases =
    [
        ("Sys", "global::System"),
        ("Cdc", "global::System.CodeDom.Compiler"),
        ("Simd", "global::System.Runtime.Intrinsics"),
        ("Rcs", "global::System.Runtime.CompilerServices"),
        ("Ris", "global::System.Runtime.InteropServices"),
        ("Nn", "global::CompiledNN"),
        ("Nnr", "global::CompiledNN.Runtime"),
    ];

    public const string Span = "Sys::Span<float>";
    public const string ReadOnlySpan = "Sys::ReadOnlySpan<float>";
    public const string INetwork = "Nn::INetwork";
    public const string NetworkRandom = "Nn::NetworkRandom";
    public const string Guard = "Nnr::Guard";
    public const string Activations = "Nnr::Activations";
    public const string Kernels = "Nnr::Kernels";
    public const string ClassicModelGuard = "Nnr::ClassicModelGuard";
    public const string PerceptronFitResult = "Nn::PerceptronFitResult";
    public const string ParameterInitializer = "Nnr::ParameterInitializer";
    public const string ITrainableNetwork = "Nn::ITrainableNetwork";
    public const string ActivationGradients = "Nnr::ActivationGradients";
    public const string Losses = "Nnr::Losses";
    public const string GradientClipping = "Nnr::GradientClipping";
    public const string Dropout = "Nnr::Dropout";
    public const string Convolution = "Nnr::Convolution";
    public const string ConvolutionShape = "Nnr::ConvolutionShape";
    public const string LoweredConvolution = "Nnr::LoweredConvolution";
    public const string ConvolutionSplit = "Nnr::ConvolutionSplit";
    public const string Pooling = "Nnr::Pooling";
    public const string PoolingShape = "Nnr::PoolingShape";
    public const string BatchNormalization = "Nnr::BatchNormalization";
    public const string LayerNormalization = "Nnr::LayerNormalization";
    public const string Optimizers = "Nnr::Optimizers";
    public const string StepRollback = "Nnr::StepRollback";
    public const string IntSpan = "Sys::ReadOnlySpan<int>";
    public const string MatrixKernels = "Nnr::MatrixKernels";
    public const string RowsInLanes = "Nnr::RowsInLanes";
    public const string AlignedBuffer = "Nnr::AlignedBuffer";
    public const string BatchParallelism = "Nnr::BatchParallelism";
    public const string IChunkWork = "Nnr::IChunkWork";
    public const string BatchSpans = "Nnr::BatchSpans";
    public const string ArrayPool = "Sys::Buffers.ArrayPool<float>";
    public const string Stream = "Sys::IO.Stream";
    public const string IPersistentNetwork = "Nn::Persistence.IPersistentNetwork";
    public const string NetworkArchitecture = "Nn::Persistence.NetworkArchitecture";
    public const string LayerArchitecture = "Nn::Persistence.LayerArchitecture";
    public const string WeightsFile = "Nn::Persistence.WeightsFile";
    public const string Activation = "Nn::Activation";

    /// <summary>The attribute every generated member carries, stamped with the generator's version (set once, in Directory.Build.props).</summary>
    public static readonly string GeneratedCode =
        "[Cdc::GeneratedCode(\"CompiledNN\", \"" + typeof(Names).Assembly.GetName().Version!.ToString(3) + "\")]";
}
