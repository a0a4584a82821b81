namespace CompiledNN.Generators.Emit;

/// <summary>Fully qualified names used by generated code, so that no user type can shadow them.</summary>
internal static class Names
{
    public const string Span = "global::System.Span<float>";
    public const string ReadOnlySpan = "global::System.ReadOnlySpan<float>";
    public const string INetwork = "global::CompiledNN.INetwork";
    public const string NetworkRandom = "global::CompiledNN.NetworkRandom";
    public const string Guard = "global::CompiledNN.Runtime.Guard";
    public const string Activations = "global::CompiledNN.Runtime.Activations";
    public const string Kernels = "global::CompiledNN.Runtime.Kernels";
    public const string ClassicModelGuard = "global::CompiledNN.Runtime.ClassicModelGuard";
    public const string PerceptronFitResult = "global::CompiledNN.PerceptronFitResult";
    public const string ParameterInitializer = "global::CompiledNN.Runtime.ParameterInitializer";
    public const string ITrainableNetwork = "global::CompiledNN.ITrainableNetwork";
    public const string ActivationGradients = "global::CompiledNN.Runtime.ActivationGradients";
    public const string Losses = "global::CompiledNN.Runtime.Losses";
    public const string GradientClipping = "global::CompiledNN.Runtime.GradientClipping";
    public const string Dropout = "global::CompiledNN.Runtime.Dropout";
    public const string Convolution = "global::CompiledNN.Runtime.Convolution";
    public const string ConvolutionShape = "global::CompiledNN.Runtime.ConvolutionShape";
    public const string LoweredConvolution = "global::CompiledNN.Runtime.LoweredConvolution";
    public const string Pooling = "global::CompiledNN.Runtime.Pooling";
    public const string PoolingShape = "global::CompiledNN.Runtime.PoolingShape";
    public const string BatchNormalization = "global::CompiledNN.Runtime.BatchNormalization";
    public const string LayerNormalization = "global::CompiledNN.Runtime.LayerNormalization";
    public const string Optimizers = "global::CompiledNN.Runtime.Optimizers";
    public const string StepRollback = "global::CompiledNN.Runtime.StepRollback";
    public const string IntSpan = "global::System.ReadOnlySpan<int>";
    public const string MatrixKernels = "global::CompiledNN.Runtime.MatrixKernels";
    public const string BatchParallelism = "global::CompiledNN.Runtime.BatchParallelism";
    public const string IChunkWork = "global::CompiledNN.Runtime.IChunkWork";
    public const string BatchSpans = "global::CompiledNN.Runtime.BatchSpans";
    public const string ArrayPool = "global::System.Buffers.ArrayPool<float>";
    public const string Stream = "global::System.IO.Stream";
    public const string IPersistentNetwork = "global::CompiledNN.Persistence.IPersistentNetwork";
    public const string NetworkArchitecture = "global::CompiledNN.Persistence.NetworkArchitecture";
    public const string LayerArchitecture = "global::CompiledNN.Persistence.LayerArchitecture";
    public const string WeightsFile = "global::CompiledNN.Persistence.WeightsFile";
    public const string Activation = "global::CompiledNN.Activation";

    /// <summary>The attribute every generated member carries, stamped with the generator's version (set once, in Directory.Build.props).</summary>
    public static readonly string GeneratedCode =
        "[global::System.CodeDom.Compiler.GeneratedCode(\"CompiledNN\", \"" + typeof(Names).Assembly.GetName().Version!.ToString(3) + "\")]";
}
