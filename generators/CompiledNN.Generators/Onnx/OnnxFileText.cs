using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CompiledNN.Generators.Onnx;

/// <summary>
/// How an ONNX file reaches the generator. The compiler hands AdditionalFiles over as decoded text, which would corrupt
/// a binary file, so the package's build targets (CompiledNN.Onnx.targets) replace each <c>.onnx</c> item with a text
/// file in obj/: a first line naming the original file, then the file's bytes in base64.
/// </summary>
internal static class OnnxFileText
{
    /// <summary>The first line's prefix; the original file's full path follows it.</summary>
    public const string Header = "CompiledNN ONNX model in base64: ";

    /// <summary>The ending the build targets give the text files.</summary>
    public const string Extension = ".onnx.base64";

    /// <summary>The path of the ONNX file that <paramref name="file"/> carries, or <see langword="null"/> when it carries none.</summary>
    public static string? SourcePath(AdditionalText file, CancellationToken cancellationToken)
    {
        if (!file.Path.EndsWith(Extension, StringComparison.OrdinalIgnoreCase) || file.GetText(cancellationToken) is not { } text || text.Lines.Count == 0)
        {
            return null;
        }

        string first = text.Lines[0].ToString();
        return first.StartsWith(Header, StringComparison.Ordinal) ? first.Substring(Header.Length) : null;
    }

    /// <summary>The ONNX file's bytes; throws <see cref="OnnxFormatException"/> when the text is not what the targets write.</summary>
    public static byte[] Decode(SourceText text)
    {
        // Base64 takes 4 characters for 3 bytes, plus line breaks every 76 characters.
        if (text.Length > (OnnxModelReader.MaxFileBytes / 3L * 4 * 78 / 76) + 4096)
        {
            throw new OnnxFormatException($"it is larger than the {OnnxModelReader.MaxFileBytes / (1024 * 1024)} MB the importer reads");
        }

        int body = text.Lines.Count > 1 ? text.Lines[1].Start : text.Length;
        try
        {
            return Convert.FromBase64String(text.ToString(TextSpan.FromBounds(body, text.Length)));
        }
        catch (FormatException)
        {
            throw new OnnxFormatException("the text the build targets wrote for it is not base64; rebuild the project");
        }
    }
}
