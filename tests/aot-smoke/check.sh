#!/usr/bin/env bash
# NativeAOT smoke test: publishes tests/aot-smoke with -p:PublishAot=true (the generated code and the runtime library
# must compile and trim without a warning), runs the native executable and compares its predictions with a JIT run of
# the same program. Not part of `dotnet test CompiledNN.sln` because a NativeAOT publish takes minutes.
#
# The comparison is exact: Program.cs prints each float round-trip ("R", the shortest text that parses back to the same
# bits), and the JIT (whatever the processor's vector width) and the x86-64-v3 executable both fuse their multiply-adds
# and sum in the kernels' order.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
project="$here/AotSmoke.csproj"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

case "$(uname -m)" in
    x86_64) rid=linux-x64 ;;
    aarch64) rid=linux-arm64 ;;
    *) echo "aot-smoke: unsupported machine $(uname -m)" >&2; exit 1 ;;
esac

# Separate artifacts folders keep these builds out of the projects' own bin/ and obj/ folders.
echo "aot-smoke: JIT run"
dotnet run --project "$project" -c Release --artifacts-path "$work/jit" > "$work/jit.txt"

echo "aot-smoke: NativeAOT publish ($rid)"
if ! dotnet publish "$project" -c Release -r "$rid" -p:PublishAot=true --artifacts-path "$work/aot" > "$work/publish.log" 2>&1; then
    cat "$work/publish.log" >&2
    echo "aot-smoke: the NativeAOT publish failed" >&2
    exit 1
fi

if grep -Eq ': warning [A-Z]+[0-9]+' "$work/publish.log"; then
    grep -E ': warning [A-Z]+[0-9]+' "$work/publish.log" >&2
    echo "aot-smoke: the NativeAOT publish has warnings" >&2
    exit 1
fi

executable="$(find "$work/aot/publish" -type f -name AotSmoke -perm -u+x | head -n 1)"
if [[ -z "$executable" ]]; then
    echo "aot-smoke: no native executable in $work/aot/publish" >&2
    exit 1
fi

echo "aot-smoke: native run"
"$executable" > "$work/aot.txt"

# Same lines, same labels, the same round-trip text for every value (so the same bits).
paste -d ' ' "$work/jit.txt" "$work/aot.txt" | awk '
    # paste pads a missing line with nothing, so unequal line counts show up here too.
    NF != 8 || $1 != $5 || $2 != $6 || $3 != $7 { print "aot-smoke: line " NR " differs: " $0; bad = 1; next }
    # NaN and infinities are failures, not numbers to compare.
    $4 !~ /^-?[0-9]/ || $8 !~ /^-?[0-9]/ { print "aot-smoke: line " NR " is not a finite number: " $0; bad = 1; next }
    # Compared as text (concatenation keeps awk from comparing them as numbers): equal round-trip text, equal bits.
    "" $4 != "" $8 { print "aot-smoke: " $1 " row " $2 " output " $3 ": JIT " $4 ", NativeAOT " $8; bad = 1 }
    { count++ }
    END {
        if (NR == 0) { print "aot-smoke: no output"; exit 1 }
        if (bad) exit 1
        print "aot-smoke: " count " predictions of the NativeAOT executable match the JIT run bit for bit"
    }'
