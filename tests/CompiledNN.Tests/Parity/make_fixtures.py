#!/usr/bin/python3
"""Writes the PyTorch parity fixtures of CompiledNN's training code.

Run with Debian's Python and python3-torch (1.13), from anywhere:

    /usr/bin/python3 tests/CompiledNN.Tests/Parity/make_fixtures.py [NAME ...]

For every network in NETWORKS (declared identically as a [Network] class in ParityNetworks.cs) it writes
Fixtures/<Name>.json: the initial parameters in CompiledNN's canonical order (per layer nn.Linear.weight
[units, inputs] row-major, then bias), a batch of inputs and targets, the forward outputs, the mean loss and
mean gradient, the mean loss before and the parameters after each of 8 optimizer steps on the whole batch
(TrainBatch), then after 2 more steps at half the learning rate and 2 more after a ResetOptimizer, and the
parameters after one TrainStep per row in order. Softmax networks also get class-index targets and the loss,
gradient and 8 steps for them. Everything is computed in float32, like the generated C#; every float is
written as the repr of the float64 that equals the float32 value, so C# reads back exactly the same float.
"""

import copy
import json
import os
import sys

import numpy as np
import torch
from torch import nn

STEPS = 8
FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "Fixtures")

# name: input size, layers (units, activation, alpha or None), options as written in the [Network] attribute of
# ParityNetworks.cs (only those set explicitly; the rest take CompiledNN's defaults, resolved below), batch rows, seed,
# and optionally the scale of the inputs (standard normal otherwise) and dropouts: {k: rate} puts nn.Dropout(rate) after
# layer k (0-based; -1 on the inputs), as [Dropout(rate)] after the k-th [Dense]. Dropout networks are compared at
# rate 0, where PyTorch's training-mode dropout is the identity; DropoutTests checks the masks themselves.
# Together they cover every activation, every loss and every optimizer, weight decay on SGD, Momentum, Nesterov,
# AdaGrad, RMSProp and Adam, non-default hyperparameters, default ones, both code shapes, up to three hidden layers.
NETWORKS = {
    "SgdMse": dict(
        inputs=5, layers=[(7, "Tanh", None), (3, "Sigmoid", None), (2, "Identity", None)],
        options=dict(Optimizer="Sgd", LearningRate=0.05), rows=7, seed=1),
    "SgdWeightDecayMse": dict(
        inputs=4, layers=[(5, "ELU", 1.5), (3, "ReLU", None), (2, "Identity", None)],
        options=dict(Optimizer="Sgd", LearningRate=0.1, WeightDecay=0.1), rows=9, seed=2),
    "MomentumBce": dict(
        inputs=3, layers=[(9, "LeakyReLU", 0.2), (5, "Softplus", None), (3, "Sigmoid", None)],
        options=dict(Optimizer="Momentum", LearningRate=0.03, Momentum=0.8, WeightDecay=0.02), rows=5, seed=3),
    "NesterovCrossEntropy": dict(
        inputs=6, layers=[(5, "ELU", 0.7), (7, "ReLU", None), (4, "Softmax", None)],
        options=dict(Optimizer="Nesterov", LearningRate=0.02, WeightDecay=0.01), rows=7, seed=4),
    "AdaGradSoftmaxMse": dict(
        inputs=4, layers=[(7, "Sigmoid", None), (5, "Tanh", None), (3, "Softmax", None)],
        options=dict(Loss="MeanSquaredError", Optimizer="AdaGrad", LearningRate=0.05), rows=6, seed=5),
    "AdaGradWeightDecayBce": dict(
        inputs=5, layers=[(6, "Softplus", None), (4, "ELU", None), (1, "Sigmoid", None)],
        options=dict(Optimizer="AdaGrad", WeightDecay=0.03, Epsilon=1e-6), rows=8, seed=6),
    "RmsPropTanhMse": dict(
        inputs=7, layers=[(3, "Softplus", None), (5, "LeakyReLU", None), (1, "Tanh", None)],
        options=dict(Optimizer="RMSProp", LearningRate=0.01, Rho=0.9, Epsilon=1e-6, WeightDecay=0.01), rows=5, seed=7),
    "RmsPropSigmoidMse": dict(
        inputs=3, layers=[(4, "Tanh", None), (6, "ReLU", None), (3, "Sigmoid", None)],
        options=dict(Loss="MeanSquaredError", Optimizer="RMSProp"), rows=7, seed=8),
    "AdamWeightDecayCrossEntropy": dict(
        inputs=5, layers=[(11, "ReLU", None), (6, "ELU", None), (3, "Softmax", None)],
        options=dict(Optimizer="Adam", LearningRate=0.01, Beta1=0.8, Beta2=0.99, WeightDecay=0.05), rows=9, seed=9),
    "AdamDefaults": dict(
        inputs=2, layers=[(3, "Tanh", None), (3, "Sigmoid", None), (2, "Softmax", None)],
        options=dict(), rows=4, seed=10),
    "AdamWBce": dict(
        inputs=3, layers=[(8, "Tanh", None), (5, "Sigmoid", None), (2, "Sigmoid", None)],
        options=dict(Optimizer="AdamW", LearningRate=0.01, Beta2=0.95), rows=6, seed=11),
    "AdamWDecayVectorized": dict(
        inputs=9, layers=[(13, "LeakyReLU", 0.05), (11, "Softplus", None), (5, "Identity", None)],
        options=dict(Optimizer="AdamW", LearningRate=0.005, WeightDecay=0.1, Epsilon=1e-7, CodeShape="Vectorized"),
        rows=11, seed=12),
    "LargeMomentumCrossEntropy": dict(
        inputs=33, layers=[(32, "ReLU", None), (7, "Tanh", None), (5, "Softmax", None)],
        options=dict(Optimizer="Momentum", LearningRate=0.05), rows=13, seed=13),
    "LargeAdamMse": dict(
        inputs=35, layers=[(31, "ELU", None), (9, "Sigmoid", None), (3, "Identity", None)],
        options=dict(Optimizer="Adam", LearningRate=0.003), rows=10, seed=14),
    # No hidden layer and one hidden layer, with every option of the optimizer left at its default.
    "NoHiddenLayerSgdDefaults": dict(
        inputs=6, layers=[(4, "Softmax", None)],
        options=dict(Optimizer="Sgd"), rows=5, seed=18),
    "OneHiddenLayerAdamWDefaults": dict(
        inputs=3, layers=[(5, "Sigmoid", None), (2, "Sigmoid", None)],
        options=dict(Optimizer="AdamW"), rows=7, seed=19),
    # Inputs scaled by 40: logits in the tens and hundreds, where only a stable log-sum-exp / log-sigmoid stays finite,
    # and Softplus pre-activations above 20, where PyTorch returns the input itself.
    "SaturatedSoftplusCrossEntropy": dict(
        inputs=4, layers=[(5, "Softplus", None), (5, "ReLU", None), (3, "Softmax", None)],
        options=dict(Optimizer="Adam", LearningRate=0.01), rows=6, seed=22, scale=100),
    "SaturatedLeakyReLUBce": dict(
        inputs=3, layers=[(7, "LeakyReLU", None), (5, "ELU", None), (2, "Sigmoid", None)],
        options=dict(Optimizer="Momentum", LearningRate=0.001), rows=6, seed=21, scale=40),
    # Three hidden layers whose sizes sit on and just off SIMD widths (8, 16, 32), a large batch, ten classes.
    "DeepRmsPropVectorized": dict(
        inputs=16, layers=[(8, "ReLU", None), (17, "Tanh", None), (32, "Softplus", None), (10, "Softmax", None)],
        options=dict(Optimizer="RMSProp", LearningRate=0.005, CodeShape="Vectorized"), rows=33, seed=20),
    "SingleInputNesterov": dict(
        inputs=1, layers=[(16, "ELU", 0.3), (8, "LeakyReLU", 0.02), (1, "Identity", None)],
        options=dict(Optimizer="Nesterov", LearningRate=0.01, Momentum=0.95), rows=64, seed=16),
    "WideAdaGradCrossEntropy": dict(
        inputs=12, layers=[(40, "Softplus", None), (40, "ReLU", None), (10, "Softmax", None)],
        options=dict(Optimizer="AdaGrad", LearningRate=0.02, WeightDecay=0.001), rows=50, seed=27),
    # The smooth activations, the robust losses and gradient clipping. "clips": the first gradient's norm is above
    # ClipGradientNorm, so the clipped steps differ from unclipped ones (the script refuses the fixture otherwise).
    "SgdClippedHuberGelu": dict(
        inputs=5, layers=[(9, "GELU", None), (6, "SiLU", None), (2, "Identity", None)],
        options=dict(Loss="Huber", HuberDelta=0.5, Optimizer="Sgd", LearningRate=0.1, ClipGradientNorm=0.05),
        rows=8, seed=30, clips=True),
    "AdamClippedL1Mish": dict(
        inputs=6, layers=[(12, "Mish", None), (7, "GELU", None), (3, "Identity", None)],
        options=dict(Loss="L1", Optimizer="Adam", LearningRate=0.01, WeightDecay=0.01, ClipGradientNorm=0.1),
        rows=9, seed=31, clips=True),
    "MomentumHuberSiLUVectorized": dict(
        inputs=20, layers=[(33, "SiLU", None), (17, "Mish", None), (4, "Identity", None)],
        options=dict(Loss="Huber", Optimizer="Momentum", LearningRate=0.02, WeightDecay=0.01, ClipGradientNorm=0.2,
                     CodeShape="Vectorized"),
        rows=12, seed=32, scale=3, clips=True),
    "LargeGeluSgdClippedCrossEntropy": dict(
        inputs=40, layers=[(48, "GELU", None), (10, "Softmax", None)],
        options=dict(Optimizer="Sgd", LearningRate=0.1, ClipGradientNorm=0.3), rows=20, seed=33, scale=3, clips=True),
    # Inputs scaled by 30: pre-activations in the tails, where GELU, SiLU and Mish are the identity or 0.
    "SaturatedSmoothActivationsL1": dict(
        inputs=3, layers=[(6, "GELU", None), (6, "Mish", None), (5, "SiLU", None), (2, "Identity", None)],
        options=dict(Loss="L1", Optimizer="Nesterov", LearningRate=0.001), rows=7, seed=34, scale=30),
    "DropoutAdamMse": dict(
        inputs=5, layers=[(8, "ReLU", None), (6, "Tanh", None), (3, "Identity", None)],
        options=dict(Optimizer="Adam", LearningRate=0.01), rows=9, seed=31, dropouts={-1: 0.0, 0: 0.0}),
    "DropoutMomentumCrossEntropyVectorized": dict(
        inputs=12, layers=[(24, "ReLU", None), (9, "Sigmoid", None), (4, "Softmax", None)],
        options=dict(Optimizer="Momentum", LearningRate=0.05, CodeShape="Vectorized"), rows=70, seed=32,
        dropouts={0: 0.0, 1: 0.0}),
}


def resolve(options, output_activation):
    """CompiledNN's defaults (DESIGN.md §1), so the fixture records what the network actually uses."""
    optimizer = options.get("Optimizer", "Adam")
    loss = options.get("Loss", {"Softmax": "CrossEntropy", "Sigmoid": "BinaryCrossEntropy"}.get(
        output_activation, "MeanSquaredError"))
    f32 = lambda v: float(np.float32(v))  # the C# attribute holds float32 values; torch gets exactly those
    extra = {}
    if loss == "Huber":
        extra["huberDelta"] = f32(options.get("HuberDelta", 1.0))
    if "ClipGradientNorm" in options:
        extra["clipGradientNorm"] = f32(options["ClipGradientNorm"])
    return dict(
        loss=loss,
        optimizer=optimizer,
        learningRate=f32(options.get("LearningRate", 0.001 if optimizer in ("Adam", "AdamW") else 0.01)),
        momentum=f32(options.get("Momentum", 0.9)),
        beta1=f32(options.get("Beta1", 0.9)),
        beta2=f32(options.get("Beta2", 0.999)),
        epsilon=f32(options.get("Epsilon", 1e-10 if optimizer == "AdaGrad" else 1e-8)),
        rho=f32(options.get("Rho", 0.99)),
        weightDecay=f32(options.get("WeightDecay", 0.01 if optimizer == "AdamW" else 0.0)),
        **extra,
    )


def activation_module(name, alpha):
    return {
        "Identity": lambda: nn.Identity(),
        "Sigmoid": lambda: nn.Sigmoid(),
        "Tanh": lambda: nn.Tanh(),
        "ReLU": lambda: nn.ReLU(),
        "LeakyReLU": lambda: nn.LeakyReLU(float(np.float32(alpha if alpha is not None else 0.01))),
        "Softplus": lambda: nn.Softplus(),
        "ELU": lambda: nn.ELU(float(np.float32(alpha if alpha is not None else 1.0))),
        "Softmax": lambda: nn.Softmax(dim=1),
        "GELU": lambda: nn.GELU(),  # the exact erf form, PyTorch's default
        "SiLU": lambda: nn.SiLU(),
        "Mish": lambda: nn.Mish(),
    }[name]()


class Network(nn.Module):
    """The same layers as the [Network] class; forward returns the logits (pre-activations) and the outputs."""

    def __init__(self, inputs, layers, dropouts=None):
        super().__init__()
        sizes = [inputs] + [units for units, _, _ in layers]
        self.linears = nn.ModuleList(nn.Linear(sizes[i], sizes[i + 1]) for i in range(len(layers)))
        self.activations = nn.ModuleList(activation_module(a, alpha) for _, a, alpha in layers)
        dropouts = dropouts or {}
        # dropouts[k + 1] acts on layer k's outputs, dropouts[0] on the inputs.
        self.dropouts = nn.ModuleList(
            nn.Dropout(dropouts[k]) if k in dropouts else nn.Identity() for k in range(-1, len(layers)))

    def forward(self, x):
        x = self.dropouts[0](x)
        for linear, activation, dropout in zip(self.linears, self.activations, self.dropouts[1:]):
            z = linear(x)
            x = activation(z)
            x = dropout(x)
        return z, x

    def canonical(self):
        return torch.cat([t.detach().reshape(-1) for l in self.linears for t in (l.weight, l.bias)])

    def canonical_gradient(self):
        return torch.cat([t.grad.reshape(-1) for l in self.linears for t in (l.weight, l.bias)])

    def load_canonical(self, flat):
        with torch.no_grad():
            at = 0
            for l in self.linears:
                for t in (l.weight, l.bias):
                    t.copy_(flat[at:at + t.numel()].reshape(t.shape))
                    at += t.numel()


def loss_function(h, logits, outputs, targets):
    """Mean losses as CompiledNN defines them: CrossEntropy and BCE fused on the logits, the others on the outputs."""
    loss = h["loss"]
    if loss == "Huber":
        return nn.functional.huber_loss(outputs, targets, delta=h["huberDelta"])
    if loss == "L1":
        return nn.functional.l1_loss(outputs, targets)
    if loss == "CrossEntropy":
        return nn.functional.cross_entropy(logits, targets)  # probability rows or class indices
    if loss == "BinaryCrossEntropy":
        return nn.functional.binary_cross_entropy_with_logits(logits, targets)
    return nn.functional.mse_loss(outputs, targets)


def make_optimizer(params, h):
    lr, wd = h["learningRate"], h["weightDecay"]
    name = h["optimizer"]
    if name == "Sgd":
        return torch.optim.SGD(params, lr=lr, weight_decay=wd)
    if name == "Momentum":
        return torch.optim.SGD(params, lr=lr, momentum=h["momentum"], weight_decay=wd)
    if name == "Nesterov":
        return torch.optim.SGD(params, lr=lr, momentum=h["momentum"], nesterov=True, weight_decay=wd)
    if name == "AdaGrad":
        return torch.optim.Adagrad(params, lr=lr, eps=h["epsilon"], weight_decay=wd)
    if name == "RMSProp":
        return torch.optim.RMSprop(params, lr=lr, alpha=h["rho"], eps=h["epsilon"], weight_decay=wd)
    if name == "Adam":
        return torch.optim.Adam(params, lr=lr, betas=(h["beta1"], h["beta2"]), eps=h["epsilon"], weight_decay=wd)
    if name == "AdamW":
        return torch.optim.AdamW(params, lr=lr, betas=(h["beta1"], h["beta2"]), eps=h["epsilon"], weight_decay=wd)
    raise ValueError(name)


def floats(tensor):
    # float32 → float64 is exact, and json writes the float64's repr: C# parses it back to the same float32.
    return [float(v) for v in tensor.detach().reshape(-1).tolist()]


def loss_and_gradient(net, h, x, t):
    net.zero_grad()
    logits, outputs = net(x)
    loss = loss_function(h, logits, outputs, t)
    loss.backward()
    return loss.item(), net.canonical_gradient().clone()


def train(name, net, h, batches, optimizer=None, initial=None):
    """Parameters after each optimizer step, one step per (inputs, targets) in batches, and the losses before them;
    from the initial parameters with a new optimizer unless an optimizer to continue with is given."""
    if optimizer is None:
        net.load_canonical(initial)
        optimizer = make_optimizer(net.parameters(), h)
    losses, parameters = [], []
    for x, t in batches:
        optimizer.zero_grad()
        logits, outputs = net(x)
        loss = loss_function(h, logits, outputs, t)
        loss.backward()
        check_gradient_is_not_noise(name, net, h, x, t)
        if h.get("clipGradientNorm", 0) > 0:
            torch.nn.utils.clip_grad_norm_(net.parameters(), h["clipGradientNorm"])
        optimizer.step()
        losses.append(loss.item())
        parameters.append(floats(net.canonical()))
    return losses, parameters


def random_targets(loss, output_activation, rows, units, generator):
    if loss == "CrossEntropy" or output_activation == "Softmax":
        # Probability rows (soft labels), which both the CrossEntropy and the MSE-on-softmax path accept.
        return torch.softmax(2 * torch.randn(rows, units, generator=generator), dim=1)
    if loss == "BinaryCrossEntropy" or output_activation == "Sigmoid":
        # Soft targets in [0, 1] with some hard 0/1 ones, as BCEWithLogits allows.
        t = torch.rand(rows, units, generator=generator)
        t[0] = torch.round(t[0])
        return t
    return torch.randn(rows, units, generator=generator)


def fixture(name, spec):
    torch.manual_seed(spec["seed"])
    generator = torch.Generator().manual_seed(1000 + spec["seed"])
    layers = spec["layers"]
    output_activation = layers[-1][1]
    h = resolve(spec["options"], output_activation)
    net = Network(spec["inputs"], layers, spec.get("dropouts"))  # nn.Linear's own seeded init: non-zero biases test the bias path too
    initial = net.canonical().clone()

    rows, units = spec["rows"], layers[-1][0]
    x = spec.get("scale", 1) * torch.randn(rows, spec["inputs"], generator=generator)
    t = random_targets(h["loss"], output_activation, rows, units, generator)

    with torch.no_grad():
        _, outputs = net(x)
    loss, gradient = loss_and_gradient(net, h, x, t)
    if spec.get("clips") and not gradient.norm().item() > h["clipGradientNorm"]:
        sys.exit(f"{name}: the gradient's norm {gradient.norm().item():.4g} is within ClipGradientNorm, so clipping would "
                 "not be tested; lower it")
    net.load_canonical(initial)
    optimizer = make_optimizer(net.parameters(), h)
    step_losses, steps = train(name, net, h, [(x, t)] * STEPS, optimizer)
    # Then the learning rate halved between steps (LearningRate's setter), and the optimizer reset (ResetOptimizer:
    # a new optimizer's state, the rate kept), two steps each.
    half = dict(h, learningRate=h["learningRate"] / 2)
    for group in optimizer.param_groups:
        group["lr"] = half["learningRate"]
    _, half_rate_steps = train(name + " (half rate)", net, h, [(x, t)] * 2, optimizer)
    _, reset_steps = train(name + " (reset)", net, h, [(x, t)] * 2, make_optimizer(net.parameters(), half))
    row_losses, row_steps = train(name + " (rows)", net, h, [(x[i:i + 1], t[i:i + 1]) for i in range(rows)], initial=initial)

    result = dict(
        name=name,
        torch=torch.__version__,
        inputSize=spec["inputs"],
        layers=[dict(units=u, activation=a, alpha=None if alpha is None else float(np.float32(alpha)))
                for u, a, alpha in layers],
        options=spec["options"],
        hyperparameters=h,
        rows=rows,
        initialParameters=floats(initial),
        inputs=floats(x),
        targets=floats(t),
        outputs=floats(outputs),
        meanLoss=loss,
        gradient=floats(gradient),
        stepLosses=step_losses,
        parametersAfterSteps=steps,
        parametersAfterHalfRateSteps=half_rate_steps,
        parametersAfterResetSteps=reset_steps,
        rowStepLosses=row_losses,
        parametersAfterRowSteps=row_steps[-1],
    )

    if "dropouts" in spec:
        result["dropouts"] = [dict(after=k, rate=float(np.float32(r))) for k, r in sorted(spec["dropouts"].items())]

    if output_activation == "Softmax":
        # Class indices: what TrainBatch(inputs, int[]) must do, i.e. the same as one-hot rows.
        classes = torch.randint(0, units, (rows,), generator=generator)
        one_hot = nn.functional.one_hot(classes, units).to(torch.float32)
        class_targets = classes if h["loss"] == "CrossEntropy" else one_hot
        class_loss, class_gradient = loss_and_gradient(net_at(net, initial), h, x, class_targets)
        class_step_losses, class_steps = train(name + " (class indices)", net, h, [(x, class_targets)] * STEPS, initial=initial)
        result.update(
            classTargets=classes.tolist(),
            classMeanLoss=class_loss,
            classGradient=floats(class_gradient),
            classStepLosses=class_step_losses,
            classParametersAfterSteps=class_steps,
        )

    return result


def net_at(net, parameters):
    net.load_canonical(parameters)
    return net


def check_gradient_is_not_noise(name, net, h, x, t):
    """Adaptive optimizers (AdaGrad, RMSProp, Adam) divide each component by the size of its own history, so a
    component that float32 computes with a large relative error (a sum that nearly cancels) would make the fixture
    compare rounding noise, amplified to steps of about η. Refuse to write a fixture where a component of the float32
    gradient differs from the float64 gradient at the same parameters by more than 1e-3 of itself. Exact zeros
    (dead ReLU units) are exact in both. This is conservative: fixtures it rejected still matched CompiledNN within
    3e-6 when tried."""
    if h["optimizer"] not in ("AdaGrad", "RMSProp", "Adam", "AdamW"):
        return
    gradient = net.canonical_gradient().double()
    exact = copy.deepcopy(net).double()
    _, exact_gradient = loss_and_gradient(exact, h, x.double(), t if t.dtype == torch.int64 else t.double())
    error = (gradient - exact_gradient).abs()
    # Components below 1e-12 (float32 underflow in saturated softmaxes) move a parameter by at most η·1e-12/ε.
    noisy = (error > 1e-3 * exact_gradient.abs()) & (exact_gradient.abs() > 1e-12)
    if noisy.any():
        at = int(noisy.nonzero()[0])
        sys.exit(f"{name}: float32 gradient component {at} is {gradient[at].item():.6g}, float64 says "
                 f"{exact_gradient[at].item():.6g}: too close to rounding noise; change the seed")


def main():
    torch.set_num_threads(1)  # deterministic reductions
    os.makedirs(FIXTURES, exist_ok=True)
    # Names on the command line write only those fixtures: float32 results of the others can differ in the last bits
    # on another machine (other kernels), and committed fixtures are not rewritten for that.
    names = sys.argv[1:] or list(NETWORKS)
    for name in names:
        spec = NETWORKS[name]
        path = os.path.join(FIXTURES, name + ".json")
        result = fixture(name, spec)
        with open(path, "w", encoding="utf-8") as f:
            # One key per line, arrays on one line: readable diffs without a line per number.
            f.write("{\n" + ",\n".join(f" {json.dumps(k)}: {json.dumps(v)}" for k, v in result.items()) + "\n}\n")
        print(f"wrote {os.path.relpath(path)}")


if __name__ == "__main__":
    main()
