using System;

namespace CompiledNN;

/// <summary>
/// Bakes a saved weights file into the assembly: the network starts with these parameters, with no file to read at
/// run time. The file must be listed as an MSBuild <c>AdditionalFiles</c> item.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class WeightsAttribute : Attribute
{
    /// <summary>Bakes the weights file at <paramref name="path"/>.</summary>
    /// <param name="path">The file's path, matched against the end of the <c>AdditionalFiles</c> paths.</param>
    public WeightsAttribute(string path) => Path = path;

    /// <summary>The weights file's path, matched against the end of the <c>AdditionalFiles</c> paths.</summary>
    public string Path { get; }

    /// <summary>Generate prediction only, with the weights as constants and no training state.</summary>
    public bool InferenceOnly { get; set; }

    /// <summary>
    /// With <see cref="InferenceOnly"/>, <c>Quantization.Int8</c> bakes the dense layers' weights as int8
    /// (a quarter of the bytes) and runs them with integer dot products.
    /// </summary>
    public Quantization Quantization { get; set; }
}
