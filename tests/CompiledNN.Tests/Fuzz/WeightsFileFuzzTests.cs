using System.IO;
using CompiledNN.Tests.Networks;
using CompiledNN.Tests.Persistence;
using Xunit;

namespace CompiledNN.Tests.Fuzz;

[Trait("Category", "Fuzz")]
public sealed class WeightsFileFuzzTests
{
    [Fact]
    public void Damaged_weights_files_are_loaded_whole_or_rejected_with_nothing_changed()
    {
        FuzzRunner.Run(
            "weights-json",
            [NetworkLoad.Saved(new TorchNet(1).Save), NetworkLoad.Saved(new TorchNet(2).Save), Fixtures.Bytes("torch-4-8-3.weights.json")],
            iterations: 3000,
            seed: 24_01,
            read: static input =>
            {
                var network = new TorchNet(seed: 3);
                NetworkLoad.Check(network, () => network.LoadParameters(new MemoryStream(input)));
            },
            isDocumented: static e => e is InvalidDataException,
            // The text is decoded, parsed and its base64 decoded: a few copies of the input.
            allowedAllocation: static input => FuzzRunner.BaseAllocation + (32L * input.Length));
    }
}
