using System;

namespace CompiledNN.Tests.Pinning;

/// <summary>A 64-bit FNV-1a hash of the raw bits of floats, so that a pin changes with any one bit of any value.</summary>
internal static class BitHash
{
    private const ulong OffsetBasis = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    /// <summary>16 hex digits of the hash of the values' bits, four little-endian bytes each, preceded by the count.</summary>
    public static string Of(ReadOnlySpan<float> values)
    {
        ulong hash = Mix(OffsetBasis, (uint)values.Length);
        foreach (float value in values)
        {
            hash = Mix(hash, (uint)BitConverter.SingleToInt32Bits(value));
        }

        return hash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A float readably and exactly: the shortest round-trip decimal and its bits in hex.</summary>
    public static string Exact(float value) =>
        $"{value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} ({BitConverter.SingleToInt32Bits(value):x8})";

    private static ulong Mix(ulong hash, uint word)
    {
        for (int b = 0; b < 4; b++)
        {
            hash = unchecked((hash ^ ((word >> (8 * b)) & 0xFF)) * Prime);
        }

        return hash;
    }
}
