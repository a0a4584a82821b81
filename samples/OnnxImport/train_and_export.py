#!/usr/bin/python3
"""Trains a small Iris classifier in PyTorch and exports it to ONNX (run with Debian's /usr/bin/python3, python3-torch).

Writes iris.onnx (Linear(4, 16), BatchNorm1d, ReLU, Dropout, Linear(16, 3), Softmax; opset 13, dynamic batch axis)
and expected.txt: for each of the 150 flowers of samples/Iris/data/iris.csv, the four measurements and the three
class probabilities PyTorch computes in eval() mode, which the compiled C# program must reproduce to 1e-5.
"""
import csv
import os

import torch

here = os.path.dirname(os.path.abspath(__file__))
torch.manual_seed(1)
classes = ["setosa", "versicolor", "virginica"]
with open(os.path.join(here, "..", "Iris", "data", "iris.csv")) as f:
    rows = list(csv.DictReader(f))
x = torch.tensor([[float(r[k]) for k in ("sepal_length", "sepal_width", "petal_length", "petal_width")] for r in rows])
y = torch.tensor([classes.index(r["species"]) for r in rows])

model = torch.nn.Sequential(
    torch.nn.Linear(4, 16), torch.nn.BatchNorm1d(16), torch.nn.ReLU(), torch.nn.Dropout(0.1),
    torch.nn.Linear(16, 3), torch.nn.Softmax(dim=1))
optimizer = torch.optim.Adam(model.parameters(), lr=0.02)
for epoch in range(300):
    model.train()
    for batch in torch.randperm(len(x)).split(16):
        # Cross-entropy on the softmax output: the negative log of the true class's probability.
        loss = -torch.log(model(x[batch])[torch.arange(len(batch)), y[batch]] + 1e-12).mean()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()

model.eval()
torch.onnx.export(model, x[:2], os.path.join(here, "iris.onnx"), opset_version=13, input_names=["input"],
                  output_names=["output"], dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}})
with torch.no_grad():
    probabilities = model(x)
accuracy = (probabilities.argmax(dim=1) == y).float().mean().item()
with open(os.path.join(here, "expected.txt"), "w", newline="\n") as f:
    for features, p in zip(x.tolist(), probabilities.tolist()):
        f.write(" ".join("%.9g" % v for v in features + p) + "\n")
print("training accuracy %.3f" % accuracy)
