#!/usr/bin/env bash
# Publishes the sample as a NativeAOT shared library with the README's command, builds the C caller against the
# generated iris.h, and checks that the C program and the Python ctypes script classify the 150 flowers with the bits
# of the C# network (expected.txt, which tests/CompiledNN.Tests checks against the C# class), that every bad argument
# gets its status code, and prints the library's size and the time per prediction from C. Exits non-zero on any
# difference.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
flowers="$here/../EmbeddedInference/inputs.txt"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

case "$(uname -m)" in
    x86_64) rid=linux-x64 ;;
    aarch64) rid=linux-arm64 ;;
    *) echo "native library: unsupported machine $(uname -m)" >&2; exit 1 ;;
esac

if ! dotnet publish "$here/NativeLibrary.csproj" -c Release -r "$rid" -p:PublishAot=true -p:NativeLib=Shared -o "$out/publish" -warnaserror > "$out/publish.log" 2>&1; then
    cat "$out/publish.log" >&2
    echo "native library: the NativeAOT publish failed" >&2
    exit 1
fi
for file in libiris.so iris.h; do
    [ -f "$out/publish/$file" ] || { echo "native library: the publish folder has no $file" >&2; exit 1; }
done

gcc -std=c11 -O2 -Wall -Wextra -Werror -pedantic -D_POSIX_C_SOURCE=199309L -I "$out/publish" "$here/classify.c" \
    -L "$out/publish" -liris -Wl,-rpath,"$out/publish" -lm -o "$out/classify"
# The header is C++ too.
g++ -std=c++17 -fsyntax-only -Wall -Wextra -Werror -x c++ "$out/publish/iris.h"

# Class and bits must be the C# network's; the printed decimals are the C library's formatting.
same_bits() { diff -u <(awk '{print $1, $5, $6, $7}' "$1") <(awk '{print $1, $5, $6, $7}' "$2") >&2; }
"$out/classify" "$flowers" > "$out/c.txt"
same_bits "$here/expected.txt" "$out/c.txt" || { echo "native library: the C program's outputs differ from the C# network's" >&2; exit 1; }

python=$(command -v python3 || true)
[ -n "$python" ] || { echo "native library: python3 is needed for the ctypes caller" >&2; exit 1; }
"$python" "$here/classify.py" "$out/publish/libiris.so" "$flowers" > "$out/python.txt"
diff -u "$out/c.txt" "$out/python.txt" >&2 || { echo "native library: the Python script's outputs differ from the C program's" >&2; exit 1; }

"$out/classify" --check-errors
"$out/classify" --time "$flowers"
echo "native library: C and Python give the C# network's bits on $(wc -l < "$out/c.txt") flowers; libiris.so $(stat -c %s "$out/publish/libiris.so") bytes"
