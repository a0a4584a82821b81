using System;
using System.IO;
using System.Text;

namespace CompiledNN.Persistence;

/// <summary>
/// Replaces a file all at once, so that a crash or a failed write leaves the old file or the new one, never half of one.
/// The file keeps its permissions, a symbolic link keeps pointing where it did (its target is replaced), and a
/// temporary file left by a save that was killed is removed by the next save of the same file.
/// </summary>
internal static class AtomicFile
{
    private const string TemporarySuffix = ".tmp";

    /// <summary>
    /// Writes the file at <paramref name="path"/> through <paramref name="write"/>: into a temporary file beside it (beside
    /// the final target of a symbolic link), flushed to disk with the original file's mode, then renamed over it, and the
    /// directory flushed. If <paramref name="write"/> throws, the file is left as it was.
    /// </summary>
    public static void Write<TState>(string path, TState state, Action<TState, Stream> write)
    {
        string target = FinalTarget(Path.GetFullPath(path));
        string directory = Path.GetDirectoryName(target)!;
        string prefix = TemporaryPrefix(Path.GetFileName(target));
        RemoveStaleTemporaries(directory, prefix);

        // Short whatever the target's name, so that a name the file system just accepts still leaves room for it.
        string temporary = Path.Combine(directory, prefix + Guid.NewGuid().ToString("N").Substring(0, 12) + TemporarySuffix);
        UnixFileMode? mode = OperatingSystem.IsWindows() || !File.Exists(target) ? null : File.GetUnixFileMode(target);
        try
        {
            // FileShare.Delete: on Unix a shared lock, which tells RemoveStaleTemporaries that this save is alive; on
            // Windows, what lets the file be renamed while open.
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.Delete };
            if (mode is { } created && !OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = created;
            }

            using (var stream = new FileStream(temporary, options))
            {
                if (mode is { } kept && !OperatingSystem.IsWindows())
                {
                    // The creation mode is masked by the umask; the file must get exactly the old one.
                    File.SetUnixFileMode(stream.SafeFileHandle, kept);
                }

                write(state, stream);
                stream.Flush(flushToDisk: true);
                File.Move(temporary, target, overwrite: true);
            }

            DirectorySync.Flush(directory);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>The file a chain of symbolic links at <paramref name="path"/> ends at, or <paramref name="path"/> itself.</summary>
    private static string FinalTarget(string path)
    {
        var file = new FileInfo(path);
        return file.LinkTarget is null ? path : file.ResolveLinkTarget(returnFinalTarget: true)!.FullName;
    }

    /// <summary>
    /// The start of the temporary names of saves of <paramref name="fileName"/>: a dot (hidden on Unix) and the name's
    /// CRC-32, so that the next save can tell its own leftovers from other files'.
    /// </summary>
    private static string TemporaryPrefix(string fileName) =>
        "." + Crc32.Compute(Encoding.UTF8.GetBytes(fileName)).ToString("x8", System.Globalization.CultureInfo.InvariantCulture) + "-";

    /// <summary>
    /// Deletes the temporary files that saves of the same target left when they were killed. A live save holds a lock on
    /// its file (see <see cref="Write"/>), so opening it without sharing fails and it is left alone.
    /// </summary>
    private static void RemoveStaleTemporaries(string directory, string prefix)
    {
        foreach (string stale in Directory.EnumerateFiles(directory, prefix + "*" + TemporarySuffix))
        {
            try
            {
                using (new FileStream(stale, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                {
                }

                File.Delete(stale);
            }
            catch (IOException)
            {
                // In use by a save under way, or already gone.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours to remove.
            }
        }
    }
}
