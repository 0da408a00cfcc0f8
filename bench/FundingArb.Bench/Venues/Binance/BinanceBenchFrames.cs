using System.Globalization;
using System.Text;

namespace FundingArb.Bench.Venues.Binance;

/// <summary>The frames measured, as the engine receives them (combined-stream envelopes): the docs' mark-price example,
/// and a diff-depth event with 20 levels per side built from the documented fields.</summary>
public static class BinanceBenchFrames
{
    public static readonly byte[] MarkPrice = Encoding.UTF8.GetBytes(
        """{"stream":"btcusdt@markPrice@1s","data":{"e":"markPriceUpdate","E":1562305380000,"s":"BTCUSDT","p":"11794.15000000","i":"11784.62659091","P":"11784.25641265","r":"0.00038167","T":1562306400000}}""");

    public static readonly byte[] Depth20 = Encoding.UTF8.GetBytes(Depth(20));

    private static string Depth(int levels)
    {
        var sb = new StringBuilder(
            """{"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":1571889248277,"T":1571889248276,"s":"BTCUSDT","U":390497796,"u":390497878,"pu":390497794,"b":[""");
        for (var i = 0; i < levels; i++)
            sb.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $"[\"{67321.4m - i * 0.1m:0.00}\",\"{0.001m * (i + 1) * 37:0.000}\"]");
        sb.Append("],\"a\":[");
        for (var i = 0; i < levels; i++)
            sb.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $"[\"{67321.5m + i * 0.1m:0.00}\",\"{0.001m * (i + 1) * 41:0.000}\"]");
        sb.Append("]}}");
        return sb.ToString();
    }
}
