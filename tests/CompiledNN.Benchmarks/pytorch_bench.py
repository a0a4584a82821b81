"""PyTorch's side of the peer comparison, with the protocol of the .NET benchmarks: the same shapes, weights
(models/<shape>.params.bin from export_onnx.py), batch sizes and work (predict = forward with softmax under no_grad;
train = zero_grad, forward, cross-entropy, backward, one Adam step), one thread, warm-up first, then the median of
many timed calls. Writes models/pytorch.json: {"<work>": seconds per call}.

Run with Debian's interpreter (python3-torch, OpenBLAS): OMP_NUM_THREADS=1 /usr/bin/python3 pytorch_bench.py
"""
import json
import os
import statistics
import time

import numpy as np
import torch

from export_onnx import MODELS, SHAPES, build

torch.set_num_threads(1)


def load(shape):
    model = build(shape)
    flat = torch.from_numpy(np.fromfile(os.path.join(MODELS, shape + ".params.bin"), dtype="<f4"))
    offset = 0
    with torch.no_grad():
        for module in model:
            if isinstance(module, torch.nn.Linear):
                for tensor in (module.weight, module.bias):
                    tensor.copy_(flat[offset:offset + tensor.numel()].view_as(tensor))
                    offset += tensor.numel()
    return model


def median_seconds(call, min_time=0.2):
    """Warms up, then times batches of calls lasting ~min_time/10 each and returns the median per call."""
    for _ in range(20):
        call()
    start = time.perf_counter()
    n = 0
    while time.perf_counter() - start < 0.05:
        call()
        n += 1
    per_batch = max(1, int(n * (min_time / 10) / 0.05))
    samples = []
    for _ in range(15):
        t0 = time.perf_counter()
        for _ in range(per_batch):
            call()
        samples.append((time.perf_counter() - t0) / per_batch)
    return statistics.median(samples)


def main():
    results = {}
    for shape in SHAPES:
        sizes = [int(s) for s in shape.split("-")]
        model = load(shape)
        for batch in (1, 64):
            x = torch.rand(batch, sizes[0])

            def predict():
                with torch.no_grad():
                    model(x)

            results[f"predict {shape} {batch}"] = median_seconds(predict)
        logits = torch.nn.Sequential(*list(load(shape))[:-1]).train()  # softmax is fused into the loss
        optimizer = torch.optim.Adam(logits.parameters(), lr=0.001)
        loss_fn = torch.nn.CrossEntropyLoss()
        for batch in (1, 32, 128):
            x = torch.rand(batch, sizes[0])
            y = torch.arange(batch) % sizes[-1]

            def train():
                optimizer.zero_grad()
                loss_fn(logits(x), y).backward()
                optimizer.step()

            results[f"train {shape} {batch}"] = median_seconds(train)
        print(shape, {k: f"{v * 1e6:.1f} us" for k, v in results.items() if shape in k})
    with open(os.path.join(MODELS, "pytorch.json"), "w") as f:
        json.dump({"torch": torch.__version__, "threads": torch.get_num_threads(), "results": results}, f, indent=1)


if __name__ == "__main__":
    main()
