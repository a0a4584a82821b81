using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Text;

namespace CompiledNN.Tests.Fuzz;

/// <summary>
/// Damages a valid input the ways files get damaged or crafted: flipped bits, truncation, inserted, deleted and
/// repeated bytes, header fields (binary integers, numbers in text) set to boundary values, and special tokens inserted.
/// </summary>
internal static class Mutator
{
    private static readonly byte[] InterestingBytes = [0, 1, 0x7F, 0x80, 0xFF, (byte)'"', (byte)'\\', (byte)',', (byte)'\n', (byte)'\r', (byte)'{', (byte)'}', (byte)'[', (byte)']', (byte)':', (byte)'-'];

    private static readonly int[] InterestingIntegers = [0, 1, -1, 2, 255, 256, 0x7FFF, 0x8000, 0xFFFF, 0x10000, 46_341, 0x40000000, int.MaxValue, int.MinValue];

    private static readonly string[] InterestingNumbers =
        ["0", "-1", "1", "65536", "2147483647", "2147483648", "4294967296", "99999999999999999999", "1e39", "-1e-45", "NaN", "1.5", "0x10", ""];

    // Text that JSON and CSV readers treat specially: escapes (a lone surrogate among them), quotes, separators, literals.
    private static readonly string[] InterestingTokens =
        ["\\ud800", "\\udc00\\ud800", "\\u0000", "\\\"", "\"", "\"\"", ",", ";", "\r", "\r\n", "null", "true", "{}", "[]", "\uFEFF", "\u00e9"];

    /// <summary>One to four mutations of <paramref name="input"/> (which is not changed).</summary>
    public static byte[] Mutate(Random random, byte[] input)
    {
        var bytes = new List<byte>(input);
        for (int mutations = random.Next(1, 5); mutations > 0; mutations--)
        {
            MutateOnce(random, bytes);
        }

        return bytes.ToArray();
    }

    private static void MutateOnce(Random random, List<byte> bytes)
    {
        int at = random.Next(bytes.Count + 1);
        switch (random.Next(11))
        {
            case 0 when at < bytes.Count:
                bytes[at] ^= (byte)(1 << random.Next(8));
                break;
            case 1 when at < bytes.Count:
                bytes[at] = (byte)random.Next(256);
                break;
            case 2 when at < bytes.Count:
                bytes[at] = InterestingBytes[random.Next(InterestingBytes.Length)];
                break;
            case 3:
                bytes.RemoveRange(at, bytes.Count - at);
                break;
            case 4:
                bytes.InsertRange(at, RandomBytes(random, random.Next(1, 9)));
                break;
            case 5 when at < bytes.Count:
                bytes.RemoveRange(at, Math.Min(random.Next(1, 17), bytes.Count - at));
                break;
            case 6 when bytes.Count > 0:
                int from = random.Next(bytes.Count);
                bytes.InsertRange(at, bytes.GetRange(from, Math.Min(random.Next(1, 65), bytes.Count - from)));
                break;
            case 7:
                SetHeaderInteger(random, bytes);
                break;
            case 8:
                ReplaceNumber(random, bytes);
                break;
            case 9:
                InsertToken(random, bytes, at);
                break;
            default:
                bytes.AddRange(RandomBytes(random, random.Next(1, 9)));
                break;
        }
    }

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    // Inserted, or written over as many bytes, so that formats whose lengths are fixed in a header still parse past it.
    private static void InsertToken(Random random, List<byte> bytes, int at)
    {
        byte[] token = Encoding.UTF8.GetBytes(InterestingTokens[random.Next(InterestingTokens.Length)]);
        if (random.Next(2) == 0)
        {
            bytes.RemoveRange(at, Math.Min(token.Length, bytes.Count - at));
        }

        bytes.InsertRange(at, token);
    }

    // A 4- or 8-byte field near the start, where binary formats keep their sizes, in either byte order.
    private static void SetHeaderInteger(Random random, List<byte> bytes)
    {
        int width = random.Next(2) == 0 ? 4 : 8;
        if (bytes.Count < width)
        {
            return;
        }

        int at = random.Next(Math.Min(bytes.Count, 64) - width + 1);
        long value = InterestingIntegers[random.Next(InterestingIntegers.Length)];
        Span<byte> field = stackalloc byte[8];
        bool bigEndian = random.Next(2) == 0;
        if (width == 4 && bigEndian)
        {
            BinaryPrimitives.WriteInt32BigEndian(field, (int)value);
        }
        else if (width == 4)
        {
            BinaryPrimitives.WriteInt32LittleEndian(field, (int)value);
        }
        else if (bigEndian)
        {
            BinaryPrimitives.WriteInt64BigEndian(field, value);
        }
        else
        {
            BinaryPrimitives.WriteInt64LittleEndian(field, value);
        }

        for (int i = 0; i < width; i++)
        {
            bytes[at + i] = field[i];
        }
    }

    // A run of ASCII digits (a size, count or value in a text format) replaced by a boundary value.
    private static void ReplaceNumber(Random random, List<byte> bytes)
    {
        int start = random.Next(bytes.Count + 1);
        while (start < bytes.Count && !char.IsAsciiDigit((char)bytes[start]))
        {
            start++;
        }

        int end = start;
        while (end < bytes.Count && char.IsAsciiDigit((char)bytes[end]))
        {
            end++;
        }

        bytes.RemoveRange(start, end - start);
        bytes.InsertRange(start, Encoding.ASCII.GetBytes(InterestingNumbers[random.Next(InterestingNumbers.Length)]));
    }
}
