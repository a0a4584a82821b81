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
    /// <remarks>Generated networks implement the three buffer members; the defaults serve implementations without buffers, which predate them.</remarks>
    int BufferCount => 0;

    /// <summary>Copies the buffers (running statistics) into <paramref name="destination"/>.</summary>
    /// <param name="destination">Exactly <see cref="BufferCount"/> elements.</param>
    /// <exception cref="System.ArgumentException">The length is not <see cref="BufferCount"/>.</exception>
    void GetBuffers(System.Span<float> destination) => Runtime.Guard.Length(destination, BufferCount, nameof(destination), "buffer values");

    /// <summary>Replaces the buffers with <paramref name="source"/>. Nothing changes if it is rejected.</summary>
    /// <param name="source">Exactly <see cref="BufferCount"/> finite values, variances at least 0.</param>
    /// <exception cref="System.ArgumentException">The length is not <see cref="BufferCount"/>, or a value is rejected.</exception>
    void SetBuffers(System.ReadOnlySpan<float> source) => Runtime.Guard.Length(source, BufferCount, nameof(source), "buffer values");
}
