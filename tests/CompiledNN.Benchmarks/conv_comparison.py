"""PyTorch's side of the convolution comparison: builds the three networks of ConvComparison/ConvNetworks.cs with fixed
seeds, writes each one's weights as safetensors (models/conv/<name>.safetensors, nn.Sequential's names, which
CompiledNN's SafeTensors.Import reads) and as ONNX (models/conv/<name>.onnx, softmax included, batch dimension
dynamic), then times PyTorch on the same work as the .NET side: predict = forward with softmax under no_grad at batch
1 and 64; train = zero_grad, forward, cross-entropy, backward, one Adam step at batch 64. Timed once with
torch.set_num_threads(1) and once with PyTorch's default threads; writes models/conv/pytorch.json.

Run with Debian's interpreter (python3-torch): /usr/bin/python3 conv_comparison.py [--smoke]
(--smoke: a few calls per row instead of medians of 15 blocks, for CI.)
"""
import json
import os
import struct
import sys
import time

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = os.path.join(HERE, "models", "conv")
DEFAULT_THREADS = torch.get_num_threads()


def lenet():
    """LeNet-5-like on 1×28×28: the padded first convolution keeps 28×28, as in the classic MNIST variant."""
    return torch.nn.Sequential(
        torch.nn.Conv2d(1, 6, 5, padding=2), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Conv2d(6, 16, 5), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Flatten(),
        torch.nn.Linear(400, 120), torch.nn.ReLU(),
        torch.nn.Linear(120, 84), torch.nn.ReLU(),
        torch.nn.Linear(84, 10), torch.nn.Softmax(dim=1))


def sensor():
    """A 1-D network on 3 channels × 128 samples (an accelerometer window): 32 then 64 filters, global average pooling."""
    return torch.nn.Sequential(
        torch.nn.Conv1d(3, 32, 5, padding=2), torch.nn.ReLU(), torch.nn.MaxPool1d(2),
        torch.nn.Conv1d(32, 64, 5, padding=2), torch.nn.ReLU(), torch.nn.MaxPool1d(2),
        torch.nn.AdaptiveAvgPool1d(1), torch.nn.Flatten(),
        torch.nn.Linear(64, 6), torch.nn.Softmax(dim=1))


def cifar():
    """A small CIFAR-size network on 3×32×32: two 3×3 padded convolutions of 32 and 64 filters, each pooled."""
    return torch.nn.Sequential(
        torch.nn.Conv2d(3, 32, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Conv2d(32, 64, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Flatten(),
        torch.nn.Linear(4096, 10), torch.nn.Softmax(dim=1))


# name: (builder, input shape without the batch dimension, classes)
NETWORKS = {
    "lenet": (lenet, (1, 28, 28), 10),
    "sensor": (sensor, (3, 128), 6),
    "cifar": (cifar, (3, 32, 32), 10),
}


def build(name, seed=0):
    torch.manual_seed(seed)
    return NETWORKS[name][0]().eval()


def tensor_names(model):
    """The parameters in canonical order (weight, bias of each layer), with their nn.Sequential names."""
    return [n for n, _ in model.named_parameters()]


def write_safetensors(model, path):
    header, data, offset = {}, bytearray(), 0
    for name, tensor in model.named_parameters():
        raw = tensor.detach().contiguous().numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensor.shape), "data_offsets": [offset, offset + len(raw)]}
        data += raw
        offset += len(raw)
    encoded = json.dumps(header).encode()
    encoded += b" " * (-len(encoded) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(encoded)) + encoded + bytes(data))


def export(name):
    model = build(name)
    shape = NETWORKS[name][1]
    write_safetensors(model, os.path.join(MODELS, name + ".safetensors"))
    with open(os.path.join(MODELS, name + ".names.json"), "w") as f:
        json.dump(tensor_names(model), f)
    torch.onnx.export(
        model, torch.zeros(1, *shape), os.path.join(MODELS, name + ".onnx"),
        input_names=["input"], output_names=["output"],
        dynamic_axes={"input": {0: "rows"}, "output": {0: "rows"}}, opset_version=13)
    return model


def median_seconds(call, smoke):
    """Warms up, then times 40 blocks of calls of ~3 ms each and returns the fastest per call (the least disturbed
    block on a shared machine, as the .NET side reports)."""
    if smoke:
        call()
        start = time.perf_counter()
        call()
        return time.perf_counter() - start
    for _ in range(10):
        call()
    start, n = time.perf_counter(), 0
    while time.perf_counter() - start < 0.05:
        call()
        n += 1
    per_block = max(1, int(n * 0.003 / 0.05))
    samples = []
    for _ in range(40):
        t0 = time.perf_counter()
        for _ in range(per_block):
            call()
        samples.append((time.perf_counter() - t0) / per_block)
    return min(samples)


def bench(name, model, threads, label, smoke, results):
    torch.set_num_threads(threads)
    shape, classes = NETWORKS[name][1], NETWORKS[name][2]
    generator = torch.Generator().manual_seed(42)
    for batch in (1, 64):
        x = torch.rand(batch, *shape, generator=generator)

        def predict():
            with torch.no_grad():
                model(x)

        results[f"predict {name} {batch} {label}"] = median_seconds(predict, smoke)
    logits = torch.nn.Sequential(*list(build(name))[:-1]).train()  # softmax is fused into the loss
    optimizer = torch.optim.Adam(logits.parameters(), lr=0.001)
    loss_fn = torch.nn.CrossEntropyLoss()
    x = torch.rand(64, *shape, generator=generator)
    y = torch.arange(64) % classes

    def train():
        optimizer.zero_grad()
        loss_fn(logits(x), y).backward()
        optimizer.step()

    results[f"train {name} 64 {label}"] = median_seconds(train, smoke)


def main():
    smoke = "--smoke" in sys.argv
    os.makedirs(MODELS, exist_ok=True)
    results = {}
    for name in NETWORKS:
        model = export(name)
        for threads, label in ((1, "1"), (DEFAULT_THREADS, "default")):
            bench(name, model, threads, label, smoke, results)
        print(name, {k: f"{v * 1e6:.1f} us" for k, v in results.items() if f" {name} " in k})
    with open(os.path.join(MODELS, "pytorch.json"), "w") as f:
        json.dump({"torch": torch.__version__, "defaultThreads": DEFAULT_THREADS, "smoke": smoke, "results": results}, f, indent=1)


if __name__ == "__main__":
    main()
