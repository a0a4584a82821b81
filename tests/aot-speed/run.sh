#!/usr/bin/env bash
# Builds tests/aot-speed four ways (JIT; NativeAOT with .NET's default instruction set, i.e. the package's default
# turned off; NativeAOT with the package's default; NativeAOT for this machine, IlcInstructionSet=native, the README's
# command) and runs them in turns, with the JIT also run without AVX2 and FMA and ONNX Runtime on the same networks, so that load
# on a shared machine hits all alike. Prints each run's lines and the binaries' sizes.
# Usage: run.sh [rounds, default 3] [name filter: time only the calls whose name contains it, e.g. 4-16-16-3]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
project="$here/AotSpeed.csproj"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
rounds="${1:-3}"
filter=("${@:2}")

dotnet build "$project" -c Release --artifacts-path "$work/jit" >/dev/null
dotnet publish "$project" -c Release -r linux-x64 -p:PublishAot=true -p:CompiledNN_DefaultInstructionSet=false --artifacts-path "$work/baseline" >/dev/null
dotnet publish "$project" -c Release -r linux-x64 -p:PublishAot=true --artifacts-path "$work/v3" >/dev/null
dotnet publish "$project" -c Release -r linux-x64 -p:PublishAot=true -p:IlcInstructionSet=native --artifacts-path "$work/native" >/dev/null

jit="$(find "$work/jit/bin" -name AotSpeed.dll | head -n 1)"
baseline="$(find "$work/baseline/publish" -type f -name AotSpeed -perm -u+x | head -n 1)"
v3="$(find "$work/v3/publish" -type f -name AotSpeed -perm -u+x | head -n 1)"
native="$(find "$work/native/publish" -type f -name AotSpeed -perm -u+x | head -n 1)"
echo "# NativeAOT sizes: .NET default $(stat -c %s "$baseline") bytes, package default $(stat -c %s "$v3") bytes, native $(stat -c %s "$native") bytes"
for round in $(seq "$rounds"); do
    echo "## round $round: JIT"; dotnet "$jit" "${filter[@]}"
    echo "## round $round: ONNX Runtime 1.31.1, one thread (in the JIT program, same weights)"; dotnet "$jit" onnx
    echo "## round $round: JIT, DOTNET_EnableAVX2=0 (no AVX2, no FMA)"; DOTNET_EnableAVX2=0 dotnet "$jit" "${filter[@]}"
    echo "## round $round: NativeAOT, .NET default instruction set"; "$baseline" "${filter[@]}"
    echo "## round $round: NativeAOT, package default (x86-64-v3)"; "$v3" "${filter[@]}"
    echo "## round $round: NativeAOT, IlcInstructionSet=native"; "$native" "${filter[@]}"
done
