using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

// Shared with the generator (see NetworkArchitecture.cs): netstandard2.0 only, no System.Text.Json.
namespace CompiledNN.Persistence;

/// <summary>
/// The CompiledNN weights file, version 1 (specified in docs/weights-format.md): one JSON object with the format
/// name and version, the element type, the architecture, the parameter count, a CRC-32 of the parameter bytes, and
/// the parameters as base64 of little-endian float32 in canonical order. Reading checks every field and throws
/// <see cref="InvalidDataException"/> naming the first problem.
/// </summary>
static partial class WeightsFormat
{
    /// <summary>The value of the <c>format</c> field.</summary>
    public const string FormatName = "compilednn-weights";

    /// <summary>The version this library writes and reads.</summary>
    public const int Version = 1;

    /// <summary>The value of the <c>elementType</c> field: IEEE 754 binary32, little-endian.</summary>
    public const string ElementType = "float32";

    /// <summary>The most parameters a file holds (512 MiB of float32), so that a damaged count cannot demand more.</summary>
    public const int MaxParameterCount = 1 << 27;

    /// <summary>The most characters of a file outside the base64 parameters (the header and its whitespace).</summary>
    public const int MaxHeaderLength = 64 * 1024;

    private const string ChecksumPrefix = "crc32:";

    /// <summary>The longest file that can hold <paramref name="architecture"/>: its base64 parameters and the longest allowed header.</summary>
    /// <param name="architecture">The network the file is for.</param>
    /// <returns>A length in characters (equal to bytes, the file being ASCII).</returns>
    public static int MaxLength(NetworkArchitecture architecture) => Base64Length(architecture.ParameterCount) + Base64Length(architecture.BufferCount) + MaxHeaderLength;

    /// <summary>Writes the weights file of a network with <paramref name="architecture"/> and <paramref name="parameters"/>.</summary>
    /// <param name="architecture">The network's architecture.</param>
    /// <param name="parameters">Its parameters in canonical order.</param>
    /// <returns>The file's text: ASCII, <c>\n</c> line ends.</returns>
    /// <exception cref="ArgumentException">The number of parameters does not match, or a parameter is not finite.</exception>
    public static string Write(NetworkArchitecture architecture, float[] parameters) => Write(architecture, parameters, new float[0]);

    /// <summary>Writes the weights file of a network with <paramref name="architecture"/>, <paramref name="parameters"/> and its <paramref name="buffers"/> (BatchNorm running statistics).</summary>
    /// <param name="architecture">The network's architecture.</param>
    /// <param name="parameters">Its parameters in canonical order.</param>
    /// <param name="buffers">Its buffers: each BatchNorm layer's running mean, then running variance; empty without BatchNorm.</param>
    /// <returns>The file's text: ASCII, <c>\n</c> line ends.</returns>
    /// <exception cref="ArgumentException">The number of parameters or buffers does not match, or a value is not finite.</exception>
    public static string Write(NetworkArchitecture architecture, float[] parameters, float[] buffers)
    {
        if (buffers.Length != architecture.BufferCount)
        {
            throw new ArgumentException($"Expected {architecture.BufferCount} buffer values for {architecture.Shape}, but got {buffers.Length}.", nameof(buffers));
        }

        CheckFinite(buffers, static message => new ArgumentException(message.Replace("parameter", "buffer value"), nameof(buffers)));
        if (parameters.Length != architecture.ParameterCount)
        {
            throw new ArgumentException($"Expected {architecture.ParameterCount} parameters for {architecture.Shape}, but got {parameters.Length}.", nameof(parameters));
        }

        CheckFinite(parameters, static message => new ArgumentException(message + " A network whose training diverged cannot be saved.", nameof(parameters)));
        byte[] bytes = ToBytes(parameters);
        var text = new StringBuilder(Base64Length(parameters.Length) + 1024);
        text.Append("{\n");
        text.Append("  \"format\": \"").Append(FormatName).Append("\",\n");
        text.Append("  \"version\": ").Append(Int(Version)).Append(",\n");
        text.Append("  \"elementType\": \"").Append(ElementType).Append("\",\n");
        text.Append("  \"inputSize\": ").Append(Int(architecture.InputSize)).Append(",\n");
        if (architecture.InputShape.Count > 1)
        {
            text.Append("  \"inputShape\": [").Append(string.Join(", ", architecture.InputShape.Select(Int))).Append("],\n");
        }

        text.Append("  \"layers\": [\n");
        for (int i = 0; i < architecture.Layers.Count; i++)
        {
            LayerArchitecture layer = architecture.Layers[i];
            text.Append("    { ");
            switch (layer.Kind)
            {
                case LayerKind.Dense:
                    text.Append("\"units\": ").Append(Int(layer.Units)).Append(", ");
                    break;
                case LayerKind.Conv1D or LayerKind.Conv2D:
                    text.Append("\"kind\": \"").Append(layer.Kind.ToString()).Append("\", \"filters\": ").Append(Int(layer.Units))
                        .Append(", \"kernelSize\": ").Append(Int(layer.KernelSize)).Append(", \"stride\": ").Append(Int(layer.Stride))
                        .Append(", \"padding\": ").Append(Int(layer.Padding)).Append(", \"dilation\": ").Append(Int(layer.Dilation)).Append(", ");
                    break;
                case LayerKind.GlobalAvgPool or LayerKind.Flatten:
                    text.Append("\"kind\": \"").Append(layer.Kind.ToString()).Append('"');
                    break;
                case LayerKind.BatchNorm or LayerKind.LayerNorm:
                    text.Append("\"kind\": \"").Append(layer.Kind.ToString()).Append("\", ");
                    break;
                default:
                    text.Append("\"kind\": \"").Append(layer.Kind.ToString()).Append("\", \"size\": ").Append(Int(layer.KernelSize))
                        .Append(", \"stride\": ").Append(Int(layer.Stride));
                    break;
            }

            if (layer.Kind is LayerKind.Dense or LayerKind.Conv1D or LayerKind.Conv2D or LayerKind.BatchNorm or LayerKind.LayerNorm)
            {
                text.Append("\"activation\": \"").Append(layer.Activation.ToString()).Append('"');
                if (LayerArchitecture.HasAlpha(layer.Activation))
                {
                    text.Append(", \"alpha\": ").Append(FormatFloat(layer.Alpha));
                }
            }

            text.Append(i == architecture.Layers.Count - 1 ? " }\n" : " },\n");
        }

        text.Append("  ],\n");
        text.Append("  \"parameterCount\": ").Append(Int(parameters.Length)).Append(",\n");
        text.Append("  \"checksum\": \"").Append(ChecksumPrefix).Append(Crc32.Compute(bytes).ToString("x8", CultureInfo.InvariantCulture)).Append("\",\n");
        text.Append("  \"parameters\": \"").Append(Convert.ToBase64String(bytes)).Append(buffers.Length > 0 ? "\",\n" : "\"\n");
        if (buffers.Length > 0)
        {
            // Only networks with BatchNorm have buffers; files of the others are what they always were.
            byte[] bufferBytes = ToBytes(buffers);
            text.Append("  \"bufferCount\": ").Append(Int(buffers.Length)).Append(",\n");
            text.Append("  \"bufferChecksum\": \"").Append(ChecksumPrefix).Append(Crc32.Compute(bufferBytes).ToString("x8", CultureInfo.InvariantCulture)).Append("\",\n");
            text.Append("  \"buffers\": \"").Append(Convert.ToBase64String(bufferBytes)).Append("\"\n");
        }

        text.Append("}\n");
        return text.ToString();
    }

    /// <summary>Reads a weights file, checking every field, the checksum and that every parameter is finite.</summary>
    /// <param name="text">The file's text.</param>
    /// <returns>The architecture the file was saved for and its parameters in canonical order.</returns>
    /// <exception cref="InvalidDataException">The text is not a valid version 1 weights file; the message says why.</exception>
    public static WeightsFileContent Read(string text)
    {
        WeightsJsonValue document = WeightsJsonReader.Parse(text);
        var fields = new Dictionary<string, WeightsJsonValue>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, WeightsJsonValue> member in document.Members)
        {
            if (member.Key is not ("format" or "version" or "elementType" or "inputSize" or "inputShape" or "layers" or "parameterCount" or "checksum" or "parameters" or "bufferCount" or "bufferChecksum" or "buffers"))
            {
                throw Invalid($"unknown field \"{member.Key}\"");
            }

            if (fields.ContainsKey(member.Key))
            {
                throw Invalid($"the field \"{member.Key}\" appears twice");
            }

            fields.Add(member.Key, member.Value);
        }

        string format = String(fields, "format");
        if (format != FormatName)
        {
            throw Invalid($"the format is \"{format}\", expected \"{FormatName}\"");
        }

        int version = Integer(fields, "version", 1, int.MaxValue);
        if (version != Version)
        {
            throw Invalid($"version {version} is not supported; this version of CompiledNN reads version {Version}");
        }

        string elementType = String(fields, "elementType");
        if (elementType != ElementType)
        {
            throw Invalid($"the element type is \"{elementType}\", expected \"{ElementType}\"");
        }

        NetworkArchitecture architecture = ReadArchitecture(fields);
        int count = Integer(fields, "parameterCount", 0, MaxParameterCount);
        if (count != architecture.ParameterCount)
        {
            throw Invalid($"parameterCount is {count}, but a {architecture.Shape} network has {architecture.ParameterCount} parameters");
        }

        string checksum = String(fields, "checksum");
        if (!IsChecksum(checksum))
        {
            throw Invalid($"the checksum \"{checksum}\" is not \"{ChecksumPrefix}\" followed by 8 lowercase hexadecimal digits");
        }

        byte[] bytes = DecodeParameters(String(fields, "parameters"), count);
        string actual = ChecksumPrefix + Crc32.Compute(bytes).ToString("x8", CultureInfo.InvariantCulture);
        if (actual != checksum)
        {
            throw Invalid($"the parameters do not match their checksum ({checksum} recorded, {actual} computed); the file is damaged");
        }

        float[] parameters = FromBytes(bytes);
        CheckFinite(parameters, static message => Invalid(message));
        return new WeightsFileContent(architecture, parameters) { Buffers = ReadBuffers(fields, architecture) };
    }

    /// <summary>The buffers of a network with BatchNorm (required then, refused otherwise), checked as the parameters are.</summary>
    private static float[] ReadBuffers(Dictionary<string, WeightsJsonValue> fields, NetworkArchitecture architecture)
    {
        if (architecture.BufferCount == 0)
        {
            foreach (string field in new[] { "bufferCount", "bufferChecksum", "buffers" })
            {
                if (fields.ContainsKey(field))
                {
                    throw Invalid($"it has \"{field}\", but a {architecture.Shape} network has no BatchNorm layer and so no buffers");
                }
            }

            return new float[0];
        }

        int count = Integer(fields, "bufferCount", 0, MaxParameterCount);
        if (count != architecture.BufferCount)
        {
            throw Invalid($"bufferCount is {count}, but a {architecture.Shape} network has {architecture.BufferCount} buffer values (each BatchNorm's running mean and variance)");
        }

        string checksum = String(fields, "bufferChecksum");
        byte[] bytes = DecodeParameters(String(fields, "buffers"), count);
        string actual = ChecksumPrefix + Crc32.Compute(bytes).ToString("x8", CultureInfo.InvariantCulture);
        if (actual != checksum)
        {
            throw Invalid($"the buffers do not match their checksum ({checksum} recorded, {actual} computed); the file is damaged");
        }

        float[] buffers = FromBytes(bytes);
        CheckFinite(buffers, static message => Invalid(message.Replace("parameter", "buffer value")));
        return buffers;
    }

    /// <summary>A float in the shortest text that reads back to the same value, in the invariant culture.</summary>
    /// <param name="value">A finite value.</param>
    /// <returns>E.g. <c>0.01</c> or <c>1E-05</c>.</returns>
    public static string FormatFloat(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static NetworkArchitecture ReadArchitecture(Dictionary<string, WeightsJsonValue> fields)
    {
        int inputSize = Integer(fields, "inputSize", 1, MaxParameterCount);
        int[] inputShape = [inputSize];
        if (fields.TryGetValue("inputShape", out WeightsJsonValue? shape))
        {
            if (shape.Kind != WeightsJsonKind.Array || shape.Items.Count is < 2 or > 3)
            {
                throw Invalid("\"inputShape\" is not a list of 2 or 3 dimensions (channels, length; channels, height, width)");
            }

            var dimensions = new Dictionary<string, WeightsJsonValue>(StringComparer.Ordinal);
            inputShape = new int[shape.Items.Count];
            long product = 1;
            for (int d = 0; d < inputShape.Length; d++)
            {
                dimensions["dimension"] = shape.Items[d];
                inputShape[d] = Integer(dimensions, "dimension", 1, MaxParameterCount, "inputShape");
                product *= inputShape[d];
            }

            if (product != inputSize)
            {
                throw Invalid($"\"inputShape\" has {product} values, but \"inputSize\" is {inputSize}");
            }
        }

        WeightsJsonValue layers = Field(fields, "layers", WeightsJsonKind.Array);
        if (layers.Items.Count == 0)
        {
            throw Invalid("\"layers\" is empty; a network has at least one layer");
        }

        var result = new List<LayerArchitecture>(layers.Items.Count);
        foreach (WeightsJsonValue layer in layers.Items)
        {
            string where = $"layer {result.Count + 1}";
            if (layer.Kind != WeightsJsonKind.Object)
            {
                throw Invalid($"{where} is not an object");
            }

            var layerFields = new Dictionary<string, WeightsJsonValue>(StringComparer.Ordinal);
            foreach (KeyValuePair<string, WeightsJsonValue> member in layer.Members)
            {
                if (member.Key is not ("units" or "activation" or "alpha" or "kind" or "filters" or "kernelSize" or "size" or "stride" or "padding" or "dilation") || layerFields.ContainsKey(member.Key))
                {
                    throw Invalid($"{where} has an unknown or repeated field \"{member.Key}\"");
                }

                layerFields.Add(member.Key, member.Value);
            }

            result.Add(ReadLayer(layerFields, where));
        }

        try
        {
            return new NetworkArchitecture(inputShape, result);
        }
        catch (ArgumentException e)
        {
            throw Invalid("its layers do not fit together: " + e.Message.TrimEnd('.'));
        }
    }

    /// <summary>One layer: dense when it has no <c>kind</c>, as files of dense networks are written.</summary>
    private static LayerArchitecture ReadLayer(Dictionary<string, WeightsJsonValue> fields, string where)
    {
        LayerKind kind = LayerKind.Dense;
        if (fields.ContainsKey("kind"))
        {
            string name = String(fields, "kind", where);
            if (!Enum.TryParse(name, ignoreCase: false, out kind) || name != kind.ToString())
            {
                throw Invalid($"{where} has the unknown kind \"{name}\"");
            }
        }

        bool convolution = kind is LayerKind.Conv1D or LayerKind.Conv2D;
        bool normalization = kind is LayerKind.BatchNorm or LayerKind.LayerNorm;
        string[] allowed = kind switch
        {
            LayerKind.Dense => ["units", "activation", "alpha"],
            LayerKind.Conv1D or LayerKind.Conv2D => ["kind", "filters", "kernelSize", "stride", "padding", "dilation", "activation", "alpha"],
            LayerKind.GlobalAvgPool or LayerKind.Flatten => ["kind"],
            LayerKind.BatchNorm or LayerKind.LayerNorm => ["kind", "activation", "alpha"],
            _ => ["kind", "size", "stride"],
        };
        foreach (string field in fields.Keys)
        {
            if (Array.IndexOf(allowed, field) < 0)
            {
                throw Invalid($"{where} is a {kind} layer, which has no field \"{field}\"");
            }
        }

        Activation activation = Activation.Identity;
        float alpha = 0f;
        if (kind == LayerKind.Dense || convolution || normalization)
        {
            string name = String(fields, "activation", where);
            activation = ParseActivation(name) ?? throw Invalid($"{where} has the unknown activation \"{name}\"");
            if (LayerArchitecture.HasAlpha(activation))
            {
                alpha = Float(Field(fields, "alpha", WeightsJsonKind.Number, where), where + " alpha");
            }
            else if (fields.ContainsKey("alpha"))
            {
                throw Invalid($"{where} has an alpha, but {activation} takes none");
            }
        }

        try
        {
            return kind switch
            {
                LayerKind.Dense => new LayerArchitecture(Integer(fields, "units", 1, MaxParameterCount, where), activation, alpha),
                LayerKind.Conv1D or LayerKind.Conv2D => new LayerArchitecture(
                    kind,
                    Integer(fields, "filters", 1, MaxParameterCount, where),
                    activation,
                    alpha,
                    Integer(fields, "kernelSize", 1, MaxParameterCount, where),
                    Integer(fields, "stride", 1, MaxParameterCount, where),
                    Integer(fields, "padding", 0, MaxParameterCount, where),
                    Integer(fields, "dilation", 1, MaxParameterCount, where)),
                LayerKind.GlobalAvgPool or LayerKind.Flatten => new LayerArchitecture(kind, 0, Activation.Identity, 0f, 0, 0, 0, 0),
                LayerKind.BatchNorm or LayerKind.LayerNorm => new LayerArchitecture(kind, 0, activation, alpha, 0, 0, 0, 0),
                _ => new LayerArchitecture(kind, 0, Activation.Identity, 0f, Integer(fields, "size", 1, MaxParameterCount, where), Integer(fields, "stride", 1, MaxParameterCount, where), 0, 1),
            };
        }
        catch (ArgumentException e)
        {
            throw Invalid($"{where}: " + e.Message.TrimEnd('.'));
        }
    }

    /// <summary>The activation named exactly <paramref name="name"/> (case-sensitive; numbers and lists are not names).</summary>
    private static Activation? ParseActivation(string name)
    {
        // An undefined value prints as a number, which never equals a name, so this walks the defined names only.
        for (int value = 0; value < 64; value++)
        {
            if (((Activation)value).ToString() == name)
            {
                return (Activation)value;
            }
        }

        return null;
    }

    private static byte[] DecodeParameters(string base64, int count)
    {
        int expected = Base64Length(count);
        if (base64.Length != expected)
        {
            throw Invalid($"\"parameters\" has {base64.Length} base64 characters, but {count} float32 values take {expected}; the file is truncated or damaged");
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw Invalid("\"parameters\" is not valid base64");
        }

        // Base64 can spell the same bytes in more than one way (unused bits, whitespace); only the canonical spelling
        // is accepted, so that no damaged character goes unnoticed.
        if (bytes.Length != count * 4 || Convert.ToBase64String(bytes) != base64)
        {
            throw Invalid("\"parameters\" is not canonical base64 of the parameter bytes");
        }

        return bytes;
    }

    private static int Base64Length(int count) => ((count * 4) + 2) / 3 * 4;

    private static bool IsChecksum(string checksum)
    {
        if (checksum.Length != ChecksumPrefix.Length + 8 || !checksum.StartsWith(ChecksumPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        for (int i = ChecksumPrefix.Length; i < checksum.Length; i++)
        {
            if (checksum[i] is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }

        return true;
    }

    private static byte[] ToBytes(float[] parameters)
    {
        var bytes = new byte[parameters.Length * 4];
        for (int i = 0; i < parameters.Length; i++)
        {
            byte[] value = BitConverter.GetBytes(parameters[i]);
            if (!BitConverter.IsLittleEndian)
            {
                Array.Reverse(value);
            }

            Buffer.BlockCopy(value, 0, bytes, i * 4, 4);
        }

        return bytes;
    }

    private static float[] FromBytes(byte[] bytes)
    {
        var parameters = new float[bytes.Length / 4];
        var value = new byte[4];
        for (int i = 0; i < parameters.Length; i++)
        {
            Buffer.BlockCopy(bytes, i * 4, value, 0, 4);
            if (!BitConverter.IsLittleEndian)
            {
                Array.Reverse(value);
            }

            parameters[i] = BitConverter.ToSingle(value, 0);
        }

        return parameters;
    }

    private static void CheckFinite(float[] parameters, Func<string, Exception> error)
    {
        for (int i = 0; i < parameters.Length; i++)
        {
            if (float.IsNaN(parameters[i]) || float.IsInfinity(parameters[i]))
            {
                throw error($"Parameter {i} is {parameters[i].ToString(CultureInfo.InvariantCulture)}, but every parameter must be finite.");
            }
        }
    }

    private static WeightsJsonValue Field(Dictionary<string, WeightsJsonValue> fields, string name, WeightsJsonKind kind, string? where = null)
    {
        string owner = where is null ? "" : where + " ";
        if (!fields.TryGetValue(name, out WeightsJsonValue? value))
        {
            throw Invalid($"{owner}has no \"{name}\" field".TrimStart());
        }

        if (value.Kind != kind)
        {
            throw Invalid($"{owner}\"{name}\" is a {value.Kind.ToString().ToLowerInvariant()}, expected a {kind.ToString().ToLowerInvariant()}");
        }

        return value;
    }

    private static string String(Dictionary<string, WeightsJsonValue> fields, string name, string? where = null) =>
        Field(fields, name, WeightsJsonKind.String, where).Text;

    private static int Integer(Dictionary<string, WeightsJsonValue> fields, string name, int min, int max, string? where = null)
    {
        string text = Field(fields, name, WeightsJsonKind.Number, where).Text;
        string owner = where is null ? "" : where + " ";
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value) || value < min || value > max)
        {
            throw Invalid($"{owner}\"{name}\" is {text}, expected a whole number from {min} to {max}");
        }

        return value;
    }

    private static float Float(WeightsJsonValue number, string what)
    {
        if (!float.TryParse(number.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) || float.IsNaN(value) || float.IsInfinity(value))
        {
            throw Invalid($"{what} is {number.Text}, expected a finite float32");
        }

        // Only the one canonical spelling is accepted, so that a damaged character (0.2 becoming 0.20) cannot go unnoticed.
        if (FormatFloat(value) != number.Text)
        {
            throw Invalid($"{what} is written {number.Text}, but the canonical form of that float32 is {FormatFloat(value)}");
        }

        return value;
    }

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static InvalidDataException Invalid(string what) => new($"Not a valid CompiledNN weights file: {what}.");
}

/// <summary>What a weights file holds: the architecture it was saved for and the parameters in canonical order.</summary>
sealed partial class WeightsFileContent
{
    /// <summary>Wraps what was read.</summary>
    /// <param name="architecture">The architecture the file was saved for.</param>
    /// <param name="parameters">The parameters in canonical order.</param>
    public WeightsFileContent(NetworkArchitecture architecture, float[] parameters)
    {
        Architecture = architecture;
        Parameters = parameters;
    }

    /// <summary>The architecture the file was saved for.</summary>
    public NetworkArchitecture Architecture { get; }

    /// <summary>The parameters in canonical order, all finite.</summary>
    public float[] Parameters { get; }

    /// <summary>The buffers (each BatchNorm layer's running mean, then running variance), all finite; empty without BatchNorm.</summary>
    public float[] Buffers { get; internal set; } = new float[0];
}
