using System;
using System.IO;
using System.Linq;
using CompiledNN.Benchmarks.PeerComparison;

namespace CompiledNN.Benchmarks.Quantized;

/// <summary>
/// The four predictions of the int8 comparison over one shape's exported weights, on one thread, each with its own
/// output buffer: CompiledNN float32 and int8, ONNX Runtime float32 and dynamically quantised.
/// </summary>
internal sealed class QuantizedPeers : IDisposable
{
    private readonly ITrainableNetwork _float;
    private readonly Int8Mlp _int8;
    private readonly OnnxPeer _onnxFloat;
    private readonly OnnxPeer _onnxInt8;
    private readonly float[] _inputs;
    private readonly int _rows;

    public QuantizedPeers(string shape, int rows)
    {
        int[] sizes = PeerShapes.Sizes(shape);
        _rows = rows;
        _float = PeerShapes.Create(shape, threads: 1);
        _int8 = new Int8Mlp(sizes, PeerShapes.Parameters(shape));
        _inputs = PeerShapes.Data(shape, rows).Inputs;
        Outputs = [.. Enumerable.Range(0, 4).Select(_ => new float[rows * sizes[^1]])];
        string int8Model = Path.Combine(PeerShapes.ModelDirectory, shape + ".int8.onnx");
        if (!File.Exists(int8Model))
        {
            throw new FileNotFoundException($"{int8Model} is missing: run /usr/bin/python3 export_int8_onnx.py first.", int8Model);
        }

        _onnxFloat = new OnnxPeer(shape, _inputs, Outputs[2], rows);
        _onnxInt8 = new OnnxPeer(shape, _inputs, Outputs[3], rows, model: int8Model);
    }

    public static readonly string[] Names = ["CompiledNN float32", "CompiledNN int8", "ONNX Runtime float32", "ONNX Runtime int8"];

    /// <summary>The last outputs of each prediction, in the order of <see cref="Names"/>.</summary>
    public float[][] Outputs { get; }

    public void Float32() => PeerShapes.Predict(_float, _inputs, Outputs[0], _rows);

    public void Int8() => _int8.PredictBatch(_inputs, Outputs[1], _rows);

    public void OnnxRuntimeFloat32() => _onnxFloat.Run();

    public void OnnxRuntimeInt8() => _onnxInt8.Run();

    public void Run(int which)
    {
        switch (which)
        {
            case 0: Float32(); break;
            case 1: Int8(); break;
            case 2: OnnxRuntimeFloat32(); break;
            default: OnnxRuntimeInt8(); break;
        }
    }

    public void Dispose()
    {
        _onnxFloat.Dispose();
        _onnxInt8.Dispose();
    }
}
