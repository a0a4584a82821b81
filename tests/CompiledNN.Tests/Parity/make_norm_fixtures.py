#!/usr/bin/python3
"""Writes the PyTorch parity fixtures of CompiledNN's [BatchNorm] and [LayerNorm] networks.

Run with Debian's Python and python3-torch (1.13), from anywhere:

    /usr/bin/python3 tests/CompiledNN.Tests/Parity/make_norm_fixtures.py [NAME ...]

For every network in NETWORKS (declared identically in Normalization/NormalizationParityNetworks.cs) it writes
NormalizationFixtures/<Name>.json: the initial parameters in CompiledNN's canonical order (each learned module's
weight, then its bias: nn.Linear, nn.Conv*, and a normalisation's γ then β), the initial buffers (each BatchNorm's
running mean, then running var, drawn away from PyTorch's 0 and 1 so that eval() is tested), a batch of inputs and
targets, the eval() outputs and loss (Predict, PredictBatch, ComputeLoss), the train() loss, gradient and Backward
gradient, the parameters and buffers after each of 8 TrainBatch steps and, for a network without BatchNorm (which
refuses a batch of one in training, as PyTorch does), after one TrainStep per row. It also writes the initial
state_dict as NormalizationFixtures/<Name>.safetensors with PyTorch's names for an nn.Sequential of the layers
(num_batches_tracked included, as int64). The losses, optimizers and float formatting are make_fixtures.py's.
"""

import json
import os
import struct
import sys
import warnings

import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_conv_fixtures import Network as ConvolutionNetwork  # noqa: E402
from make_fixtures import STEPS, activation_module, floats, loss_function, make_optimizer, random_targets, resolve  # noqa: E402

warnings.filterwarnings("ignore", message="Lazy modules")  # nn.LazyLinear only sizes the dense layers here
FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "NormalizationFixtures")

# name: input shape, layers as (kind, arguments), options as in the [Network] attribute, batch rows, seed.
# Kinds: ("dense", units, activation), ("batchnorm", activation, dict(momentum, eps)), ("layernorm", activation,
# dict(eps)), ("conv", filters, k, activation), ("maxpool", size). A dense layer after channels flattens them.
NETWORKS = {
    "DenseBatchNormSgdMse": dict(
        input=(5,), layers=[("dense", 8, "Identity"), ("batchnorm", "ReLU", dict()), ("dense", 3, "Identity")],
        options=dict(Optimizer="Sgd", LearningRate=0.05), rows=6, seed=51),
    "DenseBatchNormAdamMse": dict(
        input=(5,), layers=[("dense", 8, "Identity"), ("batchnorm", "ReLU", dict(momentum=0.25, eps=1e-3)), ("dense", 3, "Identity")],
        # The dense bias before a BatchNorm has a gradient of rounding noise (the batch mean removes it), which Adam's
        # default ε of 1e-8 would turn into whole steps of either sign; a larger ε keeps such noise out of the comparison.
        options=dict(Optimizer="Adam", LearningRate=0.01, Epsilon=1e-3), rows=7, seed=52),
    "DenseLayerNormGeluAdamCrossEntropy": dict(
        input=(6,), layers=[("dense", 10, "Identity"), ("layernorm", "GELU", dict()), ("dense", 4, "Softmax")],
        options=dict(Optimizer="Adam", LearningRate=0.01), rows=6, seed=53),
    "ImageBatchNormMaxPoolMomentumCrossEntropy": dict(
        input=(2, 8, 8), layers=[("conv", 4, 3, "Identity"), ("batchnorm", "ReLU", dict()), ("maxpool", 2), ("dense", 3, "Softmax")],
        options=dict(Optimizer="Momentum", LearningRate=0.03), rows=5, seed=54),
    "SignalBatchNormAdamMse": dict(
        input=(3, 12), layers=[("conv", 4, 3, "Tanh"), ("batchnorm", "Identity", dict()), ("dense", 2, "Identity")],
        options=dict(Optimizer="Adam", LearningRate=0.01), rows=4, seed=55),
}

f32 = lambda v: float(torch.tensor(v, dtype=torch.float32))  # the C# attribute holds float32 values


class Network(ConvolutionNetwork):
    """The layers of the [Network] class; forward, canonical and canonical_gradient are make_conv_fixtures.py's."""

    def __init__(self, shape, layers):
        nn.Module.__init__(self)
        self.steps = nn.ModuleList()
        self.flattens = set()  # the dense steps after channels, whose nn.Flatten an nn.Sequential needs
        x = torch.zeros(2, *shape)
        for layer in layers:
            kind = layer[0]
            if kind == "dense":
                if x.dim() > 2:
                    self.flattens.add(len(self.steps))
                step = nn.Sequential(nn.Flatten(), nn.LazyLinear(layer[1]), activation_module(layer[2], None))
            elif kind == "conv":
                step = nn.Sequential((nn.Conv2d if x.dim() == 4 else nn.Conv1d)(x.shape[1], layer[1], layer[2]), activation_module(layer[3], None))
            elif kind == "maxpool":
                step = (nn.MaxPool2d if x.dim() == 4 else nn.MaxPool1d)(layer[1])
            elif kind == "batchnorm":
                o = layer[2]
                norm = (nn.BatchNorm2d if x.dim() == 4 else nn.BatchNorm1d)(x.shape[1], eps=f32(o.get("eps", 1e-5)), momentum=f32(o.get("momentum", 0.1)))
                step = nn.Sequential(norm, activation_module(layer[1], None))
            else:
                step = nn.Sequential(nn.LayerNorm(x.shape[1], eps=f32(layer[2].get("eps", 1e-5))), activation_module(layer[1], None))
            self.steps.append(step)
            with torch.no_grad():
                x = step.eval()(x)
        self.learned = [m for m in self.modules() if isinstance(m, (nn.Linear, nn.Conv1d, nn.Conv2d, nn.BatchNorm1d, nn.BatchNorm2d, nn.LayerNorm))]
        self.norms = [m for m in self.learned if isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d))]
        self.train()

    def buffers_flat(self):
        return torch.cat([t.detach().reshape(-1) for m in self.norms for t in (m.running_mean, m.running_var)] or [torch.zeros(0)])

    def load(self, flat, buffers):
        self.load_canonical(flat)
        with torch.no_grad():
            at = 0
            for m in self.norms:
                for t in (m.running_mean, m.running_var):
                    t.copy_(buffers[at:at + t.numel()])
                    at += t.numel()


def sequential_state(net):
    """The state_dict of the same layers as one nn.Sequential (layer, activation, layer, …), as users export it."""
    modules = []
    for i, step in enumerate(net.steps):
        parts = list(step) if isinstance(step, nn.Sequential) else [step]
        modules += [m for m in parts if not isinstance(m, nn.Identity) and (i in net.flattens or not isinstance(m, nn.Flatten))]
    return nn.Sequential(*modules).state_dict()


def write_safetensors(path, net):
    """The initial state_dict with its nn.Sequential names; returns the tensor names."""
    header, data, offset = {"__metadata__": {"format": "pt"}}, b"", 0
    names = []
    for key, tensor in sequential_state(net).items():
        if tensor.dtype == torch.int64:
            raw, dtype = struct.pack("<%dq" % tensor.numel(), *tensor.flatten().tolist()), "I64"
        else:
            raw, dtype = struct.pack("<%df" % tensor.numel(), *tensor.flatten().tolist()), "F32"
        header[key] = {"dtype": dtype, "shape": list(tensor.shape), "data_offsets": [offset, offset + len(raw)]}
        data += raw
        offset += len(raw)
        names.append(key)
    header_bytes = json.dumps(header, separators=(",", ":")).encode()
    header_bytes += b" " * (-len(header_bytes) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(header_bytes)) + header_bytes + data)
    return names


def train(net, h, batches, initial, buffers):
    net.load(initial, buffers)
    net.train()
    optimizer = make_optimizer(net.parameters(), h)
    losses, parameters, running = [], [], []
    for x, t in batches:
        optimizer.zero_grad()
        logits, outputs = net(x)
        loss = loss_function(h, logits, outputs, t)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
        parameters.append(floats(net.canonical()))
        running.append(floats(net.buffers_flat()))
    return losses, parameters, running


def fixture(name, spec):
    torch.manual_seed(spec["seed"])
    generator = torch.Generator().manual_seed(1000 + spec["seed"])
    output_activation = spec["layers"][-1][2]
    h = resolve(spec["options"], output_activation)
    net = Network(spec["input"], spec["layers"])
    with torch.no_grad():
        for m in net.learned:
            if isinstance(m, (nn.Linear, nn.Conv1d, nn.Conv2d)):
                m.bias.uniform_(-0.3, 0.3)  # non-zero biases test the bias path (a new CompiledNN network starts at 0)
            else:
                m.weight.uniform_(0.5, 1.5)  # γ and β away from 1 and 0
                m.bias.uniform_(-0.3, 0.3)
        for m in net.norms:
            m.running_mean.normal_(0, 0.3)
            m.running_var.uniform_(0.5, 1.5)
    initial = net.canonical().clone()
    buffers = net.buffers_flat().clone()
    names = write_safetensors(os.path.join(FIXTURES, name + ".safetensors"), net)

    rows, units = spec["rows"], spec["layers"][-1][1]
    x = torch.randn(rows, *spec["input"], generator=generator)
    t = random_targets(h["loss"], output_activation, rows, units, generator)

    net.eval()
    with torch.no_grad():
        logits, outputs = net(x)
        eval_loss = loss_function(h, logits, outputs, t).item()

    net.load(initial, buffers)
    net.train()
    net.zero_grad()
    logits, out = net(x)
    loss = loss_function(h, logits, out, t)
    loss.backward()
    gradient = net.canonical_gradient().clone()

    # Backward: the parameter gradient of sum over rows of <g_row, output_row>, in train() as CompiledNN's Backward.
    g = torch.randn(rows, units, generator=generator)
    net.load(initial, buffers)
    net.zero_grad()
    _, out = net(x)
    (out * g).sum().backward()
    backward_gradient = net.canonical_gradient().clone()

    step_losses, steps, step_buffers = train(net, h, [(x, t)] * STEPS, initial, buffers)
    result = dict(
        name=name,
        torch=torch.__version__,
        inputShape=list(spec["input"]),
        options=spec["options"],
        hyperparameters=h,
        rows=rows,
        parameterCount=int(initial.numel()),
        bufferCount=int(buffers.numel()),
        tensorNames=names,
        initialParameters=floats(initial),
        initialBuffers=floats(buffers),
        inputs=floats(x),
        targets=floats(t),
        outputs=floats(outputs),
        evalLoss=eval_loss,
        meanLoss=loss.item(),
        gradient=floats(gradient),
        outputGradients=floats(g),
        backwardGradient=floats(backward_gradient),
        stepLosses=step_losses,
        parametersAfterSteps=steps,
        buffersAfterSteps=step_buffers,
    )
    if not net.norms:
        row_losses, row_steps, _ = train(net, h, [(x[i:i + 1], t[i:i + 1]) for i in range(rows)], initial, buffers)
        result.update(rowStepLosses=row_losses, parametersAfterRowSteps=row_steps[-1])
    return result


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
