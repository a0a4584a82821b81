using System.Collections.Generic;

namespace CompiledNN.Generators.Planning;

/// <summary>A run of units that straight-line code keeps in one register: its first unit, its width, and how many of its lanes are units.</summary>
internal sealed record RegisterGroup(int First, int Width, int Used)
{
    /// <summary>The register's type, <c>float</c> for a single lane.</summary>
    public string Vector => Width == 1 ? "float" : $"Simd::Vector{Width * 32}<float>";

    /// <summary>The static class of the register's width, e.g. <c>Vector512</c>.</summary>
    public string Type => $"Simd::Vector{Width * 32}";

    /// <summary>
    /// A forward row's registers: 16 (where <paramref name="widest"/> allows), 8 and 4 floats, the last 1–3 units sharing
    /// one 4-lane register whose unused lanes read the next floats of the block and are never stored.
    /// </summary>
    public static List<RegisterGroup> ForRow(int units, int widest = 16) => Split(units, widest >= 16 ? [16, 8, 4] : [8, 4], padTail: true);

    /// <summary>A backward row's registers: 16, 8 and 4 floats, then one by one, so that no load or store passes the layer's end.</summary>
    public static List<RegisterGroup> ForBackward(int units) => Split(units, [16, 8, 4, 1], padTail: false);

    private static List<RegisterGroup> Split(int units, int[] widths, bool padTail)
    {
        var groups = new List<RegisterGroup>();
        int j = 0;
        foreach (int width in widths)
        {
            for (; units - j >= width; j += width)
            {
                groups.Add(new RegisterGroup(j, width, width));
            }
        }

        if (padTail && j < units)
        {
            groups.Add(new RegisterGroup(j, 4, units - j));
        }

        return groups;
    }
}
