#!/usr/bin/env bash
# Publishes the sample with NativeAOT, as it is and with -p:Int8=true (its Fashion-MNIST network baked as int8), and
# checks that each executable, whose weights are baked in, classifies all 150 flowers exactly as the trained network
# did (expected.txt, written by samples/EmbeddedInference.Training), and that it handles arguments and bad input; then
# that the int8 executable is smaller, and on the 10,000 Fashion-MNIST test images (Debian's dataset-fashion-mnist)
# within half a point of the float32 one's accuracy and of the same class on at least 99 %. Prints the binaries' sizes
# and times per prediction. Exits non-zero on any difference.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

fashion=/usr/share/datasets/fashion-mnist
[ -f "$fashion/t10k-images-idx3-ubyte.gz" ] || { echo "Fashion-MNIST is not in $fashion (Debian package dataset-fashion-mnist)" >&2; exit 1; }

for variant in float32 int8; do
  mkdir -p "$out/$variant"
  dotnet publish "$here/EmbeddedInference.csproj" -c Release -o "$out/$variant" -warnaserror -p:Int8=$([ $variant = int8 ] && echo true || echo false) >/dev/null
  binary="$out/$variant/EmbeddedInference"
  [ -x "$binary" ] || { echo "NativeAOT publish ($variant) produced no executable" >&2; exit 1; }
  head -c 4 "$binary" | grep -q ELF || { echo "not a native (ELF) executable ($variant)" >&2; exit 1; }

  "$binary" < "$here/inputs.txt" > "$out/$variant/predicted.txt"
  if ! diff -u "$here/expected.txt" "$out/$variant/predicted.txt" >&2; then
    echo "The NativeAOT executable's ($variant) predictions differ from the trained network's." >&2
    exit 1
  fi

  [ "$("$binary" 5.1 3.5 1.4 0.2)" = "setosa" ] || { echo "argument form failed ($variant)" >&2; exit 1; }
  if "$binary" 1 2 3 2>/dev/null; then echo "three measurements were accepted ($variant)" >&2; exit 1; fi

  time_line=$("$binary" --time < "$here/inputs.txt")
  echo "$time_line" | grep -Eq '^[0-9]+ ns per prediction' || { echo "--time printed '$time_line'" >&2; exit 1; }
  "$binary" --fashion "$fashion/t10k-images-idx3-ubyte.gz" "$fashion/t10k-labels-idx1-ubyte.gz" > "$out/$variant/fashion.txt" 2> "$out/$variant/accuracy.txt"
  echo "EmbeddedInference $variant (NativeAOT): $(wc -l < "$out/$variant/predicted.txt") Iris predictions equal the trained network's; binary $(stat -c %s "$binary") bytes; Iris $time_line; Fashion-MNIST $(cat "$out/$variant/accuracy.txt")"
done

float_size=$(stat -c %s "$out/float32/EmbeddedInference")
int8_size=$(stat -c %s "$out/int8/EmbeddedInference")
[ "$int8_size" -lt "$float_size" ] || { echo "the int8 executable ($int8_size bytes) is not smaller than the float32 one ($float_size bytes)" >&2; exit 1; }
correct() { grep -Eo '^[a-z0-9]+: [0-9]+' "$1" | grep -Eo '[0-9]+$'; }
float_correct=$(correct "$out/float32/accuracy.txt")
int8_correct=$(correct "$out/int8/accuracy.txt")
same=$(paste -d' ' "$out/float32/fashion.txt" "$out/int8/fashion.txt" | awk '$1 == $2' | wc -l)
images=$(wc -l < "$out/float32/fashion.txt")
[ "$images" -eq 10000 ] || { echo "classified $images Fashion-MNIST images, not 10,000" >&2; exit 1; }
[ "$float_correct" -gt 8500 ] || { echo "float32 Fashion-MNIST accuracy $float_correct of 10,000: not the trained network" >&2; exit 1; }
difference=$((float_correct > int8_correct ? float_correct - int8_correct : int8_correct - float_correct))
[ "$difference" -le 50 ] || { echo "int8 ($int8_correct) and float32 ($float_correct) correct differ by more than 0.5 points" >&2; exit 1; }
[ "$same" -ge 9900 ] || { echo "int8 and float32 give the same class on $same of 10,000 images, fewer than 99 %" >&2; exit 1; }
echo "EmbeddedInference int8: $((float_size - int8_size)) bytes smaller; same Fashion-MNIST class as float32 on $same of $images images"
