#!/usr/bin/python3
"""The Fashion-MNIST CNN sample's network and protocol in PyTorch, to compare accuracy and epoch times on one machine.

Run with Debian's Python and python3-torch:  /usr/bin/python3 samples/FashionMnistCnn/pytorch_reference.py [directory] [--epochs N]

Same as Program.cs: pixels / 255 as 1×28×28 images; Conv2d(1, 16, 3, padding=1) + ReLU, MaxPool2d(2),
Conv2d(16, 32, 3, padding=1) + ReLU, MaxPool2d(2), Flatten, Linear(1568, 128) + ReLU, Dropout(0.25),
Linear(128, 10) with a softmax output trained on the cross-entropy (fused with the softmax, as the generated network
does); He-uniform weights for the ReLU layers, Xavier-uniform for the output layer, zero biases (the generator's
Init = Auto; same scheme, not the same values); Adam with torch's defaults and lr 0.001 lowered by
CosineAnnealingLR(T_max=epochs) once per epoch; batches of 64 rows in a new random order every epoch (the last batch holds
the rows that remain); after every epoch the test loss and accuracy in batches of 64, in eval() mode (no dropout).
The time of an epoch covers training and the test evaluation, as in the .NET sample. One thread, like the sample.
"""
import importlib.util
import os
import sys
import time

import torch
from torch import nn

# The Dense sample's reference reads the IDX files; load it by path, since both scripts have the same name.
_spec = importlib.util.spec_from_file_location(
    "fashion_mnist_dense_reference",
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "FashionMnist", "pytorch_reference.py"))
dense_reference = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(dense_reference)



def network():
    model = nn.Sequential(
        nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(32 * 7 * 7, 128), nn.ReLU(), nn.Dropout(0.25),
        nn.Linear(128, 10))
    for layer in model:
        if isinstance(layer, (nn.Conv2d, nn.Linear)):
            if isinstance(layer, nn.Linear) and layer.out_features == 10:
                nn.init.xavier_uniform_(layer.weight)
            else:
                nn.init.kaiming_uniform_(layer.weight, nonlinearity="relu")
            nn.init.zeros_(layer.bias)
    return model


def main():
    torch.set_num_threads(1)
    arguments = sys.argv[1:]
    epochs = 10
    if "--epochs" in arguments:
        at = arguments.index("--epochs")
        epochs = int(arguments[at + 1])
        del arguments[at:at + 2]
    directory = arguments[0] if arguments else dense_reference.DEBIAN_DIRECTORY
    train_x, train_y = dense_reference.load(directory, "train")
    test_x, test_y = dense_reference.load(directory, "t10k")
    train_x, test_x = train_x.reshape(-1, 1, 28, 28), test_x.reshape(-1, 1, 28, 28)
    torch.manual_seed(0)
    model = network()
    loss_function = nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=0.001)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=epochs)
    generator = torch.Generator().manual_seed(0)
    batch = 64
    print(f"PyTorch {torch.__version__}, {torch.get_num_threads()} thread(s); {len(train_x)} training and {len(test_x)} test images")
    seconds = []
    for epoch in range(1, epochs + 1):
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
        print(f"epoch {epoch:3}/{epochs}  loss {loss_sum / len(train_x):.4f}  val loss {test_loss / len(test_x):.4f}"
              f"  val acc {correct / len(test_x):.4f}  {seconds[-1]:6.2f} s", flush=True)
    print("Seconds per epoch (training + test evaluation): " + " ".join(f"{s:.2f}" for s in seconds))
    print(f"Mean seconds per epoch: {sum(seconds) / len(seconds):.2f}; test accuracy after {epochs} epochs: {correct / len(test_x):.4f}")


if __name__ == "__main__":
    main()
