using System;

namespace CompiledNN.Tests.Training;

/// <summary>Calls the handler on the trainer's thread at once (unlike <see cref="Progress{T}"/>, which posts to a synchronisation context).</summary>
internal sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
