using System.Collections.Concurrent;
using System.Threading;

namespace CompiledNN.Runtime;

/// <summary>
/// The networks that C callers hold by handle. A handle is a number, not an address: one that was never issued, was
/// destroyed or belongs to another network type is found missing, instead of being dereferenced.
/// </summary>
/// <typeparam name="TNetwork">The network type.</typeparam>
internal static class NativeHandles<TNetwork>
    where TNetwork : class
{
    private static readonly ConcurrentDictionary<nint, TNetwork> Networks = new();

    private static long s_last;

    /// <summary>Registers <paramref name="network"/> and returns its new handle, never 0.</summary>
    public static nint Add(TNetwork network)
    {
        nint handle = (nint)Interlocked.Increment(ref s_last);
        Networks[handle] = network;
        return handle;
    }

    /// <summary>The network of <paramref name="handle"/>, if it is live.</summary>
    public static bool TryGet(nint handle, out TNetwork network) => Networks.TryGetValue(handle, out network!);

    /// <summary>Forgets <paramref name="handle"/>; false if it was not live.</summary>
    public static bool Remove(nint handle) => Networks.TryRemove(handle, out _);
}
