using CompiledNN.Generators.Helpers;

namespace CompiledNN.Generators.Model;

/// <summary>
/// The weights file a network bakes in with <c>[Weights]</c>: the path as declared and, once the file has been read
/// and checked against the network, its parameters in canonical order (compared by value, so an unchanged file keeps
/// the generated code cached).
/// </summary>
/// <param name="Path">The path written in <c>[Weights]</c>, matched against the end of the AdditionalFiles paths.</param>
/// <param name="InferenceOnly">Generate static prediction code with the weights as constants and no training state.</param>
/// <param name="Parameters">The baked parameters, empty until the file has been read.</param>
/// <param name="Quantization">How the inference-only form stores its weights and computes its dense layers.</param>
internal sealed record WeightsSpec(string Path, bool InferenceOnly, EquatableArray<float> Parameters, Quantization Quantization = Quantization.None);
