namespace CompiledNN.Persistence;

// The shared files (NetworkArchitecture.cs, WeightsFormat.cs) declare these types without an access modifier, so they
// are internal in the generator, which links the same files; in the runtime library they are public API.

public sealed partial class NetworkArchitecture;

public sealed partial class LayerArchitecture;

public static partial class WeightsFormat;

public sealed partial class WeightsFileContent;
