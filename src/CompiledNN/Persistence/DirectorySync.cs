using System;
using System.Runtime.InteropServices;

namespace CompiledNN.Persistence;

/// <summary>
/// Flushes a directory's entries to disk on Unix, so that a file renamed into it survives a power cut: .NET opens no
/// directory as a file, so this calls <c>open</c> and <c>fsync</c> itself. Best effort: a file system that cannot
/// flush a directory leaves the rename as durable as the file system makes it.
/// </summary>
internal static partial class DirectorySync
{
    private const int ReadOnly = 0;

    /// <summary>Flushes <paramref name="directory"/>; does nothing on Windows, where a rename is flushed with the file.</summary>
    /// <param name="directory">The directory's full path.</param>
    public static void Flush(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        try
        {
            int descriptor = Open(directory, ReadOnly);
            if (descriptor < 0)
            {
                return;
            }

            _ = FSync(descriptor);
            _ = Close(descriptor);
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            // No C library by that name (an unusual platform): the rename stands, unflushed.
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync")]
    private static partial int FSync(int descriptor);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int descriptor);
}
