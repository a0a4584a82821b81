#!/usr/bin/env bash
# What a new user does: pack CompiledNN, create a fresh console project outside the solution, add the package from
# a local feed, declare a network, build with nullable and warnings as errors, run it, then publish it with NativeAOT
# and run that too. Both runs must print the same, correct predictions, and a wrong declaration must fail the build
# with its diagnostic.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dotnet pack "$root/src/CompiledNN/CompiledNN.csproj" -c Release -o "$work/feed" -p:ContinuousIntegrationBuild=true >/dev/null
version=$(ls "$work/feed" | sed -nE 's/^CompiledNN\.([0-9][^s]*)\.nupkg$/\1/p')

mkdir "$work/app"
cd "$work/app"
cat > nuget.config <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$work/feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
XML
cat > App.csproj <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
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
cat > Program.cs <<'CS'
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
expected=$'0 xor 0 = 0\n0 xor 1 = 1\n1 xor 0 = 1\n1 xor 1 = 0'

jit=$(dotnet run -c Release)
[ "$jit" = "$expected" ] || { echo "package smoke: JIT output differs:"; echo "$jit"; exit 1; }
echo "package smoke: JIT run OK"

# A wrong declaration must fail the consumer's build with the analyzer's ID (the analyzers ship in the package too).
mkdir "$work/bad"
cp nuget.config App.csproj "$work/bad/"
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

dotnet publish -c Release -r linux-x64 -p:PublishAot=true -o "$work/aot" >/dev/null
# The package's build targets chose the instruction set (x86-64-v3, not .NET's baseline without AVX2 and FMA).
grep -q -- '--instruction-set:x86-64-v3' obj/Release/net10.0/linux-x64/native/App.ilc.rsp ||
  { echo "package smoke: the NativeAOT publish did not get the package's instruction set"; exit 1; }
aot=$("$work/aot/App")
[ "$aot" = "$expected" ] || { echo "package smoke: NativeAOT output differs:"; echo "$aot"; exit 1; }
echo "package smoke: NativeAOT run OK ($(du -h "$work/aot/App" | cut -f1) binary)"
