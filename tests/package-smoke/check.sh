#!/usr/bin/env bash
# What a new user does: pack CompiledNN (or take the .nupkg folder given as $1), create a fresh console project outside
# the solution, add the package from a local feed, declare a network, build with nullable and warnings as errors at
# the framework's default language version, run it, then publish it with NativeAOT and run that too. This is done for
# net8.0 (C# 12, the oldest framework and language the package supports) and net10.0. Every run must print the same,
# correct predictions, and a wrong declaration must fail the build with its diagnostic.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

feed="${1:-$work/feed}"
if [ -z "${1:-}" ]; then
    dotnet pack "$root/src/CompiledNN/CompiledNN.csproj" -c Release -o "$feed" -p:ContinuousIntegrationBuild=true >/dev/null
fi
version=$(ls "$feed" | sed -nE 's/^CompiledNN\.([0-9][^s]*)\.nupkg$/\1/p')

# A consumer project for one target framework, at that framework's default language version.
new_app() {
    local dir=$1 framework=$2
    mkdir -p "$dir"
    cat > "$dir/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
XML
    cat > "$dir/App.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>$framework</TargetFramework>
    <Nullable>enable</Nullable>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
    <InvariantGlobalization>true</InvariantGlobalization>
    <!-- A private package folder, so a stale CompiledNN of the same version in the user cache is never used. -->
    <RestorePackagesPath>$work/packages</RestorePackagesPath>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="CompiledNN" Version="$version" />
  </ItemGroup>
</Project>
XML
}

expected=$'0 xor 0 = 0\n0 xor 1 = 1\n1 xor 0 = 1\n1 xor 1 = 0'
for framework in net8.0 net10.0; do
    app="$work/app-$framework"
    new_app "$app" "$framework"
    cat > "$app/Program.cs" <<'CS'
using System;
using CompiledNN;

var net = new XorNet(seed: 1);
float[] inputs = [0, 0, 0, 1, 1, 0, 1, 1];
float[] targets = [0, 1, 1, 0];
for (int step = 0; step < 2000; step++)
{
    net.TrainBatch(inputs, targets);
}

for (int row = 0; row < 4; row++)
{
    Console.WriteLine($"{inputs[2 * row]} xor {inputs[2 * row + 1]} = {net.PredictClass(inputs.AsSpan(2 * row, 2))}");
}

[Network(LearningRate = 0.05f)]
[Input(2)]
[Dense(8, Activation.Tanh)]
[Dense(1, Activation.Sigmoid)]
public partial class XorNet;
CS
    # Only the newest runtime may be installed: a net8.0 program then runs on it, as it would with RollForward.
    jit=$(cd "$app" && DOTNET_ROLL_FORWARD=Major dotnet run -c Release)
    [ "$jit" = "$expected" ] || { echo "package smoke ($framework): JIT output differs:"; echo "$jit"; exit 1; }
    echo "package smoke ($framework): JIT run OK"

    (cd "$app" && dotnet publish -c Release -r linux-x64 -p:PublishAot=true -o "$work/aot-$framework" >"$work/publish-$framework.log") ||
        { cat "$work/publish-$framework.log"; echo "package smoke ($framework): the NativeAOT publish failed"; exit 1; }
    # The package's build targets chose the instruction set (x86-64-v3, not .NET's baseline without AVX2 and FMA).
    grep -qE -- '--instruction-set:x86-(x)?64-v3' "$app/obj/Release/$framework/linux-x64/native/App.ilc.rsp" ||
        { echo "package smoke ($framework): the NativeAOT publish did not get the package's instruction set"; exit 1; }
    aot=$("$work/aot-$framework/App")
    [ "$aot" = "$expected" ] || { echo "package smoke ($framework): NativeAOT output differs:"; echo "$aot"; exit 1; }
    echo "package smoke ($framework): NativeAOT run OK ($(du -h "$work/aot-$framework/App" | cut -f1) binary)"
    if [ "$framework" = net10.0 ]; then
        # The README's command: the instruction sets of the processor that publishes.
        (cd "$app" && dotnet publish -c Release -r linux-x64 -p:PublishAot=true -p:IlcInstructionSet=native -o "$work/aot-native" >"$work/publish-native-isa.log") ||
            { cat "$work/publish-native-isa.log"; echo "package smoke: the NativeAOT publish for this processor failed"; exit 1; }
        aot=$("$work/aot-native/App")
        [ "$aot" = "$expected" ] || { echo "package smoke: NativeAOT output for this processor differs:"; echo "$aot"; exit 1; }
        echo "package smoke ($framework): NativeAOT for this processor (IlcInstructionSet=native) run OK"
    fi
done

# A native library: a fresh class library exports the XOR network with [NativeExport]; the README's publish command puts
# the C header beside it, and a C program trains and predicts through that header with the results of the C# program.
lib="$work/native-lib"
new_app "$lib" net8.0
sed -i 's|<OutputType>Exe</OutputType>|<OutputType>Library</OutputType>|' "$lib/App.csproj"
cat > "$lib/XorNet.cs" <<'CS'
using CompiledNN;

[Network(LearningRate = 0.05f)]
[Input(2)]
[Dense(8, Activation.Tanh)]
[Dense(1, Activation.Sigmoid)]
[NativeExport("xor")]
public partial class XorNet;
CS
(cd "$lib" && dotnet publish -c Release -r linux-x64 -p:PublishAot=true -p:NativeLib=Shared -o "$work/native" >"$work/publish-native.log") ||
    { cat "$work/publish-native.log"; echo "package smoke: the native library publish failed"; exit 1; }
[ -f "$work/native/App.so" ] && [ -f "$work/native/xor.h" ] ||
    { ls "$work/native"; echo "package smoke: the native library publish has no App.so and xor.h side by side"; exit 1; }
cat > "$work/xor.c" <<'C'
#include <stdio.h>
#include "xor.h"

int main(void)
{
    float inputs[8] = { 0, 0, 0, 1, 1, 0, 1, 1 }, targets[4] = { 0, 1, 1, 0 }, loss, output;
    xor_network* network;
    if (xor_create(1, &network) != XOR_OK)
        return 1;
    for (int step = 0; step < 2000; step++)
        if (xor_train_batch(network, inputs, targets, 4, &loss) != XOR_OK)
            return 2;
    for (int row = 0; row < 4; row++) {
        if (xor_network_predict(network, inputs + 2 * row, XOR_INPUT_SIZE, &output, XOR_OUTPUT_SIZE) != XOR_OK)
            return 3;
        printf("%g xor %g = %d\n", inputs[2 * row], inputs[2 * row + 1], output >= 0.5f);
    }
    return xor_destroy(network) == XOR_OK && xor_destroy(network) == XOR_ERROR_INVALID_HANDLE ? 0 : 4;
}
C
gcc -std=c11 -Wall -Wextra -Werror -I "$work/native" "$work/xor.c" "$work/native/App.so" -Wl,-rpath,"$work/native" -o "$work/xor"
native=$("$work/xor")
[ "$native" = "$expected" ] || { echo "package smoke: the C program's XOR differs:"; echo "$native"; exit 1; }
echo "package smoke: a C program trained and ran the exported network through xor.h"

# An ONNX model PyTorch exported (Linear, BatchNorm1d, ReLU, Dropout, …) compiles in from <AdditionalFiles> through the
# package's build targets and predicts what PyTorch did, to 1e-5; a truncated model fails the build with CNN0303.
fixtures="$root/tests/CompiledNN.Tests/Fixtures/Onnx"
onnx="$work/onnx"
new_app "$onnx" net8.0
mkdir -p "$onnx/Models"
cp "$fixtures/bn-dropout-6-12-8-2.onnx" "$onnx/Models/model.onnx"
cp "$fixtures/bn-dropout-6-12-8-2.expected.json" "$onnx/expected.json"
sed -i 's|</Project>|  <ItemGroup><AdditionalFiles Include="Models/model.onnx" /></ItemGroup>\n</Project>|' "$onnx/App.csproj"
cat > "$onnx/Program.cs" <<'CS'
using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using CompiledNN;

using JsonDocument expected = JsonDocument.Parse(File.ReadAllText("expected.json"));
float[][] inputs = Rows("inputs"), outputs = Rows("outputs");
double worst = 0;
var output = new float[ImportedNet.OutputSize];
for (int row = 0; row < inputs.Length; row++)
{
    ImportedNet.Predict(inputs[row], output);
    worst = Math.Max(worst, output.Zip(outputs[row], (a, b) => Math.Abs(a - b)).Max());
}

Console.WriteLine(worst <= 1e-5 ? "onnx ok" : $"onnx differs by {worst}");

float[][] Rows(string name) => expected.RootElement.GetProperty(name).EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetSingle()).ToArray()).ToArray();

[OnnxModel("model.onnx", InferenceOnly = true)]
public partial class ImportedNet;
CS
imported=$(cd "$onnx" && DOTNET_ROLL_FORWARD=Major dotnet run -c Release)
[ "$imported" = "onnx ok" ] || { echo "package smoke: the imported ONNX model's predictions differ from PyTorch's:"; echo "$imported"; exit 1; }
echo "package smoke: an ONNX model compiled in and agreed with PyTorch"
head -c 700 "$onnx/Models/model.onnx" > "$onnx/Models/truncated.onnx"
sed -i 's|<AdditionalFiles Include="Models/model.onnx" />|<AdditionalFiles Include="Models/model.onnx;Models/truncated.onnx" />|' "$onnx/App.csproj"
printf '\n[OnnxModel("truncated.onnx")]\npublic partial class TruncatedNet;\n' >> "$onnx/Program.cs"
if truncated=$(cd "$onnx" && dotnet build -c Release 2>&1); then
    echo "package smoke: a truncated ONNX model built without error"; exit 1
fi
grep -q 'error CNN0303' <<<"$truncated" || { echo "package smoke: expected CNN0303 for a truncated ONNX model:"; echo "$truncated" | tail -20; exit 1; }
echo "package smoke: CNN0303 reported for a truncated ONNX model"

# A wrong declaration must fail the consumer's build with the analyzer's ID (the analyzers ship in the package too).
new_app "$work/bad" net8.0
cat > "$work/bad/Program.cs" <<'CS'
using CompiledNN;

System.Console.WriteLine(nameof(NotPartialNet));

[Network]
[Input(2)]
[Dense(1, Activation.Sigmoid)]
public class NotPartialNet;
CS
if bad=$(cd "$work/bad" && dotnet build -c Release 2>&1); then
    echo "package smoke: a non-partial network built without error"; exit 1
fi
grep -q 'error CNN0001' <<<"$bad" || { echo "package smoke: expected CNN0001 in the failed build:"; echo "$bad" | tail -20; exit 1; }
echo "package smoke: CNN0001 reported for a non-partial network"
