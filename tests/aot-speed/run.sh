#!/usr/bin/env bash
# Builds tests/aot-speed four ways (JIT; NativeAOT with .NET's default instruction set, i.e. the package's default
# turned off; NativeAOT with the package's default; NativeAOT for x86-64-v4, run only where the processor has AVX-512)
# and runs them in turns, with the JIT also run without AVX2 and FMA and ONNX Runtime on the same networks, so that load
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
dotnet publish "$project" -c Release -r linux-x64 -p:PublishAot=true -p:IlcInstructionSet=x86-64-v4 --artifacts-path "$work/v4" >/dev/null

jit="$(find "$work/jit/bin" -name AotSpeed.dll | head -n 1)"
baseline="$(find "$work/baseline/publish" -type f -name AotSpeed -perm -u+x | head -n 1)"
v3="$(find "$work/v3/publish" -type f -name AotSpeed -perm -u+x | head -n 1)"
v4="$(find "$work/v4/publish" -type f -name AotSpeed -perm -u+x | head -n 1)"
echo "# NativeAOT sizes: .NET default $(stat -c %s "$baseline") bytes, package default $(stat -c %s "$v3") bytes, x86-64-v4 $(stat -c %s "$v4") bytes"
for round in $(seq "$rounds"); do
    echo "## round $round: JIT"; dotnet "$jit" "${filter[@]}"
    echo "## round $round: ONNX Runtime 1.31.1, one thread (in the JIT program, same weights)"; dotnet "$jit" onnx
    echo "## round $round: JIT, DOTNET_EnableAVX2=0 (no AVX2, no FMA)"; DOTNET_EnableAVX2=0 dotnet "$jit" "${filter[@]}"
    echo "## round $round: NativeAOT, .NET default instruction set"; "$baseline" "${filter[@]}"
    echo "## round $round: NativeAOT, package default (x86-64-v3)"; "$v3" "${filter[@]}"
    if grep -qw avx512f /proc/cpuinfo; then
        echo "## round $round: NativeAOT, x86-64-v4 (AVX-512)"; "$v4" "${filter[@]}"
    fi
done
