// Shared with the generator (see NetworkArchitecture.cs): netstandard2.0 only.
namespace CompiledNN.Persistence;

/// <summary>
/// CRC-32 as in zlib, PNG and <c>zlib.crc32</c> in Python (reflected polynomial 0xEDB88320, initial and final value
/// 0xFFFFFFFF). A weights file carries it to detect accidental damage; it is not a defence against tampering.
/// </summary>
internal static class Crc32
{
    private static readonly uint[] Table = CreateTable();

    /// <summary>The CRC-32 of <paramref name="bytes"/>.</summary>
    public static uint Compute(byte[] bytes)
    {
        uint crc = 0xFFFFFFFFu;
        foreach (byte b in bytes)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc ^ 0xFFFFFFFFu;
    }

    private static uint[] CreateTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
