#!/usr/bin/python3
"""The Fashion-MNIST sample's network and protocol in PyTorch, to compare epoch times on the same machine.

Run with Debian's Python and python3-torch:  /usr/bin/python3 samples/FashionMnist/pytorch_reference.py [directory]

Same as Program.cs: pixels / 255; 784-256-128-10 with ReLU and a softmax output trained on the cross-entropy
(fused with the softmax, as the generated network does); He-uniform weights for the ReLU layers, Xavier-uniform
for the output layer, zero biases (the generator's Init = Auto; same scheme, not the same values); Adam with
torch's defaults and lr 0.001 lowered by CosineAnnealingLR(T_max=10) once per epoch; batches of 64 rows in a new
random order every epoch (the last batch holds the rows that remain); after every epoch the test loss and accuracy
in batches of 64. The time of an epoch covers training and the test evaluation, as in the .NET sample.
"""
import gzip
import os
import struct
import sys
import time

import numpy as np
import torch
from torch import nn

DEBIAN_DIRECTORY = "/usr/share/datasets/fashion-mnist"


def read_idx(path):
    opener = gzip.open if open(path, "rb").read(2) == b"\x1f\x8b" else open
    with opener(path, "rb") as f:
        data = f.read()
    zero, type_code, rank = struct.unpack(">HBB", data[:4])
    if zero != 0 or type_code != 0x08:
        raise ValueError(f"{path}: not an unsigned-byte IDX file")
    dims = struct.unpack(">" + "I" * rank, data[4:4 + 4 * rank])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * rank).reshape(dims)


def find(directory, name):
    for candidate in (name + ".gz", name):
        path = os.path.join(directory, candidate)
        if os.path.exists(path):
            return path
    sys.exit(f"{name}[.gz] is not in {directory}: sudo apt-get install dataset-fashion-mnist, or pass the directory")


def load(directory, prefix):
    images = read_idx(find(directory, f"{prefix}-images-idx3-ubyte"))
    labels = read_idx(find(directory, f"{prefix}-labels-idx1-ubyte"))
    features = torch.from_numpy(images.reshape(len(images), -1).astype(np.float32)) / 255.0
    return features, torch.from_numpy(labels.astype(np.int64))


def main():
    directory = sys.argv[1] if len(sys.argv) > 1 else DEBIAN_DIRECTORY
    train_x, train_y = load(directory, "train")
    test_x, test_y = load(directory, "t10k")
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))
    for layer in model:
        if isinstance(layer, nn.Linear):
            if layer.out_features == 10:
                nn.init.xavier_uniform_(layer.weight)
            else:
                nn.init.kaiming_uniform_(layer.weight, nonlinearity="relu")
            nn.init.zeros_(layer.bias)
    loss_function = nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=0.001)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=10)
    generator = torch.Generator().manual_seed(0)
    batch = 64
    print(f"PyTorch {torch.__version__}, {torch.get_num_threads()} threads; {len(train_x)} training and {len(test_x)} test images")
    seconds = []
    for epoch in range(1, 11):
        start = time.perf_counter()
        model.train()
        order = torch.randperm(len(train_x), generator=generator)
        loss_sum = 0.0
        for first in range(0, len(order), batch):
            rows = order[first:first + batch]
            inputs, targets = train_x[rows], train_y[rows]
            optimizer.zero_grad()
            loss = loss_function(model(inputs), targets)
            loss.backward()
            optimizer.step()
            loss_sum += loss.item() * len(rows)
        scheduler.step()
        model.eval()
        test_loss, correct = 0.0, 0
        with torch.no_grad():
            for first in range(0, len(test_x), batch):
                logits = model(test_x[first:first + batch])
                targets = test_y[first:first + batch]
                test_loss += loss_function(logits, targets).item() * len(targets)
                correct += (logits.argmax(dim=1) == targets).sum().item()
        seconds.append(time.perf_counter() - start)
        print(f"epoch {epoch:3}/10  loss {loss_sum / len(train_x):.4f}  val loss {test_loss / len(test_x):.4f}"
              f"  val acc {correct / len(test_x):.4f}  {seconds[-1]:6.2f} s", flush=True)
    print("Seconds per epoch (training + test evaluation): " + " ".join(f"{s:.2f}" for s in seconds))
    print(f"Mean seconds per epoch: {sum(seconds) / len(seconds):.2f}; test accuracy after 10 epochs: {correct / len(test_x):.4f}")


if __name__ == "__main__":
    main()
