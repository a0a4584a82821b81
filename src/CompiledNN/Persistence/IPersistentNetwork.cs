namespace CompiledNN.Persistence;

/// <summary>
/// A network whose parameters can be saved and loaded: every generated <see cref="NetworkAttribute"/> network
/// implements it, so that <see cref="WeightsFile"/> and <see cref="SafeTensors"/> work with any of them.
/// </summary>
public interface IPersistentNetwork : INetwork
{
    /// <summary>The network's architecture, which a file must match to be loaded into it.</summary>
    NetworkArchitecture Architecture { get; }

    /// <summary>The number of values of state that are not learned: each BatchNorm layer's running mean, then its running variance; 0 without BatchNorm.</summary>
    int BufferCount { get; }

    /// <summary>Copies the buffers (running statistics) into <paramref name="destination"/>.</summary>
    /// <param name="destination">Exactly <see cref="BufferCount"/> elements.</param>
    void GetBuffers(System.Span<float> destination);

    /// <summary>Replaces the buffers with <paramref name="source"/>. Nothing changes if it is rejected.</summary>
    /// <param name="source">Exactly <see cref="BufferCount"/> finite values, variances at least 0.</param>
    void SetBuffers(System.ReadOnlySpan<float> source);
}
