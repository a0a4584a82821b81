#if ONNX_PEER
using System;
using System.IO;
using CompiledNN.Persistence;
using Microsoft.ML.OnnxRuntime;

namespace AotSpeed;

/// <summary>
/// ONNX Runtime running a network's ONNX export in-process, set up as the peer comparison sets it: one intra-op thread,
/// every graph optimisation, inputs and outputs bound once (IOBinding), so a call is just <c>RunWithBinding</c>.
/// </summary>
internal sealed class OnnxPeer : IDisposable
{
    private readonly InferenceSession _session;
    private readonly OrtValue _input;
    private readonly OrtValue _output;
    private readonly OrtIoBinding _binding;
    private readonly RunOptions _runOptions = new();

    public OnnxPeer(IPersistentNetwork network, float[] inputs, float[] outputs, int rows)
    {
        using var model = new MemoryStream();
        Onnx.Export(network, model);
        using var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(model.ToArray(), options);
        _input = OrtValue.CreateTensorValueFromMemory(inputs, [rows, network.InputSize]);
        _output = OrtValue.CreateTensorValueFromMemory(outputs, [rows, network.OutputSize]);
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
#endif
