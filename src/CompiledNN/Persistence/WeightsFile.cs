using System;
using System.IO;
using System.Text;

namespace CompiledNN.Persistence;

/// <summary>
/// Saves and loads CompiledNN weights files (<see cref="WeightsFormat"/>) for any <see cref="IPersistentNetwork"/>.
/// The generated <c>Save</c> and <c>Load</c> members call these.
/// </summary>
public static class WeightsFile
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Writes the parameters of <paramref name="network"/> to <paramref name="stream"/> as a weights file.</summary>
    /// <param name="network">The network to save.</param>
    /// <param name="stream">A writable stream; it is flushed, not closed.</param>
    /// <exception cref="ArgumentException">A parameter is not finite (training diverged).</exception>
    public static void Save(IPersistentNetwork network, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stream);
        var parameters = new float[network.ParameterCount];
        network.GetParameters(parameters);
        var buffers = new float[network.BufferCount];
        network.GetBuffers(buffers);
        byte[] bytes = StrictUtf8.GetBytes(WeightsFormat.Write(network.Architecture, parameters, buffers));
        stream.Write(bytes, 0, bytes.Length);
        stream.Flush();
    }

    /// <summary>
    /// Writes the parameters of <paramref name="network"/> to the file at <paramref name="path"/>, atomically: the file
    /// is written beside the target under a temporary name, flushed to disk, then renamed over the target, so that a
    /// crash leaves either the old file or the new one, never half of one.
    /// </summary>
    /// <param name="network">The network to save.</param>
    /// <param name="path">The file to create or replace.</param>
    /// <exception cref="ArgumentException">A parameter is not finite (training diverged).</exception>
    public static void Save(IPersistentNetwork network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.Write(path, network, static (network, stream) => Save(network, stream));
    }

    /// <summary>
    /// Reads a weights file from <paramref name="stream"/> into <paramref name="network"/>. Everything is checked
    /// first (size, format, version, architecture, checksum, finite values); if anything is wrong the network is left
    /// exactly as it was.
    /// </summary>
    /// <param name="network">The network to load into.</param>
    /// <param name="stream">A readable stream positioned at the start of the file; it is read to its end.</param>
    /// <exception cref="InvalidDataException">The file is not a valid weights file for this network; the message names the problem (e.g. "saved for 4-8-3, this network is 4-16-16-3").</exception>
    public static void Load(IPersistentNetwork network, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stream);
        WeightsFileContent content = Read(stream, network.Architecture);

        // The buffers first: SetBuffers may still refuse a negative variance, and the parameters, already checked, cannot fail after it.
        try
        {
            network.SetBuffers(content.Buffers);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException("Not a valid CompiledNN weights file for this network: " + e.Message, e);
        }

        network.SetParameters(content.Parameters);
    }

    /// <summary>Reads the weights file at <paramref name="path"/> into <paramref name="network"/>; see <see cref="Load(IPersistentNetwork, Stream)"/>.</summary>
    /// <param name="network">The network to load into.</param>
    /// <param name="path">The weights file.</param>
    /// <exception cref="InvalidDataException">The file is not a valid weights file for this network.</exception>
    public static void Load(IPersistentNetwork network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        Load(network, stream);
    }

    /// <summary>
    /// Reads and checks a weights file meant for a network of <paramref name="expected"/>: no more than the largest
    /// such file is read, so an oversized or endless stream is rejected without being buffered.
    /// </summary>
    /// <param name="stream">A readable stream positioned at the start of the file.</param>
    /// <param name="expected">The architecture the file must have been saved for.</param>
    /// <returns>The file's content; its architecture equals <paramref name="expected"/>.</returns>
    /// <exception cref="InvalidDataException">The file is not a valid weights file for <paramref name="expected"/>.</exception>
    public static WeightsFileContent Read(Stream stream, NetworkArchitecture expected)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(expected);
        int limit = WeightsFormat.MaxLength(expected);
        byte[] bytes = ReadAtMost(stream, limit);
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidDataException("Not a valid CompiledNN weights file: the text is not valid UTF-8.");
        }

        // A byte order mark from an editor is not part of the content.
        WeightsFileContent content = WeightsFormat.Read(text.StartsWith('\uFEFF') ? text[1..] : text);
        if (expected.Mismatch(content.Architecture) is { } mismatch)
        {
            throw new InvalidDataException($"The weights file does not fit this network: {mismatch}.");
        }

        return content;
    }

    private static byte[] ReadAtMost(Stream stream, int limit)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new InvalidDataException($"Not a valid CompiledNN weights file for this network: it is longer than {limit} bytes, the most a file for this architecture can have.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
