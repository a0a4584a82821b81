namespace CompiledNN.Generators.Validation;

/// <summary>
/// The budgets a project sets through MSBuild properties (<c>CompiledNN_MaxParameterBytes</c>,
/// <c>CompiledNN_MaxStackBytes</c>); <see langword="null"/> where none is set.
/// </summary>
internal sealed record ResourceLimits(long? MaxParameterBytes, long? MaxStackBytes)
{
    public static ResourceLimits None { get; } = new(null, null);
}
