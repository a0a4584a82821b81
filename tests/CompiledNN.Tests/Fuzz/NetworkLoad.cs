using System;
using System.IO;
using System.Linq;
using CompiledNN.Tests.Persistence;
using Xunit.Sdk;

namespace CompiledNN.Tests.Fuzz;

/// <summary>The promise of every parameter loader: a rejected file leaves the network bit for bit as it was, an accepted one leaves it finite.</summary>
internal static class NetworkLoad
{
    /// <summary>What <paramref name="save"/> writes: a valid file to start mutations from.</summary>
    public static byte[] Saved(Action<Stream> save)
    {
        using var file = new MemoryStream();
        save(file);
        return file.ToArray();
    }

    public static void Check(INetwork network, Action load)
    {
        int[] before = Fixtures.Bits(network);
        try
        {
            load();
        }
        catch (InvalidDataException)
        {
            if (!Fixtures.Bits(network).SequenceEqual(before))
            {
                throw new XunitException("the file was rejected, but the parameters changed");
            }

            throw;
        }

        if (!Fixtures.Parameters(network).All(float.IsFinite))
        {
            throw new XunitException("the file was accepted with a parameter that is not finite");
        }
    }
}
