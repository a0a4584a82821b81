#!/bin/sh
# The peer comparison in one command: exports the models and weights from PyTorch, times PyTorch, then runs the .NET
# benchmarks (CompiledNN, a naive C# MLP, ONNX Runtime: one thread each, then two threads, then a sweep of shapes outside
# the table against ONNX Runtime) and writes results/peer-comparison.<machine type>.md, headed by the machine report.
set -eu
cd "$(dirname "$0")"
/usr/bin/python3 export_onnx.py
OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 /usr/bin/python3 pytorch_bench.py
dotnet run -c Release -- --peers "$@"
