#!/usr/bin/python3
"""Writes the PyTorch fixtures of the persistence tests (run with Debian's /usr/bin/python3 and python3-torch).

- torch-4-8-3.safetensors: the parameters of nn.Sequential(Linear(4, 8), Tanh(), Linear(8, 3), Softmax(dim=1)),
  (and likewise torch-40-32-4: Linear(40, 32), ReLU(), Linear(32, 4), Softmax(dim=1), and torch-2-3-1 with zero
  weights: Linear(2, 3), ReLU(), Linear(3, 1), Sigmoid()),
  written by hand in the safetensors layout (8-byte little-endian header length, JSON header, raw F32 data), because
  the safetensors package is not in Debian; the tensor names are PyTorch's own state_dict keys.
- torch-4-8-3.weights.json: the same parameters as a CompiledNN weights file, written from the format specification
  (docs/weights-format.md) independently of the C# writer.
- torch-4-8-3.expected.json: inputs and the outputs PyTorch computes for them.
"""
import base64
import json
import struct
import zlib

import torch


def write_fixtures(name, model, activations, input_size):
    state = {key: tensor.detach().contiguous() for key, tensor in model.state_dict().items()}

    # safetensors: tensors back to back in state_dict order, header padded with spaces to a multiple of 8.
    header, data, offset = {"__metadata__": {"format": "pt"}}, b"", 0
    for key, tensor in state.items():
        raw = struct.pack("<%df" % tensor.numel(), *tensor.flatten().tolist())
        header[key] = {"dtype": "F32", "shape": list(tensor.shape), "data_offsets": [offset, offset + len(raw)]}
        data += raw
        offset += len(raw)
    header_bytes = json.dumps(header, separators=(",", ":")).encode()
    header_bytes += b" " * (-len(header_bytes) % 8)
    with open(name + ".safetensors", "wb") as f:
        f.write(struct.pack("<Q", len(header_bytes)) + header_bytes + data)

    # The CompiledNN weights file: canonical order is exactly the state_dict order (W[units, inputs] row-major, then b).
    parameters = b"".join(struct.pack("<%df" % t.numel(), *t.flatten().tolist()) for t in state.values())
    biases = [t for key, t in state.items() if key.endswith(".bias")]
    layers = ",\n".join('    { "units": %d, "activation": "%s" }' % (b.numel(), a) for b, a in zip(biases, activations))
    weights = (
        "{\n"
        '  "format": "compilednn-weights",\n'
        '  "version": 1,\n'
        '  "elementType": "float32",\n'
        '  "inputSize": %d,\n'
        '  "layers": [\n%s\n  ],\n'
        '  "parameterCount": %d,\n'
        '  "checksum": "crc32:%08x",\n'
        '  "parameters": "%s"\n'
        "}\n"
    ) % (input_size, layers, len(parameters) // 4, zlib.crc32(parameters), base64.b64encode(parameters).decode())
    with open(name + ".weights.json", "w", newline="\n") as f:
        f.write(weights)

    inputs = torch.randn(16, input_size) * 2
    with torch.no_grad():
        outputs = model(inputs)
    with open(name + ".expected.json", "w") as f:
        json.dump({"inputs": inputs.tolist(), "outputs": outputs.tolist()}, f, indent=1)
        f.write("\n")


torch.manual_seed(1234)
write_fixtures(
    "torch-4-8-3",
    torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.Tanh(), torch.nn.Linear(8, 3), torch.nn.Softmax(dim=1)),
    ["Tanh", "Softmax"], 4)

# A first layer of 40 x 32 = 1280 weights, above the unroll threshold, exercises the SIMD path over constant data.
write_fixtures(
    "torch-40-32-4",
    torch.nn.Sequential(torch.nn.Linear(40, 32), torch.nn.ReLU(), torch.nn.Linear(32, 4), torch.nn.Softmax(dim=1)),
    ["ReLU", "Softmax"], 40)

# Zero weights, which the inference-only form leaves out of the straight-line code.
sparse = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.ReLU(), torch.nn.Linear(3, 1), torch.nn.Sigmoid())
with torch.no_grad():
    sparse[0].weight[0, 1] = 0.0
    sparse[0].weight[2, 0] = 0.0
    sparse[2].weight[0, 1] = 0.0
write_fixtures("torch-2-3-1", sparse, ["ReLU", "Sigmoid"], 2)
