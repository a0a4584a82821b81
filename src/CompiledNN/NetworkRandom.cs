using System;

namespace CompiledNN;

/// <summary>
/// The random generator behind every seeded choice in CompiledNN (initial weights, shuffling, splits). It is
/// specified here, not borrowed from the runtime, so that a seed gives the same network on every machine and every
/// .NET version.
/// </summary>
/// <remarks>
/// <para>The generator is SplitMix64 (Steele, Lea and Flood, 2014): the state starts at the seed as an unsigned 64-bit
/// integer, each draw adds 0x9E3779B97F4A7C15 to it and mixes the result with
/// <c>z = (z ^ (z &gt;&gt; 30)) * 0xBF58476D1CE4E5B9; z = (z ^ (z &gt;&gt; 27)) * 0x94D049BB133111EB; z ^= z &gt;&gt; 31</c>.</para>
/// <para><see cref="NextSingle"/> is the top 24 bits of a draw times 2^-24, in [0, 1).
/// <see cref="NextDouble"/> is the top 53 bits times 2^-53, in [0, 1). <see cref="NextNormal"/> is the
/// Box-Muller cosine branch, <c>√(−2 ln(1 − u1)) · cos(2π u2)</c> in double precision from two <see cref="NextDouble"/>
/// draws. <see cref="NextInt"/> takes a draw modulo the bound after rejecting the biased top of the range.</para>
/// </remarks>
public sealed class NetworkRandom
{
    private ulong _state;

    /// <summary>Starts the sequence of <paramref name="seed"/>.</summary>
    /// <param name="seed">Any value; equal seeds give equal sequences.</param>
    public NetworkRandom(long seed) => _state = unchecked((ulong)seed);

    /// <summary>The next 64 random bits.</summary>
    /// <returns>A uniformly distributed 64-bit value.</returns>
    public ulong NextUInt64() => Next(ref _state);

    /// <summary>The next 64 random bits of the sequence whose state is <paramref name="state"/>, which it advances.</summary>
    internal static ulong Next(ref ulong state)
    {
        ulong z = unchecked(state += 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }

    /// <summary>A uniform value in [0, 1) with 24 random bits.</summary>
    /// <returns>The value.</returns>
    public float NextSingle() => (NextUInt64() >> 40) * (1.0f / (1 << 24));

    /// <summary>A uniform value in [0, 1) with 53 random bits.</summary>
    /// <returns>The value.</returns>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A standard normal value, N(0, 1), by the Box-Muller transform.</summary>
    /// <returns>The value.</returns>
    public double NextNormal()
    {
        double u1 = NextDouble();
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(1.0 - u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>A uniform integer in [0, <paramref name="bound"/>).</summary>
    /// <param name="bound">The exclusive upper bound; at least 1.</param>
    /// <returns>The value.</returns>
    public int NextInt(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bound, 1);
        ulong range = (ulong)bound;
        ulong limit = ulong.MaxValue - (ulong.MaxValue % range);
        ulong draw;
        do
        {
            draw = NextUInt64();
        }
        while (draw >= limit);
        return (int)(draw % range);
    }

    /// <summary>Shuffles <paramref name="items"/> in place with the Fisher-Yates algorithm.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="items">The elements to permute.</param>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
