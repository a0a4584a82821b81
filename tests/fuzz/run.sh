#!/usr/bin/env bash
# A long fuzz run of every reader (weights JSON, safetensors, CSV, IDX and IDX.gz): the suite's fixed-seed smoke
# tests with more inputs and another seed. Usage: tests/fuzz/run.sh [inputs per reader] [seed]
# A failing input is saved under $TMPDIR/compilednn-fuzz/ and named in the test's failure message.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
export CNN_FUZZ_ITERATIONS="${1:-200000}"
export CNN_FUZZ_SEED="${2:-$RANDOM}"
echo "fuzzing with $CNN_FUZZ_ITERATIONS inputs per reader, seed $CNN_FUZZ_SEED"
dotnet test "$root/tests/CompiledNN.Tests" -c Release --filter "Category=Fuzz" --logger "console;verbosity=normal"
