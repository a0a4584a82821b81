"""Writes baked-256-256-10.weights.json: a 256-256-10 ReLU/Softmax network large enough that the trainable forward pass
packs its first layer and shares it between threads, so that the inference-only form is checked on those paths too.
Deterministic (seed 26); run from this directory."""
import base64
import json
import random
import struct
import zlib

random.seed(26)
sizes = [256, 256, 10]
values = []
for inputs, units in zip(sizes, sizes[1:]):
    bound = (6 / inputs) ** 0.5
    values += [random.uniform(-bound, bound) for _ in range(units * inputs)]  # W[units, inputs], row-major
    values += [random.uniform(-0.1, 0.1) for _ in range(units)]
raw = struct.pack(f"<{len(values)}f", *values)
header = {
    "format": "compilednn-weights",
    "version": 1,
    "elementType": "float32",
    "inputSize": sizes[0],
    "layers": [{"units": 256, "activation": "ReLU"}, {"units": 10, "activation": "Softmax"}],
    "parameterCount": len(values),
    "checksum": f"crc32:{zlib.crc32(raw):08x}",
    "parameters": base64.b64encode(raw).decode("ascii"),
}
with open("baked-256-256-10.weights.json", "w", encoding="utf-8", newline="\n") as f:
    json.dump(header, f, indent=2)
    f.write("\n")
