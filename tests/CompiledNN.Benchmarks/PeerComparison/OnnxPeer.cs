using System;
using Microsoft.ML.OnnxRuntime;

namespace CompiledNN.Benchmarks.PeerComparison;

/// <summary>
/// ONNX Runtime in-process at its fastest for small calls: one intra-op thread unless told otherwise, every graph
/// optimisation, inputs and outputs bound once to pre-allocated managed buffers (IOBinding), so a call is just
/// <c>RunWithBinding</c>.
/// </summary>
/// <remarks>Also compiled into tests/aot-speed, so this file names nothing else of the benchmarks.</remarks>
internal sealed partial class OnnxPeer : IDisposable
{
    private readonly InferenceSession _session;
    private readonly OrtValue _input;
    private readonly OrtValue _output;
    private readonly OrtIoBinding _binding;
    private readonly RunOptions _runOptions = new();

    /// <param name="model">The ONNX file, with one input named "input" and one output named "output".</param>
    /// <param name="inputShape">The input tensor's dimensions, the rows first (<c>[rows, channels, height, width]</c> for an image).</param>
    /// <param name="outputShape">The output tensor's dimensions.</param>
    /// <param name="threads">Intra-op threads, or null for a session with ONNX Runtime's default options.</param>
    public OnnxPeer(string model, float[] inputs, long[] inputShape, float[] outputs, long[] outputShape, int? threads)
    {
        using var options = threads is int count
            ? new SessionOptions
            {
                IntraOpNumThreads = count,
                InterOpNumThreads = 1,
                ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
                GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            }
            : new SessionOptions();
        _session = new InferenceSession(model, options);
        _input = OrtValue.CreateTensorValueFromMemory(inputs, inputShape);
        _output = OrtValue.CreateTensorValueFromMemory(outputs, outputShape);
        _binding = _session.CreateIoBinding();
        _binding.BindInput("input", _input);
        _binding.BindOutput("output", _output);
    }

    public void Run() => _session.RunWithBinding(_runOptions, _binding);

    public void Dispose()
    {
        _binding.Dispose();
        _input.Dispose();
        _output.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
    }
}
