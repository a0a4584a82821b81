using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace CompiledNN.Runtime;

/// <summary>
/// The status codes of a <c>[NativeExport]</c> network's C functions, and the calling thread's last error message,
/// which <c>prefix_last_error()</c> returns as UTF-8.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static unsafe class NativeStatus
{
    /// <summary>The call did what it says.</summary>
    public const int Ok = 0;

    /// <summary>A pointer argument was null.</summary>
    public const int NullPointer = -1;

    /// <summary>A length or row count did not match the network.</summary>
    public const int WrongLength = -2;

    /// <summary>An input, target or parameter was NaN or infinite, or training would have made the parameters so; nothing was changed.</summary>
    public const int NotFinite = -3;

    /// <summary>A file could not be read or written.</summary>
    public const int IOError = -4;

    /// <summary>A file is not a valid weights file for this network.</summary>
    public const int DamagedFile = -5;

    /// <summary>A network handle was not one that <c>prefix_create</c> or <c>prefix_load</c> returned, or was destroyed.</summary>
    public const int InvalidHandle = -6;

    /// <summary>Anything else; the message says what.</summary>
    public const int Failed = -7;

    // Per thread, like errno: the message stays valid until the thread's next failure.
    [ThreadStatic]
    private static byte* t_message;

    [ThreadStatic]
    private static int t_capacity;

    private static readonly byte* Empty = (byte*)NativeMemory.AllocZeroed(1);

    /// <summary>The last failure's message on the calling thread, NUL-terminated UTF-8; an empty string before any failure.</summary>
    /// <returns>A pointer the caller must not free.</returns>
    public static nint LastError() => (nint)(t_message is null ? Empty : t_message);

    /// <summary>Records <paramref name="message"/> as the thread's last error and returns <paramref name="status"/>.</summary>
    /// <param name="status">The status to return.</param>
    /// <param name="message">What went wrong and what was expected.</param>
    /// <returns><paramref name="status"/>.</returns>
    public static int Fail(int status, string message)
    {
        int length = Encoding.UTF8.GetByteCount(message);
        if (length + 1 > t_capacity)
        {
            try
            {
                t_message = (byte*)NativeMemory.Realloc(t_message, (nuint)(length + 1));
                t_capacity = length + 1;
            }
            catch (OutOfMemoryException)
            {
                // Realloc left the old message as it was; the status still says what kind of failure it is.
                return status;
            }
        }

        Encoding.UTF8.GetBytes(message, new Span<byte>(t_message, length));
        t_message[length] = 0;
        return status;
    }

    /// <summary>The status for an exception a network's method threw, recorded with its message.</summary>
    /// <param name="exception">The exception, which goes no further.</param>
    /// <returns>The status code.</returns>
    public static int Fail(Exception exception) => Fail(
        exception switch
        {
            NativeCallException call => call.Status,
            InvalidDataException or EndOfStreamException => DamagedFile,
            IOException or UnauthorizedAccessException => IOError,
            // Lengths are checked before a network is called, so what it still rejects is a value: NaN, infinity, divergence.
            ArgumentException => NotFinite,
            _ => Failed,
        },
        exception.Message);
}
