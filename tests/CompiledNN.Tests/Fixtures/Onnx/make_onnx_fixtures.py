#!/usr/bin/python3
"""Writes the ONNX fixtures of the [OnnxModel] tests (run with Debian's /usr/bin/python3, python3-torch and python3-onnx).

Models PyTorch exports with torch.onnx.export in eval() mode, with a dynamic batch axis, and the outputs PyTorch
computes for fixed inputs (NAME.expected.json), which the compiled networks must reproduce to 1e-5:
- mlp-4-16-16-3 (opset 13): Linear, ReLU, Linear, Tanh, Linear.
- bn-dropout-6-12-8-2 (opset 11): Linear, BatchNorm1d, ReLU, Dropout, Linear, LeakyReLU(0.2), BatchNorm1d (after the
  activation), Linear, Sigmoid; the batch norms have running statistics from a few training steps.
- flatten-softmax-2x3-10-10-4 (opset 17): an input of shape [N, 2, 3], Flatten, Linear, Softplus, Linear, ELU, Linear,
  Softmax.
- matmul-add-5-7-3 (opset 9): x @ W + b written out, which exports as MatMul and Add, with Tanh between the layers.
A model built node by node with onnx.helper (ops-reshape-dropout-3x2-5-4, opset 14: a Constant shape, Reshape to
[0, -1], Gemm with transB = 0, alpha and beta, Dropout, Identity, Gemm, Softmax), its expected outputs computed
here with numpy; transpose-matmul-4-5-2 (opset 18: MatMul over the Transpose of a weight, Add, Sigmoid, as newer
exporters leave them), likewise; and models the importer must reject with a diagnostic (invalid-*.onnx).
"""
import json

import onnx
import torch
from onnx import TensorProto, helper

torch.manual_seed(20)


def export(name, model, input_shape, opset):
    model.eval()
    example = torch.randn(2, *input_shape)
    torch.onnx.export(model, example, name + ".onnx", opset_version=opset, input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}})
    inputs = torch.randn(8, *input_shape) * 1.5
    with torch.no_grad():
        outputs = model(inputs)
    with open(name + ".expected.json", "w") as f:
        json.dump({"inputs": inputs.flatten(1).tolist(), "outputs": outputs.tolist()}, f, indent=1)
        f.write("\n")


class MatMulAdd(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.w1 = torch.nn.Parameter(torch.randn(5, 7) * 0.5)
        self.b1 = torch.nn.Parameter(torch.randn(7) * 0.1)
        self.w2 = torch.nn.Parameter(torch.randn(7, 3) * 0.5)
        self.b2 = torch.nn.Parameter(torch.randn(3) * 0.1)

    def forward(self, x):
        return torch.tanh(x @ self.w1 + self.b1) @ self.w2 + self.b2


def batch_norm_net():
    net = torch.nn.Sequential(
        torch.nn.Linear(6, 12), torch.nn.BatchNorm1d(12), torch.nn.ReLU(), torch.nn.Dropout(0.3),
        torch.nn.Linear(12, 8), torch.nn.LeakyReLU(0.2), torch.nn.BatchNorm1d(8),
        torch.nn.Linear(8, 2), torch.nn.Sigmoid())
    # A few training steps give the batch norms running statistics and affine parameters away from 0 and 1.
    optimizer = torch.optim.SGD(net.parameters(), lr=0.1)
    net.train()
    for _ in range(20):
        x = torch.randn(32, 6) * 2 + 0.5
        loss = ((net(x) - 0.3) ** 2).mean()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return net


export("mlp-4-16-16-3", torch.nn.Sequential(
    torch.nn.Linear(4, 16), torch.nn.ReLU(), torch.nn.Linear(16, 16), torch.nn.Tanh(), torch.nn.Linear(16, 3)), [4], 13)
export("bn-dropout-6-12-8-2", batch_norm_net(), [6], 11)
export("flatten-softmax-2x3-10-10-4", torch.nn.Sequential(
    torch.nn.Flatten(), torch.nn.Linear(6, 10), torch.nn.Softplus(), torch.nn.Linear(10, 10), torch.nn.ELU(),
    torch.nn.Linear(10, 4), torch.nn.Softmax(dim=1)), [2, 3], 17)
export("matmul-add-5-7-3", MatMulAdd(), [5], 9)


def write_graph(name, nodes, inputs, outputs, initializers, opset=13):
    graph = helper.make_graph(nodes, name, inputs, outputs, initializers)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)], producer_name="make_onnx_fixtures")
    model.ir_version = 7
    onnx.save(model, name + ".onnx")


def weight(name, rows, columns, dtype=TensorProto.FLOAT):
    values = [0.01 * (i % 7 - 3) for i in range(rows * columns)]
    if dtype != TensorProto.FLOAT:
        values = [i % 3 for i in range(rows * columns)]
    return helper.make_tensor(name, dtype, [rows, columns], values)


def value(name, *dims, dtype=TensorProto.FLOAT):
    return helper.make_tensor_value_info(name, dtype, list(dims))


gemm = helper.make_node("Gemm", ["input", "W"], ["h"], name="fc1", transB=1)
write_graph("invalid-op", [gemm, helper.make_node("Erf", ["h"], ["output"], name="erf1")],
            [value("input", "N", 4)], [value("output", "N", 3)], [weight("W", 3, 4)])
write_graph("invalid-branch", [gemm, helper.make_node("Relu", ["h"], ["r"], name="relu1"),
                               helper.make_node("Add", ["h", "r"], ["output"], name="skip")],
            [value("input", "N", 4)], [value("output", "N", 3)], [weight("W", 3, 4)])
write_graph("invalid-dynamic", [helper.make_node("Gemm", ["input", "W"], ["output"], name="fc1", transB=1)],
            [value("input", "N", "features")], [value("output", "N", 3)], [weight("W", 3, 4)])
write_graph("invalid-attribute", [helper.make_node("Gemm", ["input", "W"], ["output"], name="fc1", transA=1)],
            [value("input", "N", 4)], [value("output", "N", 3)], [weight("W", 4, 3)])
write_graph("invalid-int64", [helper.make_node("Gemm", ["input", "W"], ["output"], name="fc1", transB=1)],
            [value("input", "N", 4)], [value("output", "N", 3)], [weight("W", 3, 4, TensorProto.INT64)])
write_graph("invalid-opset", [helper.make_node("Gemm", ["input", "W"], ["output"], name="fc1", transB=1)],
            [value("input", "N", 4)], [value("output", "N", 3)], [weight("W", 3, 4)], opset=8)


# Gemm computes alpha · x · W + beta · b (W is [inputs, units] with transB = 0); Dropout and Identity pass x through.
import numpy

w1 = numpy.linspace(-1, 1, 6 * 5, dtype=numpy.float32).reshape(6, 5)
b1 = numpy.linspace(-0.2, 0.3, 5, dtype=numpy.float32)
w2 = numpy.cos(numpy.arange(4 * 5, dtype=numpy.float32)).reshape(4, 5).astype(numpy.float32)
b2 = numpy.array([0.1, -0.1, 0.05, 0.0], dtype=numpy.float32)
shape = helper.make_node("Constant", [], ["shape"], name="shape", value=helper.make_tensor("shape_value", TensorProto.INT64, [2], [0, -1]))
write_graph("ops-reshape-dropout-3x2-5-4", [
    shape,
    helper.make_node("Reshape", ["input", "shape"], ["flat"], name="flatten"),
    helper.make_node("Gemm", ["flat", "W1", "B1"], ["h"], name="fc1", alpha=0.5, beta=2.0),
    helper.make_node("Relu", ["h"], ["r"], name="relu1"),
    helper.make_node("Dropout", ["r"], ["d"], name="dropout1"),
    helper.make_node("Identity", ["d"], ["i"], name="identity1"),
    helper.make_node("Gemm", ["i", "W2", "B2"], ["logits"], name="fc2", transB=1),
    helper.make_node("Softmax", ["logits"], ["output"], name="softmax1"),
], [value("input", "N", 3, 2)], [value("output", "N", 4)], [
    helper.make_tensor("W1", TensorProto.FLOAT, [6, 5], w1.flatten().tolist()),
    helper.make_tensor("B1", TensorProto.FLOAT, [5], b1.tolist()),
    helper.make_tensor("W2", TensorProto.FLOAT, [4, 5], w2.flatten().tolist()),
    helper.make_tensor("B2", TensorProto.FLOAT, [1, 4], b2.tolist()),
], opset=14)
x = numpy.random.default_rng(20).normal(size=(8, 6)).astype(numpy.float64)
h = numpy.maximum(0.5 * x @ w1.astype(numpy.float64) + 2.0 * b1, 0)
logits = h @ w2.astype(numpy.float64).T + b2
y = numpy.exp(logits - logits.max(axis=1, keepdims=True))
y /= y.sum(axis=1, keepdims=True)
with open("ops-reshape-dropout-3x2-5-4.expected.json", "w") as f:
    json.dump({"inputs": x.astype(numpy.float32).tolist(), "outputs": y.tolist()}, f, indent=1)
    f.write("\n")


# MatMul(x, Transpose(W)) + b: the importer computes the transpose of the [units, inputs] weight.
w = numpy.sin(numpy.arange(5 * 4, dtype=numpy.float32)).reshape(5, 4).astype(numpy.float32)
b = numpy.array([0.3, -0.2, 0.1, 0.0, -0.1], dtype=numpy.float32)
w_out = numpy.cos(numpy.arange(2 * 5, dtype=numpy.float32)).reshape(2, 5).astype(numpy.float32)
write_graph("transpose-matmul-4-5-2", [
    helper.make_node("Transpose", ["W"], ["Wt"], name="t1", perm=[1, 0]),
    helper.make_node("MatMul", ["input", "Wt"], ["m"], name="matmul1"),
    helper.make_node("Add", ["m", "B"], ["h"], name="add1"),
    helper.make_node("Tanh", ["h"], ["a"], name="tanh1"),
    helper.make_node("Transpose", ["W_out"], ["W_out_t"], name="t2"),
    helper.make_node("MatMul", ["a", "W_out_t"], ["logits"], name="matmul2"),
    helper.make_node("Sigmoid", ["logits"], ["output"], name="sigmoid1"),
], [value("input", "N", 4)], [value("output", "N", 2)], [
    helper.make_tensor("W", TensorProto.FLOAT, [5, 4], w.flatten().tolist()),
    helper.make_tensor("B", TensorProto.FLOAT, [5], b.tolist()),
    helper.make_tensor("W_out", TensorProto.FLOAT, [2, 5], w_out.flatten().tolist()),
], opset=18)
x = numpy.random.default_rng(18).normal(size=(8, 4)).astype(numpy.float32).astype(numpy.float64)
y = 1 / (1 + numpy.exp(-(numpy.tanh(x @ w.astype(numpy.float64).T + b) @ w_out.astype(numpy.float64).T)))
with open("transpose-matmul-4-5-2.expected.json", "w") as f:
    json.dump({"inputs": x.tolist(), "outputs": y.tolist()}, f, indent=1)
    f.write("\n")
