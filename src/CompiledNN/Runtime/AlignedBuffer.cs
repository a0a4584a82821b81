using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CompiledNN.Runtime;

/// <summary>
/// Floats in memory that never moves, the first on a 64-byte boundary: a network's parameters, and the kernels' panel
/// copies. An ordinary array starts wherever the garbage collector puts it, at a multiple of 8 bytes, and a vector load
/// that straddles two cache lines costs a second access, so a network's speed would depend on where its array happened
/// to land (docs/performance.md, Where the parameters lie). From here, every block whose offset is a multiple of 16
/// floats is read in whole cache lines, the same way in every run.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class AlignedBuffer
{
    /// <summary>The boundary, in bytes, that the first float starts on: one cache line, one 512-bit vector.</summary>
    public const int Alignment = 64;

    private const int Padding = (Alignment / sizeof(float)) - 1;

    private readonly float[] _array;
    private readonly int _start;

    /// <summary>Creates <paramref name="length"/> floats, all 0.</summary>
    /// <param name="length">The number of floats.</param>
    public AlignedBuffer(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);

        // The pinned object heap never moves an array, so the offset of the first aligned element stays right.
        _array = GC.AllocateArray<float>(length + Padding, pinned: true);
        _start = StartOfAlignedData(_array);
        Length = length;
    }

    /// <summary>Creates a buffer holding a copy of <paramref name="values"/>.</summary>
    /// <param name="values">The floats.</param>
    public AlignedBuffer(ReadOnlySpan<float> values)
        : this(values.Length)
    {
        values.CopyTo(Span);
    }

    /// <summary>The number of floats.</summary>
    public int Length { get; }

    /// <summary>Every float.</summary>
    public Span<float> Span => new(_array, _start, Length);

    /// <summary>The first float, for kernels that address the others from it.</summary>
    public ref float Origin => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_array), _start);

    /// <summary>The <paramref name="length"/> floats from <paramref name="start"/>.</summary>
    /// <param name="start">The first float's index.</param>
    /// <param name="length">The number of floats.</param>
    /// <returns>The floats, writable.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The range does not lie within the buffer.</exception>
    public Span<float> Slice(int start, int length) => Span.Slice(start, length);

    /// <summary>The floats as an array, from <see cref="Start"/>: for work shared between threads, which cannot hold a span.</summary>
    internal float[] Array => _array;

    /// <summary>Where the first float lies in <see cref="Array"/>.</summary>
    internal int Start => _start;

    private static unsafe int StartOfAlignedData(float[] array)
    {
        nuint address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
        return (int)((Alignment - (address % Alignment)) % Alignment) / sizeof(float);
    }
}
