using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace CompiledNN.Persistence;

/// <summary>
/// Imports and exports a network's parameters as safetensors (https://github.com/huggingface/safetensors), the file
/// format of PyTorch models: an 8-byte little-endian header length, a JSON header mapping each tensor name to its
/// <c>dtype</c>, <c>shape</c> and <c>data_offsets</c>, then the raw little-endian tensor bytes.
/// </summary>
/// <remarks>
/// <para>
/// Each dense layer is two tensors: its weight of shape <c>[units, inputs]</c> (PyTorch's <c>nn.Linear.weight</c>,
/// the canonical order) and its bias of shape <c>[units]</c>, both <c>F32</c>. By default they carry the names
/// PyTorch gives an <c>nn.Sequential</c> in which every <c>nn.Linear</c> is followed by one activation module:
/// layer k (0-based) is module <c>2k</c>, so the tensors are <c>0.weight</c>, <c>0.bias</c>, <c>2.weight</c>,
/// <c>2.bias</c>, …. <see cref="SequentialNames"/> builds other strides; any other naming is given as an explicit list
/// of names in canonical order (weight, bias of layer 1, then of layer 2, …).
/// </para>
/// <para>
/// A <c>[BatchNorm]</c> or <c>[LayerNorm]</c> layer is γ as its weight and β as its bias, both <c>[features]</c>; a
/// BatchNorm also has its buffers <c>{module}.running_mean</c> and <c>{module}.running_var</c>, named after its weight's
/// module. PyTorch's <c>{module}.num_batches_tracked</c> (int64) is ignored on import and not written on export
/// (PyTorch's <c>load_state_dict</c> fills it in). The default names of a network with a normalisation number the modules
/// as PyTorch does for an <c>nn.Sequential</c> of its layers: each layer, then its activation unless Identity, pooling
/// and <c>nn.Flatten</c> (also the one a dense layer after channels needs) each one module (ModuleNames below).
/// </para>
/// <para>
/// Import checks everything before touching the network: the header length (at most <see cref="MaxHeaderLength"/>
/// bytes), the JSON, that every tensor is F32 with the expected shape, that the data offsets cover the data exactly
/// (no gap, overlap or trailing byte, as the format requires), that no tensor is missing or unexpected, and that every
/// value is finite. It throws <see cref="InvalidDataException"/> naming the problem and leaves the network as it was.
/// </para>
/// <para>
/// The safetensors format has no checksum: damaged tensor bytes that still decode to finite numbers would load as
/// different parameters. <see cref="Export(IPersistentNetwork, Stream, IReadOnlyList{string})"/> therefore writes a
/// CRC-32 of the data (zlib's, as 8 hex digits) under <see cref="ChecksumKey"/> in <c>__metadata__</c>, which the
/// format allows and PyTorch ignores, and Import rejects data that does not match it. Files from other tools carry no
/// such entry, and their data bytes cannot be checked.
/// </para>
/// </remarks>
public static class SafeTensors
{
    /// <summary>The longest JSON header accepted, in bytes; a network's header is far smaller, and the bound keeps a damaged length from demanding memory.</summary>
    public const int MaxHeaderLength = 1024 * 1024;

    /// <summary>The <c>__metadata__</c> entry that holds the CRC-32 of the data section, written by Export and checked by Import when present.</summary>
    public const string ChecksumKey = "compilednn.crc32";

    /// <summary>
    /// The tensor names of an <c>nn.Sequential</c> whose <c>nn.Linear</c> layers are every <paramref name="modulesPerLayer"/>-th
    /// module: <c>{m}.weight</c>, <c>{m}.bias</c> for <c>m = 0, s, 2s, …</c>.
    /// </summary>
    /// <param name="layerCount">The number of dense layers.</param>
    /// <param name="modulesPerLayer">Modules per layer: 2 for Linear + activation (the default), 1 for Linear only.</param>
    /// <returns>The names in canonical order.</returns>
    public static IReadOnlyList<string> SequentialNames(int layerCount, int modulesPerLayer = 2)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(layerCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(modulesPerLayer);
        var names = new string[2 * layerCount];
        for (int layer = 0; layer < layerCount; layer++)
        {
            string module = (layer * modulesPerLayer).ToString(CultureInfo.InvariantCulture);
            names[2 * layer] = module + ".weight";
            names[(2 * layer) + 1] = module + ".bias";
        }

        return names;
    }

    /// <summary>Writes the parameters of <paramref name="network"/> to <paramref name="stream"/> as safetensors.</summary>
    /// <param name="network">The network to export.</param>
    /// <param name="stream">A writable stream; it is flushed, not closed.</param>
    /// <param name="tensorNames">The names in canonical order, or <see langword="null"/> for <see cref="SequentialNames"/> with stride 2.</param>
    /// <exception cref="ArgumentException">The names are not 2 per layer, or not distinct.</exception>
    public static void Export(IPersistentNetwork network, Stream stream, IReadOnlyList<string>? tensorNames = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stream);
        NetworkArchitecture architecture = network.Architecture;
        List<Tensor> tensors = Plan(architecture, CheckNames(tensorNames, architecture));
        var parameters = new float[architecture.ParameterCount];
        network.GetParameters(parameters);
        var buffers = new float[architecture.BufferCount];
        network.GetBuffers(buffers);
        var data = new byte[4 * (parameters.Length + buffers.Length)];
        int at = 0;
        foreach (Tensor tensor in tensors)
        {
            float[] source = tensor.IsBuffer ? buffers : parameters;
            for (int i = 0; i < Elements(tensor.Shape); i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(4 * at++), source[tensor.Offset + i]);
            }
        }

        var header = new MemoryStream();
        using (var json = new Utf8JsonWriter(header))
        {
            json.WriteStartObject();
            json.WriteStartObject("__metadata__");
            json.WriteString("format", "pt");
            json.WriteString(ChecksumKey, Crc32.Compute(data).ToString("x8", CultureInfo.InvariantCulture));
            json.WriteEndObject();
            long offset = 0;
            foreach (Tensor tensor in tensors)
            {
                int[] shape = tensor.Shape;
                long end = offset + (4L * Elements(shape));
                json.WriteStartObject(tensor.Name);
                json.WriteString("dtype", "F32");
                json.WriteStartArray("shape");
                foreach (int dimension in shape)
                {
                    json.WriteNumberValue(dimension);
                }

                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(end);
                json.WriteEndArray();
                json.WriteEndObject();
                offset = end;
            }

            json.WriteEndObject();
        }

        // The reference implementation pads the header with spaces to a multiple of 8 so the data is aligned.
        while (header.Length % 8 != 0)
        {
            header.WriteByte((byte)' ');
        }

        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
        stream.Write(length);
        header.Position = 0;
        header.CopyTo(stream);
        stream.Write(data);
        stream.Flush();
    }

    /// <summary>
    /// Writes the parameters of <paramref name="network"/> to the file at <paramref name="path"/> as safetensors,
    /// atomically (a temporary file renamed over the target), so that a rejected name list or a crash leaves the old
    /// file as it was.
    /// </summary>
    /// <param name="network">The network to export.</param>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="tensorNames">The names in canonical order, or <see langword="null"/> for the default.</param>
    public static void Export(IPersistentNetwork network, string path, IReadOnlyList<string>? tensorNames = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.Write(path, (network, tensorNames), static (state, stream) => Export(state.network, stream, state.tensorNames));
    }

    /// <summary>
    /// Reads safetensors from <paramref name="stream"/> into <paramref name="network"/>, after checking everything
    /// (see the remarks of <see cref="SafeTensors"/>); nothing changes if the file is rejected.
    /// </summary>
    /// <param name="network">The network to load into.</param>
    /// <param name="stream">A readable stream positioned at the start of the file; it is read to its end.</param>
    /// <param name="tensorNames">The names in canonical order, or <see langword="null"/> for <see cref="SequentialNames"/> with stride 2.</param>
    /// <exception cref="InvalidDataException">The file is not valid safetensors for this network; the message names the problem.</exception>
    public static void Import(IPersistentNetwork network, Stream stream, IReadOnlyList<string>? tensorNames = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stream);
        NetworkArchitecture architecture = network.Architecture;
        List<Tensor> tensors = Plan(architecture, CheckNames(tensorNames, architecture));

        Span<byte> lengthBytes = stackalloc byte[8];
        ReadExactly(stream, lengthBytes, "the 8-byte header length");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
        if (headerLength < 2 || headerLength > MaxHeaderLength)
        {
            throw Invalid($"the header length is {headerLength} bytes; it must be from 2 to {MaxHeaderLength}");
        }

        var header = new byte[headerLength];
        ReadExactly(stream, header, "the header");
        (Dictionary<string, TensorEntry> entries, uint? checksum) = ParseHeader(header);

        // The data section must be exactly the tensors, back to back from offset 0.
        var byOffset = new List<KeyValuePair<string, TensorEntry>>(entries);
        byOffset.Sort(static (a, b) => a.Value.Begin.CompareTo(b.Value.Begin));
        long expectedBegin = 0;
        foreach (KeyValuePair<string, TensorEntry> entry in byOffset)
        {
            if (entry.Value.Begin != expectedBegin)
            {
                throw Invalid($"tensor '{entry.Key}' starts at byte {entry.Value.Begin} of the data, but the previous tensor ends at {expectedBegin} (the tensors must cover the data without gaps or overlaps)");
            }

            expectedBegin = entry.Value.End;
        }

        long dataLength = expectedBegin;
        var parameters = new float[architecture.ParameterCount];
        var buffers = new float[architecture.BufferCount];
        var placed = new (long Begin, Tensor Tensor)[tensors.Count];
        for (int t = 0; t < tensors.Count; t++)
        {
            Tensor tensor = tensors[t];
            if (!entries.TryGetValue(tensor.Name, out TensorEntry? entry))
            {
                throw Invalid($"there is no tensor '{tensor.Name}' ({tensor.Role}, shape {Format(tensor.Shape)}); tensors in the file: {string.Join(", ", entries.Keys)}");
            }

            if (!ShapeEquals(entry.Shape, tensor.Shape))
            {
                throw Invalid($"tensor '{tensor.Name}' has shape {Format(entry.Shape)}, but {tensor.Role} of this {architecture.Shape} network has shape {Format(tensor.Shape)}");
            }

            placed[t] = (entry.Begin, tensor);
        }

        // PyTorch's BatchNorm also saves how many batches it has seen (int64), which the running statistics do not need.
        var unexpected = new List<string>();
        foreach (string name in entries.Keys)
        {
            if (!tensors.Exists(t => t.Name == name) && !tensors.Exists(t => t.IsBuffer && name == t.Module + ".num_batches_tracked"))
            {
                unexpected.Add(name);
            }
        }

        if (unexpected.Count > 0)
        {
            throw Invalid($"unexpected tensors {string.Join(", ", unexpected)}; this network has only {string.Join(", ", tensors.ConvertAll(static t => t.Name))}");
        }

        var data = new byte[dataLength];
        ReadExactly(stream, data, "the tensor data");
        if (stream.ReadByte() != -1)
        {
            throw Invalid("there are bytes after the last tensor");
        }

        if (checksum is { } expected && Crc32.Compute(data) != expected)
        {
            throw Invalid($"the tensor data does not match the CRC-32 {expected:x8} in __metadata__ (the data is damaged)");
        }

        foreach ((long begin, Tensor tensor) in placed)
        {
            float[] destination = tensor.IsBuffer ? buffers : parameters;
            for (int i = 0; i < Elements(tensor.Shape); i++)
            {
                float value = BinaryPrimitives.ReadSingleLittleEndian(data.AsSpan((int)begin + (4 * i), 4));
                if (!float.IsFinite(value))
                {
                    throw Invalid($"{(tensor.IsBuffer ? "buffer value" : "parameter")} {tensor.Offset + i} (canonical order) is {value.ToString(CultureInfo.InvariantCulture)}; every value must be finite");
                }

                destination[tensor.Offset + i] = value;
            }
        }

        // The buffers first: SetBuffers may still refuse a negative variance, and the parameters, already checked, cannot fail after it.
        try
        {
            network.SetBuffers(buffers);
        }
        catch (ArgumentException e)
        {
            throw Invalid(e.Message.TrimEnd('.'));
        }

        network.SetParameters(parameters);
    }

    /// <summary>Reads the safetensors file at <paramref name="path"/> into <paramref name="network"/>; see <see cref="Import(IPersistentNetwork, Stream, IReadOnlyList{string})"/>.</summary>
    /// <param name="network">The network to load into.</param>
    /// <param name="path">The safetensors file.</param>
    /// <param name="tensorNames">The names in canonical order, or <see langword="null"/> for the default.</param>
    /// <exception cref="InvalidDataException">The file is not valid safetensors for this network.</exception>
    public static void Import(IPersistentNetwork network, string path, IReadOnlyList<string>? tensorNames = null)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        Import(network, stream, tensorNames);
    }

    private sealed record TensorEntry(int[] Shape, long Begin, long End);

    private static (Dictionary<string, TensorEntry> Entries, uint? Checksum) ParseHeader(byte[] header)
    {
        var entries = new Dictionary<string, TensorEntry>(StringComparer.Ordinal);
        uint? checksum = null;
        if (!System.Text.Unicode.Utf8.IsValid(header))
        {
            // JsonDocument would accept invalid UTF-8 inside strings and fail later, when a name is read.
            throw Invalid("the header is not valid UTF-8");
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(header, new JsonDocumentOptions { MaxDepth = 4 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Invalid("the header is not a JSON object");
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (JsonProperty property in document.RootElement.EnumerateObject())
            {
                string name = NameOf(property);
                if (!seen.Add(name))
                {
                    throw Invalid($"the header names '{name}' twice");
                }

                if (name == "__metadata__")
                {
                    checksum = ParseChecksum(property.Value);
                    continue;
                }

                entries.Add(name, ParseEntry(name, property.Value));
            }
        }
        catch (JsonException exception)
        {
            throw Invalid($"the header is not valid JSON ({exception.Message})");
        }

        return (entries, checksum);
    }

    // Free-form metadata, which the format allows; only the checksum Export writes is read.
    private static uint? ParseChecksum(JsonElement metadata)
    {
        if (metadata.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (JsonProperty entry in metadata.EnumerateObject())
        {
            if (NameOf(entry) == ChecksumKey)
            {
                string? text = entry.Value.ValueKind == JsonValueKind.String ? TextOf(entry.Value) : null;
                if (text is not { Length: 8 } || !uint.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint checksum))
                {
                    throw Invalid($"the __metadata__ entry '{ChecksumKey}' is not a CRC-32 as 8 hex digits");
                }

                return checksum;
            }
        }

        return null;
    }

    private static TensorEntry ParseEntry(string name, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Invalid($"tensor '{name}' is not described by an object");
        }

        string? dtype = null;
        int[]? shape = null;
        long[]? offsets = null;
        foreach (JsonProperty field in value.EnumerateObject())
        {
            string fieldName = NameOf(field);
            switch (fieldName)
            {
                case "dtype" when dtype is null && field.Value.ValueKind == JsonValueKind.String:
                    dtype = TextOf(field.Value);
                    break;
                case "shape" when shape is null:
                    shape = Array.ConvertAll(Integers(field.Value, name, "shape", 8, int.MaxValue), static d => (int)d);
                    break;
                case "data_offsets" when offsets is null:
                    offsets = Integers(field.Value, name, "data_offsets", 2, long.MaxValue);
                    break;
                default:
                    throw Invalid($"tensor '{name}' has an unexpected or repeated field '{fieldName}'");
            }
        }

        if (dtype is null || shape is null || offsets is null)
        {
            throw Invalid($"tensor '{name}' lacks one of dtype, shape and data_offsets");
        }

        // PyTorch's BatchNorm saves num_batches_tracked as int64; Import ignores it, but its bytes must still be where the header says.
        int elementSize = dtype == "I64" && name.EndsWith(".num_batches_tracked", StringComparison.Ordinal) ? 8 : 4;
        if (dtype != "F32" && elementSize != 8)
        {
            throw Invalid($"tensor '{name}' has dtype {dtype}; CompiledNN reads F32 only (convert the model with model.float() before saving)");
        }

        if (offsets.Length != 2 || offsets[1] < offsets[0])
        {
            throw Invalid($"tensor '{name}' has data_offsets that are not [begin, end] with begin <= end");
        }

        long elements = 1;
        foreach (int dimension in shape)
        {
            elements *= dimension;
            if (elements > WeightsFormat.MaxParameterCount)
            {
                throw Invalid($"tensor '{name}' has more than {WeightsFormat.MaxParameterCount} elements");
            }
        }

        if (offsets[1] - offsets[0] != elementSize * elements)
        {
            throw Invalid($"tensor '{name}' of shape {Format(shape)} needs {elementSize * elements} bytes, but its data_offsets span {offsets[1] - offsets[0]}");
        }

        return new TensorEntry(shape, offsets[0], offsets[1]);
    }

    private static long[] Integers(JsonElement array, string name, string field, int maxCount, long max)
    {
        if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() > maxCount)
        {
            throw Invalid($"tensor '{name}' has a {field} that is not an array of at most {maxCount} numbers");
        }

        var values = new long[array.GetArrayLength()];
        int i = 0;
        foreach (JsonElement item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out long value) || value < 0 || value > max)
            {
                throw Invalid($"tensor '{name}' has a {field} entry that is not a whole number from 0 to {max}");
            }

            values[i++] = value;
        }

        return values;
    }

    private static IReadOnlyList<string> CheckNames(IReadOnlyList<string>? names, NetworkArchitecture architecture)
    {
        if (names is null)
        {
            return architecture.Layers.Any(static l => l.Kind is LayerKind.BatchNorm or LayerKind.LayerNorm)
                ? ModuleNames(architecture)
                : SequentialNames(LearnedLayers(architecture).Count);
        }

        int learned = LearnedLayers(architecture).Count;
        if (names.Count != 2 * learned)
        {
            throw new ArgumentException($"Expected {2 * learned} tensor names (weight and bias of each of the {learned} layers with parameters), but got {names.Count}.", nameof(names));
        }

        var distinct = new HashSet<string>(StringComparer.Ordinal);
        foreach (string name in names)
        {
            if (string.IsNullOrEmpty(name) || name == "__metadata__" || !distinct.Add(name))
            {
                throw new ArgumentException($"Tensor names must be distinct, non-empty and not '__metadata__', but '{name}' is not.", nameof(names));
            }
        }

        return names;
    }

    /// <summary>
    /// The tensors of the file in order, from the names of each learned layer's weight and bias: per layer its weight, its
    /// bias and, for BatchNorm, its running mean and variance, named after its weight's module (<c>1.weight</c> gives
    /// <c>1.running_mean</c>, <c>1.running_var</c>), as PyTorch's <c>state_dict</c> lists them.
    /// </summary>
    private static List<Tensor> Plan(NetworkArchitecture architecture, IReadOnlyList<string> names)
    {
        var tensors = new List<Tensor>();
        List<int> learned = LearnedLayers(architecture);
        int parameter = 0;
        int buffer = 0;
        for (int k = 0; k < learned.Count; k++)
        {
            int layer = learned[k];
            int[] weight = [.. architecture.WeightShapeOf(layer)!];
            bool normalization = architecture.Layers[layer].Kind is LayerKind.BatchNorm or LayerKind.LayerNorm;
            int[] bias = normalization ? weight : [architecture.Layers[layer].Units];
            string module = names[2 * k].EndsWith(".weight", StringComparison.Ordinal) ? names[2 * k][..^".weight".Length] : names[2 * k];
            tensors.Add(new Tensor(names[2 * k], weight, false, parameter, module, $"the weight of layer {layer + 1}"));
            parameter += Elements(weight);
            tensors.Add(new Tensor(names[(2 * k) + 1], bias, false, parameter, module, $"the bias of layer {layer + 1}"));
            parameter += Elements(bias);
            if (architecture.Layers[layer].Kind == LayerKind.BatchNorm)
            {
                tensors.Add(new Tensor(module + ".running_mean", bias, true, buffer, module, $"the running mean of layer {layer + 1}"));
                tensors.Add(new Tensor(module + ".running_var", bias, true, buffer + bias[0], module, $"the running variance of layer {layer + 1}"));
                buffer += 2 * bias[0];
            }
        }

        var distinct = new HashSet<string>(StringComparer.Ordinal);
        foreach (Tensor tensor in tensors)
        {
            if (!distinct.Add(tensor.Name))
            {
                throw new ArgumentException($"Tensor names must be distinct, but '{tensor.Name}' names two tensors (a BatchNorm's running statistics take its weight's module name).", nameof(names));
            }
        }

        return tensors;
    }

    /// <summary>
    /// The names PyTorch gives the parameters of an <c>nn.Sequential</c> of a network with BatchNorm or LayerNorm: every
    /// layer is a module, followed by its activation's module unless it is Identity; pooling, <c>nn.Flatten</c> and
    /// <c>nn.AdaptiveAvgPool</c> + <c>nn.Flatten</c> for <c>[GlobalAvgPool]</c> are modules too, and a dense layer after
    /// channels is preceded by its <c>nn.Flatten</c>. Dropout, which a weights architecture does not record, is not counted.
    /// </summary>
    private static IReadOnlyList<string> ModuleNames(NetworkArchitecture architecture)
    {
        var names = new List<string>();
        int module = 0;
        bool flat = architecture.InputShape.Count == 1;
        foreach (LayerArchitecture layer in architecture.Layers)
        {
            switch (layer.Kind)
            {
                case LayerKind.Dense or LayerKind.Conv1D or LayerKind.Conv2D or LayerKind.BatchNorm or LayerKind.LayerNorm:
                    if (layer.Kind == LayerKind.Dense && !flat)
                    {
                        module++;
                        flat = true;
                    }

                    string name = module.ToString(CultureInfo.InvariantCulture);
                    names.Add(name + ".weight");
                    names.Add(name + ".bias");
                    module += layer.Activation == Activation.Identity ? 1 : 2;
                    break;
                case LayerKind.GlobalAvgPool:
                    module += 2;
                    flat = true;
                    break;
                default:
                    module++;
                    flat |= layer.Kind == LayerKind.Flatten;
                    break;
            }
        }

        return names;
    }

    /// <summary>One tensor of a file: its name and shape, and where its values go (the parameters or the buffers, at an offset).</summary>
    private sealed record Tensor(string Name, int[] Shape, bool IsBuffer, int Offset, string Module, string Role);

    /// <summary>The indexes of the layers with parameters (dense, convolutions, normalisations), each a weight and a bias tensor.</summary>
    private static List<int> LearnedLayers(NetworkArchitecture architecture)
    {
        var layers = new List<int>();
        for (int i = 0; i < architecture.Layers.Count; i++)
        {
            if (architecture.WeightShapeOf(i) is not null)
            {
                layers.Add(i);
            }
        }

        return layers;
    }

    private static int Elements(int[] shape)
    {
        int count = 1;
        foreach (int dimension in shape)
        {
            count *= dimension;
        }

        return count;
    }

    private static bool ShapeEquals(int[] a, int[] b) => a.AsSpan().SequenceEqual(b);

    private static bool Contains(IReadOnlyList<string> names, string name)
    {
        foreach (string n in names)
        {
            if (n == name)
            {
                return true;
            }
        }

        return false;
    }

    private static string Format(int[] shape) => "[" + string.Join(", ", shape) + "]";

    private static void ReadExactly(Stream stream, Span<byte> buffer, string what)
    {
        try
        {
            stream.ReadExactly(buffer);
        }
        catch (EndOfStreamException)
        {
            throw Invalid($"the file ends inside {what}");
        }
    }

    private static string NameOf(JsonProperty property)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            throw NotUnicode();
        }
    }

    private static string? TextOf(JsonElement value)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            throw NotUnicode();
        }
    }

    // JSON allows an escape of half a surrogate pair ("\ud800"), which is no Unicode string: System.Text.Json refuses to decode it.
    private static InvalidDataException NotUnicode() => Invalid("the header holds a string with an escape that is not valid Unicode (a lone surrogate)");

    private static InvalidDataException Invalid(string what) => new($"Not valid safetensors for this network: {what}.");
}
