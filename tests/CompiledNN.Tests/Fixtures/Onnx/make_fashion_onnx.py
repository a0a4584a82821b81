#!/usr/bin/python3
"""Exports ../fashion-784-64-10.weights.json (784-64-10, trained on Fashion-MNIST by samples/FashionMnist) as
fashion-784-64-10.onnx with torch.onnx.export at opset 13 (Gemm, Relu, Gemm, Softmax), for the tests that import the
same network as float32 and as int8 (run with Debian's /usr/bin/python3, python3-torch and python3-onnx).
"""
import base64
import json

import numpy
import torch

with open("../fashion-784-64-10.weights.json") as f:
    saved = json.load(f)
parameters = numpy.frombuffer(base64.b64decode(saved["parameters"]), dtype="<f4")
assert saved["inputSize"] == 784 and [layer["units"] for layer in saved["layers"]] == [64, 10]

net = torch.nn.Sequential(torch.nn.Linear(784, 64), torch.nn.ReLU(), torch.nn.Linear(64, 10), torch.nn.Softmax(dim=1))
offset = 0
for linear in (net[0], net[2]):
    # Canonical order: W [units, inputs] row by row, then b.
    for tensor in (linear.weight, linear.bias):
        count = tensor.numel()
        tensor.data = torch.from_numpy(parameters[offset:offset + count].copy()).reshape(tensor.shape)
        offset += count
assert offset == len(parameters)

net.eval()
torch.onnx.export(net, torch.zeros(1, 784), "fashion-784-64-10.onnx", opset_version=13, input_names=["input"],
                  output_names=["output"], dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}})
