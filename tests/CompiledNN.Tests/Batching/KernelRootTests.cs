using System;
using System.Linq;
using System.Reflection;
using CompiledNN.Runtime;
using Xunit;

namespace CompiledNN.Tests.Batching;

/// <summary>
/// The kernels' inner loops stay compilation roots, optimized from their first call: inlined into a large caller, dynamic
/// PGO ran out of inlining budget there and left every multiply-add a call, ten times slower (docs/performance.md,
/// Kernels as compilation roots). Nothing in a timing test would catch that reliably; the attributes are what keep it away.
/// </summary>
public sealed class KernelRootTests
{
    private const MethodImplAttributes Root = MethodImplAttributes.NoInlining | MethodImplAttributes.AggressiveOptimization;

    /// <summary>The private methods of each kernel class whose names start so (every register tile), or are exactly so.</summary>
    public static TheoryData<Type, string, bool> Loops() => new()
    {
        { typeof(BroadcastProduct), "Tile", false },
        { typeof(TiledConvolution), "Tile", false },
        { typeof(InterleavedSums), "Tile", true },
        { typeof(InterleavedSums), "Pair", true },
        { typeof(RowsInLanes), "Linear", true },
        { typeof(MatrixKernels), "Dot4x4", true },
        { typeof(Activations), "MapRegisters", true },
        { typeof(Activations), "MultiplyRegisters", true },
    };

    [Theory]
    [MemberData(nameof(Loops))]
    public void InnerLoopsAreCompilationRoots(Type kernels, string name, bool exact)
    {
        MethodInfo[] loops = kernels.GetMethods(BindingFlags.Static | BindingFlags.NonPublic)
            .Where(method => exact ? method.Name == name : method.Name.StartsWith(name, StringComparison.Ordinal))
            .ToArray();

        Assert.NotEmpty(loops);
        Assert.All(loops, method => Assert.True(
            (method.MethodImplementationFlags & Root) == Root,
            $"{kernels.Name}.{method.Name} is not NoInlining | AggressiveOptimization."));
    }

    /// <summary>
    /// The loops that copy, transpose and map between the kernels' calls, the thread pool's hand-over, and every forward
    /// pass's way through the runtime to its kernels (a row's product, convolutions, pooling, normalization, int8).
    /// </summary>
    public static TheoryData<Type, string> Glue() => new()
    {
        { typeof(BroadcastProduct), "Panels" },
        { typeof(BroadcastProduct), "PartialPanel" },
        { typeof(BroadcastProduct), "Pack" },
        { typeof(BroadcastProduct), "PackTransposed" },
        { typeof(RowsInLanes), "Transpose" },
        { typeof(RowsInLanes), "Transpose16" },
        { typeof(RowsInLanes), "Untranspose" },
        { typeof(RowsInLanes), "Softmax" },
        { typeof(Activations), "Map" },
        { typeof(Activations), "MultiplyByDerivative" },
        { typeof(Activations), "SoftmaxWithMax" },
        { typeof(BatchParallelism), "RunShared" },
        { typeof(BatchParallelism), "TakeChunks" },
        { typeof(BatchParallelism), "WaitForRun" },
        { typeof(LayerSplit), "Run" },
        { typeof(MatrixKernels), "Linear" },
        { typeof(MatrixKernels), "LinearPacked" },
        { typeof(MatrixKernels), "LinearUnits" },
        { typeof(MatrixKernels), "LinearPackedUnits" },
        { typeof(BroadcastProduct), "Run" },
        { typeof(BroadcastProduct), "RowsOverlapped" },
        { typeof(Activations), "ReLU" },
        { typeof(Kernels), "ArgMax" },
        { typeof(Convolution), "Forward" },
        { typeof(LoweredConvolution), "Forward" },
        { typeof(LoweredConvolution), "ForwardPooled" },
        { typeof(LoweredConvolution), "CopyRow" },
        { typeof(TiledConvolution), "Forward" },
        { typeof(TiledConvolution), "ForwardPooled" },
        { typeof(Pooling), "MaxForward" },
        { typeof(Pooling), "MaxPairs" },
        { typeof(Pooling), "AverageForward" },
        { typeof(BatchNormalization), "Forward" },
        { typeof(LayerNormalization), "Forward" },
        { typeof(LayerNormalization), "Statistics" },
        { typeof(QuantizedKernels), "Linear" },
        { typeof(QuantizedKernels), "Products" },
    };

    /// <summary>
    /// The code between the kernels' calls is optimized from its first call too: at tier 0 every lane operation is a
    /// call, and a process that keeps compiling (a benchmark creating sessions, an application starting up) extends the
    /// runtime's delay before tier 1 for as long as it does, so 64 rows of 784-128-10 took 83 µs instead of 64 for a
    /// third of a second on an AMD EPYC Zen 5 (docs/performance.md, Kernels as compilation roots).
    /// </summary>
    [Theory]
    [MemberData(nameof(Glue))]
    public void CodeBetweenKernelsIsOptimizedFromTheFirstCall(Type kernels, string name)
    {
        MethodInfo[] methods = kernels.GetMethods(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)
            .Where(method => method.Name == name)
            .ToArray();

        Assert.NotEmpty(methods);
        Assert.All(methods, method => Assert.True(
            (method.MethodImplementationFlags & MethodImplAttributes.AggressiveOptimization) != 0,
            $"{kernels.Name}.{method.Name} is not AggressiveOptimization."));
    }

    /// <summary>
    /// Generated networks of each code shape: straight-line layers and a whole row in registers, the matrix kernels, a
    /// packed layer shared between threads, int8 weights.
    /// </summary>
    public static TheoryData<Type> GeneratedNetworks() => new()
    {
        typeof(Networks.MixedRegistersNet),
        typeof(Networks.LargeFirstLayerTailNet),
        typeof(WideClassifier),
        typeof(RowSplitClassifier),
        typeof(Quantization.FashionInt8Net),
    };

    /// <summary>
    /// The generated forward passes too: at tier 0 each multiply-add of the straight-line code is a call, and one row of a
    /// small network took three to four times as long for as long as the process kept compiling other code (AMD EPYC
    /// Zen 5; docs/performance.md, Kernels as compilation roots).
    /// </summary>
    [Theory]
    [MemberData(nameof(GeneratedNetworks))]
    public void GeneratedPassesAreOptimizedFromTheFirstCall(Type network)
    {
        Type implementation = network.GetNestedType("Implementation", BindingFlags.NonPublic)
            ?? throw new InvalidOperationException($"{network.Name} has no generated Implementation class.");
        MethodInfo[] passes = implementation.GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
            .Where(method => IsPass(method.Name))
            .ToArray();

        Assert.Contains(passes, method => method.Name == "Predict");
        Assert.Contains(passes, method => method.Name == "PredictBatch");
        Assert.Contains(passes, method => method.Name == "Forward");
        Assert.All(passes, method => Assert.True(
            (method.MethodImplementationFlags & MethodImplAttributes.AggressiveOptimization) != 0,
            $"{network.Name}.{method.Name} is not AggressiveOptimization."));
    }

    /// <summary>The forward pass's methods; training's are left to tiering, which a training loop's thousands of calls reach soon.</summary>
    private static bool IsPass(string name) =>
        name is "Predict" or "PredictClass" or "PredictBatch" or "PredictRows" or "Forward" or "ForwardInLanes"
        || name.StartsWith("ForwardInRegisters", StringComparison.Ordinal)
        || (name.StartsWith("Dense", StringComparison.Ordinal) && (name.EndsWith("Row", StringComparison.Ordinal) || name.EndsWith("Linear", StringComparison.Ordinal)));
}
