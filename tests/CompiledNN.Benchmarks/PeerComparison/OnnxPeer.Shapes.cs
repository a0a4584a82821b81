namespace CompiledNN.Benchmarks.PeerComparison;

/// <summary>The peer of one of the comparison's MLP shapes.</summary>
internal sealed partial class OnnxPeer
{
    /// <param name="shape">The MLP's shape, e.g. <c>784-256-128-10</c>.</param>
    /// <param name="inputs">The rows' inputs, bound once.</param>
    /// <param name="outputs">Receives the rows' outputs.</param>
    /// <param name="rows">The number of rows.</param>
    /// <param name="threads">Intra-op threads, or null for a session with ONNX Runtime's default options.</param>
    /// <param name="model">The ONNX file of <paramref name="shape"/>, when not the float export of export_onnx.py.</param>
    public OnnxPeer(string shape, float[] inputs, float[] outputs, int rows, int? threads = 1, string? model = null)
        : this(model ?? PeerShapes.OnnxModel(shape), inputs, [rows, PeerShapes.Sizes(shape)[0]], outputs, [rows, PeerShapes.Sizes(shape)[^1]], threads)
    {
    }
}
