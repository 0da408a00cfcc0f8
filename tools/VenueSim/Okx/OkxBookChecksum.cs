using System.Text;

namespace FundingArb.VenueSim.Okx;

/// <summary>The books checksum of earlier docs revisions (legacy mode): CRC32, as a signed 32-bit integer, of the first
/// 25 bids and asks alternating as "bidPx:bidSz:askPx:askSz:…" (a side with fewer levels simply contributes fewer),
/// using the price and size strings exactly as pushed. The current docs fix the field at 0 and point to seqId instead.</summary>
public static class OkxBookChecksum
{
    public const int Depth = 25;
    private static readonly uint[] Table = BuildTable();

    public static string CheckString(IReadOnlyList<(decimal Price, decimal Size)> bids, IReadOnlyList<(decimal Price, decimal Size)> asks)
    {
        var parts = new List<string>(4 * Depth);
        for (var i = 0; i < Depth; i++)
        {
            if (i < bids.Count) { parts.Add(OkxWire.Number(bids[i].Price)); parts.Add(OkxWire.Number(bids[i].Size)); }
            if (i < asks.Count) { parts.Add(OkxWire.Number(asks[i].Price)); parts.Add(OkxWire.Number(asks[i].Size)); }
        }
        return string.Join(':', parts);
    }

    public static int Compute(IReadOnlyList<(decimal Price, decimal Size)> bids, IReadOnlyList<(decimal Price, decimal Size)> asks) =>
        Crc32(Encoding.ASCII.GetBytes(CheckString(bids, asks)));

    /// <summary>A checksum no client accepts for a book whose CRC32 is <paramref name="correct"/> (a bad-checksum fault):
    /// its complement, which differs from the CRC32, and never 0, the value the current docs fix the field at.</summary>
    public static int Wrong(int correct) => ~correct is var wrong && wrong != 0 ? wrong : 1;

    /// <summary>CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320) reinterpreted as a signed integer.</summary>
    public static int Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFF_FFFFu;
        foreach (var b in data) crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return unchecked((int)~crc);
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
