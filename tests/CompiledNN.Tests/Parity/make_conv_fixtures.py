#!/usr/bin/python3
"""Writes the PyTorch parity fixtures of CompiledNN's convolutional networks.

Run with Debian's Python and python3-torch (1.13), from anywhere:

    /usr/bin/python3 tests/CompiledNN.Tests/Parity/make_conv_fixtures.py [NAME ...]

For every network in NETWORKS (declared identically in Convolutions/ConvolutionParityNetworks.cs) it writes
ConvolutionFixtures/<Name>.json: the initial parameters in CompiledNN's canonical order (each layer's weight as
PyTorch holds it, [filters, channels, k(, k)] or [units, inputs], then its bias), a batch of inputs and targets,
the forward outputs, the mean loss and gradient, the initial state_dict as ConvolutionFixtures/<Name>.safetensors
(PyTorch's own names and shapes, written by hand in the safetensors layout as make_torch_fixtures.py does), the parameters after each of 8 TrainBatch steps and after one
TrainStep per row, and, for Backward, random output gradients with the parameter gradient they give. The losses,
optimizers and float formatting are make_fixtures.py's.
"""

import json
import os
import struct
import warnings
import sys

import numpy as np
import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_fixtures import STEPS, activation_module, floats, loss_function, make_optimizer, random_targets, resolve  # noqa: E402

warnings.filterwarnings("ignore", message="Lazy modules")  # nn.LazyLinear only sizes the dense layers here
FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ConvolutionFixtures")

# name: input shape, layers as (kind, arguments), options as in the [Network] attribute, batch rows, seed.
# Kinds: ("conv", filters, k, activation, dict(stride, padding, dilation, alpha)), ("maxpool"/"avgpool", size, stride),
# ("gap",), ("flatten",), ("dense", units, activation, alpha). A dense layer after a multi-dimensional shape flattens it.
NETWORKS = {
    "ImageSgdCrossEntropy": dict(
        input=(2, 9, 9),
        layers=[("conv", 4, 3, "ReLU", dict(stride=2, padding=1)), ("maxpool", 2, 2), ("flatten",), ("dense", 3, "Softmax", None)],
        options=dict(Optimizer="Sgd", LearningRate=0.05), rows=6, seed=41),
    "SignalAdamMse": dict(
        input=(3, 20),
        layers=[("conv", 5, 3, "Tanh", dict(dilation=2, padding=2)), ("avgpool", 2, 2), ("conv", 4, 3, "ELU", dict(stride=2)),
                ("gap",), ("dense", 2, "Identity", None)],
        options=dict(Optimizer="Adam", LearningRate=0.01), rows=5, seed=42),
    "DilatedImageMomentumBce": dict(
        input=(1, 8, 8),
        layers=[("conv", 3, 3, "LeakyReLU", dict(dilation=2, alpha=0.1)), ("avgpool", 2, 1), ("dense", 4, "Sigmoid", None)],
        options=dict(Optimizer="Momentum", LearningRate=0.03), rows=7, seed=43),
    "OverlappingMaxPoolRmsProp": dict(
        input=(2, 16),
        layers=[("conv", 3, 4, "ReLU", dict()), ("maxpool", 3, 2), ("flatten",), ("dense", 5, "ReLU", None), ("dense", 3, "Softmax", None)],
        options=dict(Optimizer="RMSProp", LearningRate=0.005), rows=6, seed=44),
    "TwoConvAdamWCrossEntropy": dict(
        input=(3, 10, 10),
        layers=[("conv", 6, 3, "ReLU", dict(padding=1)), ("maxpool", 2, 2), ("conv", 8, 3, "GELU", dict()), ("gap",),
                ("dense", 4, "Softmax", None)],
        options=dict(Optimizer="AdamW", LearningRate=0.01), rows=5, seed=45),
}


class Network(nn.Module):
    """The layers of the [Network] class; forward returns the logits (the output layer's z) and the outputs."""

    def __init__(self, shape, layers):
        super().__init__()
        self.steps = nn.ModuleList()
        self.learned = []
        two_d = len(shape) == 3
        channels = shape[0]
        size = int(np.prod(shape))
        for layer in layers:
            kind = layer[0]
            if kind == "conv":
                _, filters, k, activation, o = layer
                conv = (nn.Conv2d if two_d else nn.Conv1d)(
                    channels, filters, k, stride=o.get("stride", 1), padding=o.get("padding", 0), dilation=o.get("dilation", 1))
                self.steps.append(nn.Sequential(conv, activation_module(activation, o.get("alpha"))))
                self.learned.append(conv)
                channels = filters
            elif kind in ("maxpool", "avgpool"):
                _, k, stride = layer
                pool = {("maxpool", True): nn.MaxPool2d, ("maxpool", False): nn.MaxPool1d,
                        ("avgpool", True): nn.AvgPool2d, ("avgpool", False): nn.AvgPool1d}[(kind, two_d)]
                self.steps.append(pool(k, stride))
            elif kind == "gap":
                self.steps.append(nn.Sequential(nn.AdaptiveAvgPool2d(1) if two_d else nn.AdaptiveAvgPool1d(1), nn.Flatten()))
            elif kind == "flatten":
                self.steps.append(nn.Flatten())
            else:
                _, units, activation, alpha = layer
                self.steps.append(nn.Sequential(nn.Flatten(), nn.LazyLinear(units), activation_module(activation, alpha)))
        with torch.no_grad():
            self(torch.zeros(1, *shape))  # materialises the lazy linears' input sizes
        self.learned = []
        for step in self.steps:
            for module in step.modules():
                if isinstance(module, (nn.Conv1d, nn.Conv2d, nn.Linear)):
                    self.learned.append(module)

    def forward(self, x):
        z = None
        for step in self.steps:
            if isinstance(step, nn.Sequential) and isinstance(step[-1], (nn.Identity, nn.Sigmoid, nn.Tanh, nn.ReLU, nn.LeakyReLU,
                                                                           nn.Softplus, nn.ELU, nn.Softmax, nn.GELU, nn.SiLU, nn.Mish)):
                for module in step[:-1]:
                    x = module(x)
                z = x
                x = step[-1](x)
            else:
                x = step(x)
        return z, x

    def canonical(self):
        return torch.cat([t.detach().reshape(-1) for m in self.learned for t in (m.weight, m.bias)])

    def canonical_gradient(self):
        return torch.cat([t.grad.reshape(-1) for m in self.learned for t in (m.weight, m.bias)])

    def load_canonical(self, flat):
        with torch.no_grad():
            at = 0
            for m in self.learned:
                for t in (m.weight, m.bias):
                    t.copy_(flat[at:at + t.numel()].reshape(t.shape))
                    at += t.numel()


def write_safetensors(path, net):
    """The learned layers' state_dict (weight then bias of each, canonical order); returns the tensor names."""
    state = [(key, tensor.detach().contiguous()) for key, tensor in net.state_dict().items()]
    header, data, offset = {"__metadata__": {"format": "pt"}}, b"", 0
    for key, tensor in state:
        raw = struct.pack("<%df" % tensor.numel(), *tensor.flatten().tolist())
        header[key] = {"dtype": "F32", "shape": list(tensor.shape), "data_offsets": [offset, offset + len(raw)]}
        data += raw
        offset += len(raw)
    header_bytes = json.dumps(header, separators=(",", ":")).encode()
    header_bytes += b" " * (-len(header_bytes) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(header_bytes)) + header_bytes + data)
    return [key for key, _ in state]


def train(net, h, batches, initial):
    net.load_canonical(initial)
    optimizer = make_optimizer(net.parameters(), h)
    losses, parameters = [], []
    for x, t in batches:
        optimizer.zero_grad()
        logits, outputs = net(x)
        loss = loss_function(h, logits, outputs, t)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
        parameters.append(floats(net.canonical()))
    return losses, parameters


def fixture(name, spec):
    torch.manual_seed(spec["seed"])
    generator = torch.Generator().manual_seed(1000 + spec["seed"])
    output_activation = spec["layers"][-1][2]
    h = resolve(spec["options"], output_activation)
    net = Network(spec["input"], spec["layers"])
    with torch.no_grad():
        for m in net.learned:
            m.bias.uniform_(-0.3, 0.3)  # non-zero biases test the bias path (a new CompiledNN network starts at 0)
    initial = net.canonical().clone()

    rows, units = spec["rows"], spec["layers"][-1][1]
    x = torch.randn(rows, *spec["input"], generator=generator)
    t = random_targets(h["loss"], output_activation, rows, units, generator)

    with torch.no_grad():
        _, outputs = net(x)
    net.load_canonical(initial)
    net.zero_grad()
    logits, out = net(x)
    loss = loss_function(h, logits, out, t)
    loss.backward()
    gradient = net.canonical_gradient().clone()

    # Backward: the parameter gradient of sum over rows of <g_row, output_row>.
    g = torch.randn(rows, units, generator=generator)
    net.zero_grad()
    _, out = net(x)
    (out * g).sum().backward()
    backward_gradient = net.canonical_gradient().clone()

    net.load_canonical(initial)
    names = write_safetensors(os.path.join(FIXTURES, name + ".safetensors"), net)
    step_losses, steps = train(net, h, [(x, t)] * STEPS, initial)
    row_losses, row_steps = train(net, h, [(x[i:i + 1], t[i:i + 1]) for i in range(rows)], initial)
    return dict(
        name=name,
        torch=torch.__version__,
        inputShape=list(spec["input"]),
        options=spec["options"],
        hyperparameters=h,
        rows=rows,
        parameterCount=int(initial.numel()),
        tensorNames=names,
        initialParameters=floats(initial),
        inputs=floats(x),
        targets=floats(t),
        outputs=floats(outputs),
        meanLoss=loss.item(),
        gradient=floats(gradient),
        outputGradients=floats(g),
        backwardGradient=floats(backward_gradient),
        stepLosses=step_losses,
        parametersAfterSteps=steps,
        rowStepLosses=row_losses,
        parametersAfterRowSteps=row_steps[-1],
    )


def main():
    torch.set_num_threads(1)
    os.makedirs(FIXTURES, exist_ok=True)
    for name in sys.argv[1:] or list(NETWORKS):
        path = os.path.join(FIXTURES, name + ".json")
        result = fixture(name, NETWORKS[name])
        with open(path, "w", encoding="utf-8") as f:
            f.write("{\n" + ",\n".join(f" {json.dumps(k)}: {json.dumps(v)}" for k, v in result.items()) + "\n}\n")
        print(f"wrote {os.path.relpath(path)}")


if __name__ == "__main__":
    main()
