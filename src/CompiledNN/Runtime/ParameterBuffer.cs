using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CompiledNN.Runtime;

/// <summary>
/// A network's parameters in memory that never moves and starts on a 64-byte boundary, so that every layer whose
/// offset is a multiple of 16 floats is read in whole cache lines, the same way on every run. An ordinary array starts
/// wherever the garbage collector puts it, and a vector load that straddles two cache lines costs a second access: a
/// network's speed would depend on where its array happened to land (docs/performance.md, Where the parameters lie).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ParameterBuffer
{
    /// <summary>The boundary, in bytes, that the first parameter starts on: one cache line, one 512-bit vector.</summary>
    public const int Alignment = 64;

    private const int Padding = (Alignment / sizeof(float)) - 1;

    private readonly float[] _array;
    private readonly int _start;

    /// <summary>Creates <paramref name="length"/> parameters, all 0.</summary>
    /// <param name="length">The number of parameters.</param>
    public ParameterBuffer(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);

        // The pinned object heap never moves an array, so the offset of the first aligned element stays right.
        _array = GC.AllocateArray<float>(length + Padding, pinned: true);
        _start = StartOfAlignedData(_array);
        Length = length;
    }

    /// <summary>Creates a buffer holding a copy of <paramref name="values"/>.</summary>
    /// <param name="values">The parameters.</param>
    public ParameterBuffer(ReadOnlySpan<float> values)
        : this(values.Length)
    {
        values.CopyTo(Span);
    }

    /// <summary>The number of parameters.</summary>
    public int Length { get; }

    /// <summary>Every parameter.</summary>
    public Span<float> Span => new(_array, _start, Length);

    /// <summary>The first parameter, for kernels that address the others from it.</summary>
    public ref float Origin => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_array), _start);

    /// <summary>The <paramref name="length"/> parameters from <paramref name="start"/>.</summary>
    /// <param name="start">The first parameter's index.</param>
    /// <param name="length">The number of parameters.</param>
    /// <returns>The parameters, writable.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The range does not lie within the buffer.</exception>
    public Span<float> Slice(int start, int length) => Span.Slice(start, length);

    /// <summary>The parameters as an array and the index of the first: for work shared between threads, which cannot hold a span.</summary>
    internal float[] Array => _array;

    /// <summary>Where the first parameter lies in <see cref="Array"/>.</summary>
    internal int Start => _start;

    private static unsafe int StartOfAlignedData(float[] array)
    {
        nuint address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
        return (int)((Alignment - (address % Alignment)) % Alignment) / sizeof(float);
    }
}
