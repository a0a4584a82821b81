#!/bin/sh
# The convolution comparison in one command: builds the three networks in PyTorch with fixed seeds, writes their
# safetensors and ONNX files and times PyTorch (one thread, then its default threads), then runs the .NET side
# (CompiledNN and ONNX Runtime in one process, interleaved) and writes results/conv-comparison.<machine type>.md.
# --smoke: a few calls of each, nothing written to results/ (CI).
set -eu
cd "$(dirname "$0")"
/usr/bin/python3 conv_comparison.py "$@"
dotnet run -c Release -- --conv "$@"
