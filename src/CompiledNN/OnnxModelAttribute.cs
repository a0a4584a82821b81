using System;

namespace CompiledNN;

/// <summary>
/// Compiles an ONNX model into the class at build time: its layers and weights become an ordinary network, starting
/// from the file's weights. The file must be listed as an MSBuild <c>AdditionalFiles</c> item; the package's build
/// targets pass it to the generator. <c>[Network(...)]</c> on the same class may set the training options.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class OnnxModelAttribute : Attribute
{
    /// <summary>Imports the ONNX model at <paramref name="path"/>.</summary>
    /// <param name="path">The file's path, matched against the end of the <c>AdditionalFiles</c> paths.</param>
    public OnnxModelAttribute(string path) => Path = path;

    /// <summary>The ONNX file's path, matched against the end of the <c>AdditionalFiles</c> paths.</summary>
    public string Path { get; }

    /// <summary>Generate prediction only, with the weights as constants and no training state.</summary>
    public bool InferenceOnly { get; set; }

    /// <summary>
    /// With <see cref="InferenceOnly"/>, <c>Quantization.Int8</c> bakes the imported dense layers' weights as int8
    /// (a quarter of the bytes) and runs them with integer dot products, as <see cref="WeightsAttribute.Quantization"/>.
    /// </summary>
    public Quantization Quantization { get; set; }
}
