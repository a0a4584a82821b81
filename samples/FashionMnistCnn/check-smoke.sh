#!/usr/bin/env bash
# A quick end-to-end run of the sample (already built in Release): one epoch on the first 2000 training images, tested
# on the first 1000 test images. Fails if the run fails or its test accuracy is not well above chance (0.1).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet run --project "$here/FashionMnistCnn.csproj" -c Release --no-build -- --epochs 1 --train-limit 2000 --test-limit 1000 > "$log"
accuracy=$(sed -nE 's/^Mean seconds per epoch: .*test accuracy after 1 epochs: ([0-9.]+)$/\1/p' "$log")
[ -n "$accuracy" ] || { cat "$log" >&2; echo "FashionMnistCnn printed no test accuracy" >&2; exit 1; }
awk -v a="$accuracy" 'BEGIN { exit !(a >= 0.5) }' || { cat "$log" >&2; echo "FashionMnistCnn: test accuracy $accuracy after one short epoch, expected at least 0.5" >&2; exit 1; }
echo "FashionMnistCnn (1 epoch, 2000 images): test accuracy $accuracy"
