#!/usr/bin/env bash
# Publishes the sample with NativeAOT and checks that the executable, compiled from iris.onnx, reproduces the
# probabilities PyTorch computed for all 150 flowers (expected.txt, written by train_and_export.py) to 1e-5. Prints the
# binary's size. Exits non-zero on any difference.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

dotnet publish "$here/OnnxImport.csproj" -c Release -o "$out" -warnaserror >/dev/null
binary="$out/OnnxImport"
[ -x "$binary" ] || { echo "NativeAOT publish produced no executable" >&2; exit 1; }
head -c 4 "$binary" | grep -q ELF || { echo "not a native (ELF) executable" >&2; exit 1; }

"$binary" "$here/expected.txt" > "$out/classes.txt"
[ "$(wc -l < "$out/classes.txt")" = 150 ] || { echo "expected 150 classified flowers" >&2; exit 1; }
echo "OnnxImport (NativeAOT): 150 predictions agree with PyTorch's; binary $(stat -c %s "$binary") bytes"
