#!/usr/bin/python3
"""Writes the ONNX fixtures of the GELU, SiLU and Mish import (run with Debian's /usr/bin/python3, python3-torch).

torch 1.13's exporter has no single operator for these at opset 13 and writes them out:
- nn.GELU() (erf form): Div(x, √2), Erf, Add 1, Mul by x, Mul 0.5, the constants as Constant nodes;
- nn.SiLU(): Sigmoid, then Mul by x;
- nn.Mish(): Softplus, Tanh, then Mul by x.
gelu-silu-mish-6-12-10-8-3 is Linear, GELU, Linear, SiLU, Linear, Mish, Linear, exported with torch.onnx.export in
eval() mode at opset 13 with a dynamic batch axis, and the outputs PyTorch computes for fixed inputs
(NAME.expected.json), which the compiled network must reproduce to 1e-5.
"""
import json

import torch

torch.manual_seed(13)

net = torch.nn.Sequential(
    torch.nn.Linear(6, 12), torch.nn.GELU(),
    torch.nn.Linear(12, 10), torch.nn.SiLU(),
    torch.nn.Linear(10, 8), torch.nn.Mish(),
    torch.nn.Linear(8, 3)).eval()
name = "gelu-silu-mish-6-12-10-8-3"
torch.onnx.export(net, torch.randn(2, 6), name + ".onnx", opset_version=13, input_names=["input"], output_names=["output"],
                  dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}})
inputs = torch.randn(8, 6) * 2
with torch.no_grad():
    outputs = net.double()(inputs.double())
with open(name + ".expected.json", "w") as f:
    json.dump({"inputs": inputs.tolist(), "outputs": outputs.tolist()}, f, indent=1)
    f.write("\n")
