"""Writes the int8 peer of the int8 benchmark: for each shape, ONNX Runtime's dynamic quantisation of the float network
export_onnx.py writes (models/<shape>.params.bin, the weights the float32 benchmark runs), as models/<shape>.int8.onnx.

The graph is what onnxruntime.quantization.quantize_dynamic writes for a MatMul (that package is not available here,
so the nodes are written with onnx.helper): per layer, DynamicQuantizeLinear of the float activations (uint8, a scale
and zero point per call), MatMulInteger with the int8 weights, Cast to float, Mul by activation scale × weight scale,
then the float bias and activation. ONNX Runtime fuses these into DynamicQuantizeMatMul at ORT_ENABLE_ALL. The weights
are quantised as CompiledNN's Quantization.Int8 does (symmetric, a scale per unit: its largest |w| / 127, rounded
half to even), so both int8 networks hold the same integers.

Run with Debian's interpreter (python3-onnx), after export_onnx.py: /usr/bin/python3 export_int8_onnx.py
"""
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

SHAPES = ["784-256-128-10", "3072-512-10"]
HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = os.path.join(HERE, "models")


def quantize(w):
    """W [units, inputs] as int8 per unit, and the scales."""
    scales = np.abs(w).max(axis=1) / np.float32(127)
    q = np.clip(np.round(w / scales[:, None]), -127, 127).astype(np.int8)
    return q, scales.astype(np.float32)


def build(shape):
    sizes = [int(s) for s in shape.split("-")]
    params = np.fromfile(os.path.join(MODELS, shape + ".params.bin"), dtype="<f4")
    nodes, initializers = [], [numpy_helper.from_array(np.array(0, dtype=np.int8), "w_zero_point")]
    x, offset = "input", 0
    for layer in range(len(sizes) - 1):
        inputs, units = sizes[layer], sizes[layer + 1]
        w = params[offset:offset + inputs * units].reshape(units, inputs)
        offset += inputs * units
        b = params[offset:offset + units]
        offset += units
        q, scales = quantize(w)
        n = str(layer + 1)
        initializers += [
            numpy_helper.from_array(np.ascontiguousarray(q.T), "W" + n + "_quantized"),
            numpy_helper.from_array(scales, "W" + n + "_scale"),
            numpy_helper.from_array(b.copy(), "B" + n),
        ]
        last = layer == len(sizes) - 2
        nodes += [
            helper.make_node("DynamicQuantizeLinear", [x], [x + "_q", x + "_scale", x + "_zero_point"]),
            helper.make_node("MatMulInteger", [x + "_q", "W" + n + "_quantized", x + "_zero_point", "w_zero_point"], ["mm" + n + "_int32"]),
            helper.make_node("Mul", [x + "_scale", "W" + n + "_scale"], ["mm" + n + "_scale"]),
            helper.make_node("Cast", ["mm" + n + "_int32"], ["mm" + n + "_float"], to=TensorProto.FLOAT),
            helper.make_node("Mul", ["mm" + n + "_float", "mm" + n + "_scale"], ["mm" + n]),
            helper.make_node("Add", ["mm" + n, "B" + n], ["z" + n]),
            helper.make_node("Softmax", ["z" + n], ["output"], axis=1) if last else helper.make_node("Relu", ["z" + n], ["h" + n]),
        ]
        x = "h" + n
    assert offset == len(params)
    graph = helper.make_graph(
        nodes, "int8_" + shape.replace("-", "_"),
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["N", sizes[0]])],
        [helper.make_tensor_value_info("output", TensorProto.FLOAT, ["N", sizes[-1]])],
        initializers)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="export_int8_onnx.py")
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(MODELS, shape + ".int8.onnx"))


def main():
    for shape in SHAPES:
        build(shape)
        print("wrote", os.path.join(MODELS, shape + ".int8.onnx"))


if __name__ == "__main__":
    main()
