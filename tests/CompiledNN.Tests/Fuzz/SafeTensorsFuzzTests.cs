using System.IO;
using CompiledNN.Persistence;
using CompiledNN.Tests.Networks;
using CompiledNN.Tests.Persistence;
using Xunit;

namespace CompiledNN.Tests.Fuzz;

[Trait("Category", "Fuzz")]
public sealed class SafeTensorsFuzzTests
{
    [Fact]
    public void Damaged_safetensors_are_imported_whole_or_rejected_with_nothing_changed()
    {
        // With Export's checksum and without it (PyTorch's file), whose damaged data bytes can only be checked for finiteness.
        FuzzRunner.Run(
            "safetensors",
            [NetworkLoad.Saved(file => SafeTensors.Export(new TorchNet(1), file)), Fixtures.Bytes("torch-4-8-3.safetensors")],
            iterations: 3000,
            seed: 24_02,
            read: static input =>
            {
                var network = new TorchNet(seed: 3);
                NetworkLoad.Check(network, () => SafeTensors.Import(network, new MemoryStream(input)));
            },
            isDocumented: static e => e is InvalidDataException,
            // The header is parsed into a document and the data read once; the network's size is fixed.
            allowedAllocation: static input => FuzzRunner.BaseAllocation + (32L * input.Length));
    }
}
