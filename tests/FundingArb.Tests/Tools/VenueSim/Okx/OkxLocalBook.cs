using System.IO.Hashing;
using System.Text;
using System.Text.Json;

namespace FundingArb.Tests.Tools.VenueSim.Okx;

/// <summary>A client's local book built from the pushes: absolute sizes, "0" removes a level.</summary>
internal sealed class OkxLocalBook
{
    private readonly SortedDictionary<decimal, string[]> _bids = new(Comparer<decimal>.Create((a, b) => b.CompareTo(a)));
    private readonly SortedDictionary<decimal, string[]> _asks = new();

    public void Apply(JsonElement data)
    {
        Merge(_asks, data.GetProperty("asks"));
        Merge(_bids, data.GetProperty("bids"));
    }

    private static void Merge(SortedDictionary<decimal, string[]> side, JsonElement levels)
    {
        foreach (var level in levels.EnumerateArray())
        {
            var price = decimal.Parse(level[0].GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            if (level[1].GetString() == "0") side.Remove(price);
            else side[price] = [level[0].GetString()!, level[1].GetString()!];
        }
    }

    /// <summary>The legacy checksum as the older docs describe it: the first 25 bids and asks alternating as
    /// bidPx:bidSz:askPx:askSz…, strings as pushed, CRC32 as a signed 32-bit integer.</summary>
    public int Checksum()
    {
        var bids = _bids.Values.Take(25).ToList();
        var asks = _asks.Values.Take(25).ToList();
        var parts = new List<string>();
        for (var i = 0; i < 25; i++)
        {
            if (i < bids.Count) parts.AddRange(bids[i]);
            if (i < asks.Count) parts.AddRange(asks[i]);
        }
        return unchecked((int)Crc32.HashToUInt32(Encoding.ASCII.GetBytes(string.Join(':', parts))));
    }

    public string Top => $"{_bids.First().Value[0]}/{_asks.First().Value[0]}";
}
