using System.Linq;
using CompiledNN.Generators.Onnx;
using Xunit;

namespace CompiledNN.Generators.Tests.Onnx;

/// <summary>
/// GELU, SiLU and Mish as exporters write them at opset 13, out of several operators: read as one activation when the
/// nodes compute exactly that, and refused otherwise.
/// </summary>
public sealed class OnnxActivationPatternTests
{
    [Fact]
    public void PyTorch_export_of_GELU_SiLU_and_Mish_imports_as_those_activations()
    {
        ImportedNetwork imported = OnnxImporter.Import(OnnxModelReader.Read(OnnxHarness.Fixture("gelu-silu-mish-6-12-10-8-3.onnx")), "model.onnx", 0);

        Assert.Null(imported.Problem);
        Assert.Equal(6, imported.InputSize);
        Assert.Equal(
            [(12, "GELU"), (10, "SiLU"), (8, "Mish"), (3, "Identity")],
            imported.Layers.Select(static l => (l.Units, l.Activation!.Value.ToString())));
    }

    [Theory]
    [InlineData(1.4142135f, 1f, 0.5f, true)]
    [InlineData(1.5f, 1f, 0.5f, false)]
    [InlineData(1.4142135f, 2f, 0.5f, false)]
    [InlineData(1.4142135f, 1f, 0.25f, false)]
    public void GELU_is_read_only_with_its_own_constants(float divisor, float one, float half, bool isGelu)
    {
        OnnxModel model = Gelu(divisor, one, half);

        ImportedNetwork imported = OnnxImporter.Import(model, "model.onnx", 0);

        if (isGelu)
        {
            Assert.Null(imported.Problem);
            Assert.Equal("GELU", Assert.Single(imported.Layers).Activation.ToString());
        }
        else
        {
            // Left as separate nodes, the layer's output feeds both the Div and a Mul: not a chain.
            Assert.Equal("CNN0306", imported.Problem!.Descriptor.Id);
            Assert.Equal("'z' feeds 2 nodes (a branch or a skip connection)", imported.Problem.MessageArguments[1]);
        }
    }

    [Fact]
    public void SiLU_whose_input_also_feeds_another_node_is_a_branch()
    {
        OnnxModel model = Model(
            [Node("Sigmoid", ["z"], ["s"]), Node("Mul", ["z", "s"], ["m"]), Node("Add", ["m", "z"], ["output"])]);

        ImportedNetwork imported = OnnxImporter.Import(model, "model.onnx", 0);

        Assert.Equal("CNN0306", imported.Problem!.Descriptor.Id);
    }

    /// <summary>A Gemm of 2 inputs to 3 units, then the GELU nodes torch 1.13 writes, with the given constants.</summary>
    private static OnnxModel Gelu(float divisor, float one, float half) => Model(
        [
            Constant("c_div", divisor), Node("Div", ["z", "c_div"], ["d"]), Node("Erf", ["d"], ["e"]),
            Constant("c_one", one), Node("Add", ["e", "c_one"], ["a"]), Node("Mul", ["z", "a"], ["m"]),
            Constant("c_half", half), Node("Mul", ["m", "c_half"], ["output"]),
        ]);

    private static OnnxModel Model(OnnxNode[] activation)
    {
        var graph = new OnnxGraph();
        var input = new OnnxValueInfo { Name = "input", ElementType = OnnxTensor.Float, HasShape = true };
        input.Dims.Add(new OnnxDimension(null, "N"));
        input.Dims.Add(new OnnxDimension(2, null));
        graph.Inputs.Add(input);
        graph.Outputs.Add(new OnnxValueInfo { Name = "output", ElementType = OnnxTensor.Float });
        graph.Initializers["W"] = Tensor("W", [0.5f, -1f, 0.25f, 2f, -0.75f, 1f], 3, 2);
        graph.Initializers["B"] = Tensor("B", [0.1f, 0.2f, -0.3f], 3);
        OnnxNode gemm = Node("Gemm", ["input", "W", "B"], ["z"]);
        gemm.Attributes["transB"] = new OnnxAttribute { Name = "transB", Int = 1 };
        graph.Nodes.Add(gemm);
        graph.Nodes.AddRange(activation);
        return new OnnxModel(13, graph);
    }

    private static OnnxNode Node(string op, string[] inputs, string[] outputs)
    {
        var node = new OnnxNode { Name = op + "_" + outputs[0], OpType = op };
        node.Inputs.AddRange(inputs);
        node.Outputs.AddRange(outputs);
        return node;
    }

    private static OnnxNode Constant(string output, float value)
    {
        OnnxNode node = Node("Constant", [], [output]);
        node.Attributes["value"] = new OnnxAttribute { Name = "value", Tensor = Tensor(output, [value]) };
        return node;
    }

    private static OnnxTensor Tensor(string name, float[] values, params long[] dims)
    {
        var tensor = new OnnxTensor { Name = name, DataType = OnnxTensor.Float, Floats = values };
        tensor.Dims.AddRange(dims);
        return tensor;
    }
}
