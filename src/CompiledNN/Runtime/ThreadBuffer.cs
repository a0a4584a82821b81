namespace CompiledNN.Runtime;

/// <summary>
/// A thread's scratch array: each thread keeps its own in a <c>[ThreadStatic]</c> field, grown to the largest length
/// asked and then kept, so that a call allocates nothing once warmed up.
/// </summary>
internal static class ThreadBuffer
{
    /// <summary><paramref name="buffer"/>, first replaced by a new array if it is missing or shorter than <paramref name="length"/>. Its contents are undefined.</summary>
    public static T[] AtLeast<T>(ref T[]? buffer, int length)
    {
        T[]? current = buffer;
        if (current is null || current.Length < length)
        {
            current = new T[length];
            buffer = current;
        }

        return current;
    }
}
