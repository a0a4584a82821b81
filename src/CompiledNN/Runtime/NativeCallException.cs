using System;

namespace CompiledNN.Runtime;

/// <summary>An argument of a C call that the network was never given: a null pointer, a wrong length, an unknown handle.</summary>
internal sealed class NativeCallException(int status, string message) : Exception(message)
{
    /// <summary>The <see cref="NativeStatus"/> code the call returns.</summary>
    public int Status { get; } = status;
}
