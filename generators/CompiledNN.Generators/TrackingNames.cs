namespace CompiledNN.Generators;

/// <summary>The names of the pipeline's steps, so that incrementality tests can ask each step why it ran.</summary>
internal static class TrackingNames
{
    /// <summary>Each <c>[Network]</c> type read, validated and turned into a spec (null when invalid).</summary>
    public const string NetworkSpecs = nameof(NetworkSpecs);

    /// <summary>The specs of valid networks, one source output each.</summary>
    public const string ValidNetworks = nameof(ValidNetworks);

    /// <summary>The plan of each valid network: how its code runs.</summary>
    public const string NetworkPlans = nameof(NetworkPlans);

    /// <summary>Each <c>[OnnxModel]</c> type as written, with its attribute.</summary>
    public const string OnnxDeclarations = nameof(OnnxDeclarations);

    /// <summary>The plan of each <c>[OnnxModel]</c> network whose file imports.</summary>
    public const string OnnxPlans = nameof(OnnxPlans);
}
