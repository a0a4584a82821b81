#!/usr/bin/env bash
# The packed generator in old compilers: packs CompiledNN (or takes the .nupkg folder given as $1), extracts the
# package, and runs the analyzer host pinned to Roslyn 4.8.0 (the .NET 8.0.100 SDK, Visual Studio 17.8) and to 4.11.0
# (.NET 8.0.4xx). Each run loads the package's analyzer assemblies as that compiler would, generates and compiles
# representative declarations at C# 12, and ends with "roslyn-floor: N passed, N failed".
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

feed="${1:-}"
if [ -z "$feed" ]; then
    feed="$work/feed"
    dotnet pack "$root/src/CompiledNN/CompiledNN.csproj" -c Release -o "$feed" -p:ContinuousIntegrationBuild=true >/dev/null
fi
package=$(ls "$feed"/CompiledNN.*.nupkg | grep -v '\.snupkg$' | head -n 1)
mkdir "$work/package"
unzip -q "$package" -d "$work/package"

status=0
for roslyn in 4.8.0 4.11.0; do
    echo "roslyn-floor: Microsoft.CodeAnalysis.CSharp $roslyn"
    dotnet build "$here/RoslynFloor.csproj" -c Release -warnaserror -p:RoslynHostVersion="$roslyn" \
        --artifacts-path "$work/host-$roslyn" >"$work/build-$roslyn.log" 2>&1 || { cat "$work/build-$roslyn.log"; exit 1; }
    dotnet "$work/host-$roslyn/bin/RoslynFloor/release/RoslynFloor.dll" "$work/package" || status=1
done
exit $status
