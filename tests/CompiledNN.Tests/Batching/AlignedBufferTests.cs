using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using CompiledNN.Runtime;
using CompiledNN.Tests.Helpers;
using Xunit;

namespace CompiledNN.Tests.Batching;

/// <summary>
/// The parameters' storage: the first parameter on a 64-byte boundary whatever the length, still there after the
/// garbage collector has compacted the heap, and no access beyond the parameters into the padding before or after them.
/// </summary>
public sealed class AlignedBufferTests
{
    [Fact]
    public void TheFirstParameterStartsOnA64ByteBoundaryAndStaysThere()
    {
        var buffers = new List<AlignedBuffer>();
        var garbage = new List<float[]>();
        for (int length = 0; length < 200; length += 7)
        {
            // Arrays of other lengths between the buffers, so that their starts fall on every multiple of 8 bytes.
            garbage.Add(new float[length % 5]);
            buffers.Add(new AlignedBuffer(length));
        }

        garbage.Clear();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);

        foreach (AlignedBuffer buffer in buffers)
        {
            Assert.Equal(0, AddressOf(ref buffer.Origin) % AlignedBuffer.Alignment);
        }
    }

    [Fact]
    public void ValuesAreCopiedAndSlicesStayWithinTheParameters()
    {
        float[] values = TestData.Uniform(37, 5, min: -1f);
        var buffer = new AlignedBuffer(values);

        Assert.Equal(values.Length, buffer.Length);
        Assert.Equal(values, buffer.Span.ToArray());
        Assert.Equal(values[3..10], buffer.Slice(3, 7).ToArray());
        Assert.Equal(values[0], buffer.Origin);

        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Slice(30, 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Slice(-1, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AlignedBuffer(-1));
    }

    private static unsafe long AddressOf(ref float value) => (long)Unsafe.AsPointer(ref value);
}
