using System;
using System.IO;

namespace CompiledNN.Persistence;

/// <summary>Replaces a file all at once, so that a crash or a failed write leaves the old file or the new one, never half of one.</summary>
internal static class AtomicFile
{
    /// <summary>
    /// Writes the file at <paramref name="path"/> through <paramref name="write"/>: into a temporary file beside it,
    /// flushed to disk, then renamed over it. If <paramref name="write"/> throws, the file is left as it was.
    /// </summary>
    public static void Write<TState>(string path, TState state, Action<TState, Stream> write)
    {
        string fullPath = Path.GetFullPath(path);
        string temporary = Path.Combine(Path.GetDirectoryName(fullPath)!, "." + Path.GetFileName(fullPath) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(state, stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
