namespace CompiledNN.Persistence;

/// <summary>
/// A network whose parameters can be saved and loaded: every generated <see cref="NetworkAttribute"/> network
/// implements it, so that <see cref="WeightsFile"/> and <see cref="SafeTensors"/> work with any of them.
/// </summary>
public interface IPersistentNetwork : INetwork
{
    /// <summary>The network's architecture, which a file must match to be loaded into it.</summary>
    NetworkArchitecture Architecture { get; }
}
