#!/usr/bin/env bash
# Publishes the sample with NativeAOT and checks that the executable, whose weights are baked in, classifies all 150
# flowers exactly as the trained network did (expected.txt, written by samples/EmbeddedInference.Training), and that
# it handles arguments and bad input. Prints the binary's size and its time per prediction. Exits non-zero on any
# difference.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

dotnet publish "$here/EmbeddedInference.csproj" -c Release -o "$out" -warnaserror >/dev/null
binary="$out/EmbeddedInference"
[ -x "$binary" ] || { echo "NativeAOT publish produced no executable" >&2; exit 1; }
head -c 4 "$binary" | grep -q ELF || { echo "not a native (ELF) executable" >&2; exit 1; }

"$binary" < "$here/inputs.txt" > "$out/predicted.txt"
if ! diff -u "$here/expected.txt" "$out/predicted.txt" >&2; then
  echo "The NativeAOT executable's predictions differ from the trained network's." >&2
  exit 1
fi

[ "$("$binary" 5.1 3.5 1.4 0.2)" = "setosa" ] || { echo "argument form failed" >&2; exit 1; }
if "$binary" 1 2 3 2>/dev/null; then echo "three measurements were accepted" >&2; exit 1; fi

time_line=$("$binary" --time < "$here/inputs.txt")
echo "$time_line" | grep -Eq '^[0-9]+ ns per prediction' || { echo "--time printed '$time_line'" >&2; exit 1; }
echo "EmbeddedInference (NativeAOT): $(wc -l < "$out/predicted.txt") predictions equal the trained network's; binary $(stat -c %s "$binary") bytes; $time_line"
