using System.Globalization;
using System.Text;

namespace FundingArb.Tests.Venues.Binance;

/// <summary>Frames built from the documented field lists (the docs' examples have 1 or 5 levels): depth events with
/// any number of levels, and REST depth snapshots.</summary>
internal static class BinanceFrames
{
    public const long EventTimeMs = 1571889248277;
    public const long TransactionTimeMs = 1571889248276;
    public const long FirstUpdateId = 390497796;
    public const long LastUpdateId = 390497878;
    public const long PrevUpdateId = 390497794;

    public static string BidPrice(int i) => (30000m - i * 0.1m).ToString("0.0", CultureInfo.InvariantCulture);

    public static string AskPrice(int i) => (30000.1m + i * 0.1m).ToString("0.0", CultureInfo.InvariantCulture);

    public static string LevelQuantity(int i) => string.Create(CultureInfo.InvariantCulture, $"{i + 1}.{i % 1000:000}");

    /// <summary>A depthUpdate with <paramref name="levels"/> bids and <paramref name="askLevels"/> (default: as many) asks,
    /// wrapped in a combined-stream envelope when <paramref name="stream"/> is given.</summary>
    public static string Depth(int levels, int? askLevels = null, string symbol = "BTCUSDT", string? stream = null)
    {
        var sb = new StringBuilder();
        if (stream is not null) sb.Append("{\"stream\":\"").Append(stream).Append("\",\"data\":");
        sb.Append(CultureInfo.InvariantCulture,
            $"{{\"e\":\"depthUpdate\",\"E\":{EventTimeMs},\"T\":{TransactionTimeMs},\"s\":\"{symbol}\",\"U\":{FirstUpdateId},\"u\":{LastUpdateId},\"pu\":{PrevUpdateId},");
        AppendLevels(sb, "b", levels, BidPrice);
        sb.Append(',');
        AppendLevels(sb, "a", askLevels ?? levels, AskPrice);
        sb.Append('}');
        if (stream is not null) sb.Append('}');
        return sb.ToString();
    }

    /// <summary>A REST <c>/fapi/v1/depth</c> body with <paramref name="levels"/> levels per side.</summary>
    public static string Snapshot(int levels, long lastUpdateId = 1027024)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{{\"lastUpdateId\":{lastUpdateId},\"E\":{EventTimeMs},\"T\":{TransactionTimeMs},");
        AppendLevels(sb, "bids", levels, BidPrice);
        sb.Append(',');
        AppendLevels(sb, "asks", levels, AskPrice);
        sb.Append('}');
        return sb.ToString();
    }

    private static void AppendLevels(StringBuilder sb, string name, int count, Func<int, string> price)
    {
        sb.Append('"').Append(name).Append("\":[");
        for (var i = 0; i < count; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append("[\"").Append(price(i)).Append("\",\"").Append(LevelQuantity(i)).Append("\"]");
        }
        sb.Append(']');
    }
}
