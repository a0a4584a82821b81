"""Exports the peer-comparison networks from PyTorch: for each shape, an ONNX model (models/<shape>.onnx, softmax
included, batch dimension dynamic) and the same weights in CompiledNN's canonical order (models/<shape>.params.bin:
float32 little-endian, per layer W[units, inputs] row-major then b[units], which is nn.Linear's own layout), so that
CompiledNN, the naive C# MLP, ONNX Runtime and PyTorch all run the same network.

Run with Debian's interpreter (python3-torch): /usr/bin/python3 export_onnx.py
torch.onnx.export (TorchScript exporter of torch 1.13) needs no `onnx` pip package.
"""
import os

import numpy as np
import torch

SHAPES = ["4-16-16-3", "64-32-10", "784-128-10", "784-256-128-10"]
# Shapes outside the main table, for the sweep that checks the comparison holds beyond the four tuned-for shapes
# (ShapeSweepBenchmarks; inference only, so PyTorch does not time them).
SWEEP_SHAPES = ["2-8-2", "10-32-32-2", "128-64-10", "256-128-10", "784-64-10", "784-512-10", "32-128-128-128-10",
                "3072-256-10", "1024-1024-10", "784-300-100-10", "256-512-256-16", "3072-512-10", "100-200-200-200-5",
                "20-48-1"]
HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = os.path.join(HERE, "models")


def build(shape, seed=0):
    """A ReLU MLP with a softmax output (sigmoid for one output), initialised by PyTorch's default nn.Linear initialisation from a fixed seed."""
    torch.manual_seed(seed)
    sizes = [int(s) for s in shape.split("-")]
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(torch.nn.Linear(sizes[i], sizes[i + 1]))
        if i < len(sizes) - 2:
            layers.append(torch.nn.ReLU())
        else:
            # A single output's softmax is always 1: such a network ends in a sigmoid.
            layers.append(torch.nn.Sigmoid() if sizes[-1] == 1 else torch.nn.Softmax(dim=1))
    return torch.nn.Sequential(*layers).eval()


def canonical_parameters(model):
    parts = []
    for module in model:
        if isinstance(module, torch.nn.Linear):
            parts.append(module.weight.detach().numpy().astype("<f4").ravel())
            parts.append(module.bias.detach().numpy().astype("<f4").ravel())
    return np.concatenate(parts)


def main():
    os.makedirs(MODELS, exist_ok=True)
    for shape in SHAPES + SWEEP_SHAPES:
        model = build(shape)
        inputs = int(shape.split("-")[0])
        canonical_parameters(model).tofile(os.path.join(MODELS, shape + ".params.bin"))
        torch.onnx.export(
            model,
            torch.zeros(1, inputs),
            os.path.join(MODELS, shape + ".onnx"),
            input_names=["input"],
            output_names=["output"],
            dynamic_axes={"input": {0: "rows"}, "output": {0: "rows"}},
            opset_version=13,
        )
        print(f"exported {shape}")


if __name__ == "__main__":
    main()
