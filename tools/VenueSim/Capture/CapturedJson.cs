using System.Globalization;
using System.Text.Json;

namespace FundingArb.VenueSim.Capture;

/// <summary>Reading the few value shapes captured frames use: decimals sent as strings (or numbers), times as
/// millisecond strings or numbers, and book levels as arrays whose first two items are price and quantity.</summary>
internal static class CapturedJson
{
    public static decimal? Decimal(JsonElement owner, string name) =>
        owner.ValueKind == JsonValueKind.Object && owner.TryGetProperty(name, out var value) ? Decimal(value) : null;

    public static decimal? Decimal(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetDecimal(out var d) => d,
        JsonValueKind.String when decimal.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    public static long? Long(JsonElement owner, string name)
    {
        if (owner.ValueKind != JsonValueKind.Object || !owner.TryGetProperty(name, out var value)) return null;
        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var l) => l,
            JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => l,
            _ => null,
        };
    }

    public static string? String(JsonElement owner, string name) =>
        owner.ValueKind == JsonValueKind.Object && owner.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>The (price, quantity) pairs of a level array such as <c>[["100.1","2"],…]</c> or OKX's
    /// <c>[["100.1","2","0","4"],…]</c>; levels that are not numbers are skipped.</summary>
    public static IEnumerable<(decimal Price, decimal Quantity)> Levels(JsonElement owner, string name)
    {
        if (owner.ValueKind != JsonValueKind.Object || !owner.TryGetProperty(name, out var levels) || levels.ValueKind != JsonValueKind.Array)
            yield break;
        foreach (var level in levels.EnumerateArray())
        {
            if (level.ValueKind != JsonValueKind.Array || level.GetArrayLength() < 2) continue;
            if (Decimal(level[0]) is { } price && Decimal(level[1]) is { } quantity && price > 0 && quantity >= 0)
                yield return (price, quantity);
        }
    }

    /// <summary>The value of <paramref name="name"/> in a path's query string (<c>/fapi/v1/depth?symbol=BTCUSDT</c>).</summary>
    public static string? QueryValue(string pathAndQuery, string name)
    {
        var q = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        if (q < 0) return null;
        foreach (var pair in pathAndQuery.AsSpan(q + 1).ToString().Split('&'))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && pair.AsSpan(0, eq).SequenceEqual(name)) return Uri.UnescapeDataString(pair[(eq + 1)..]);
        }
        return null;
    }

    /// <summary>The path without its query string.</summary>
    public static string PathOf(string pathAndQuery)
    {
        var q = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        return q < 0 ? pathAndQuery : pathAndQuery[..q];
    }
}
