using System;
using System.Collections.Generic;
using CompiledNN.Tests.Batching;
using CompiledNN.Tests.Networks;
using CompiledNN.Tests.Parity;

namespace CompiledNN.Tests.Pinning;

/// <summary>How a pinned network's training targets are made.</summary>
internal enum PinnedTargets
{
    /// <summary>One-hot rows, class <c>row % OutputSize</c> (softmax and cross-entropy).</summary>
    OneHot,

    /// <summary>0 or 1 per output (sigmoid and binary cross-entropy).</summary>
    Binary,

    /// <summary>Values in [0, 1) (mean squared error).</summary>
    Real,
}

/// <summary>
/// A network whose bits are pinned: its name in the pins file, how its targets are made, and how to construct it with the
/// fixed seed and a thread limit (null: the network's default).
/// </summary>
internal sealed record PinnedNetwork(string Name, PinnedTargets Targets, Func<int?, ITrainableNetwork> Create);

/// <summary>The networks, declared elsewhere in this project, whose outputs and training the pinning tests fix.</summary>
internal static class PinnedNetworks
{
    /// <summary>The seed every pinned network is constructed with.</summary>
    public const int Seed = 1234;

    public static IReadOnlyList<PinnedNetwork> All { get; } =
    [
        // 4-16-16-3, Adam and cross-entropy: small, straight-line code.
        new("IrisNet", PinnedTargets.OneHot, static threads => threads is int t ? new IrisNet(Seed) { MaxDegreeOfParallelism = t } : new IrisNet(Seed)),

        // 3-8-5-2 with sigmoid outputs, AdamW and binary cross-entropy.
        new("AdamWBceNet", PinnedTargets.Binary, static threads => threads is int t ? new AdamWBceNet(Seed) { MaxDegreeOfParallelism = t } : new AdamWBceNet(Seed)),

        // 200-100-37-3 regression on mean squared error with SGD: batched kernels, training blocks on several threads.
        new("WideRegressor", PinnedTargets.Real, static threads => threads is int t ? new WideRegressor(Seed) { MaxDegreeOfParallelism = t } : new WideRegressor(Seed)),

        // 256-256-10, Adam: vectorised, batches on every processor by default.
        new("ThreadedClassifier", PinnedTargets.OneHot, static threads => threads is int t ? new ThreadedClassifier(Seed) { MaxDegreeOfParallelism = t } : new ThreadedClassifier(Seed)),

        // 784-400-10, Adam: the first layer's units shared between threads, from packed weights.
        new("SplitLayerClassifier", PinnedTargets.OneHot, static threads => threads is int t ? new SplitLayerClassifier(Seed) { MaxDegreeOfParallelism = t } : new SplitLayerClassifier(Seed)),

        // 200-100-10, Momentum with weight decay: the optimizer steps its parameter ranges in parallel.
        new("MomentumClassifier", PinnedTargets.OneHot, static threads => threads is int t ? new MomentumClassifier(Seed) { MaxDegreeOfParallelism = t } : new MomentumClassifier(Seed)),

        // 16-8-17-32-10, RMSProp, vectorised code on small layers.
        new("DeepRmsPropVectorizedNet", PinnedTargets.OneHot, static threads => threads is int t ? new DeepRmsPropVectorizedNet(Seed) { MaxDegreeOfParallelism = t } : new DeepRmsPropVectorizedNet(Seed)),
    ];
}
