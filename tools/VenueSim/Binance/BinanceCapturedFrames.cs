using System.Text.Json;
using FundingArb.VenueSim.Capture;

namespace FundingArb.VenueSim.Binance;

/// <summary>Binance USDⓈ-M market data in a capture: <c>exchangeInfo</c> and <c>fundingInfo</c> for rules and
/// intervals, <c>premiumIndex</c> answers and <c>markPriceUpdate</c> events for mark/index/rate, <c>depth</c> snapshots
/// and <c>depthUpdate</c> events for the book. Diff events are applied only on a snapshot they continue (the documented
/// sync: events after the snapshot's <c>lastUpdateId</c>, each <c>pu</c> equal to the previous <c>u</c>); partial-depth
/// streams (<c>@depth5|10|20</c>) are whole books.</summary>
public sealed class BinanceCapturedFrames : ICapturedFrameReader
{
    private static readonly string[] QuoteAssets = ["USDT", "USDC", "BUSD", "FDUSD"];

    /// <summary>Per symbol, the last update id a diff event brought the book to; absent: no snapshot to apply it to.</summary>
    private readonly Dictionary<string, long> _lastUpdateId = new(StringComparer.Ordinal);

    public bool ReadRest(string pathAndQuery, JsonElement body, TimeSpan at, CapturedVenue venue)
    {
        switch (CapturedJson.PathOf(pathAndQuery))
        {
            case "/fapi/v1/exchangeInfo":
                if (!body.TryGetProperty("symbols", out var symbols) || symbols.ValueKind != JsonValueKind.Array) return false;
                foreach (var s in symbols.EnumerateArray()) ReadRules(s, venue);
                return true;
            case "/fapi/v1/fundingInfo":
                if (body.ValueKind != JsonValueKind.Array) return false;
                foreach (var info in body.EnumerateArray())
                    if (CapturedJson.String(info, "symbol") is { } symbol)
                    {
                        var instrument = venue.Instrument(symbol);
                        instrument.FundingIntervalHours = (int?)CapturedJson.Long(info, "fundingIntervalHours") ?? instrument.FundingIntervalHours;
                        instrument.FundingRateCap = CapturedJson.Decimal(info, "adjustedFundingRateCap") ?? instrument.FundingRateCap;
                        instrument.FundingRateFloor = CapturedJson.Decimal(info, "adjustedFundingRateFloor") ?? instrument.FundingRateFloor;
                    }
                return true;
            case "/fapi/v1/premiumIndex":
                if (body.ValueKind == JsonValueKind.Array)
                    foreach (var item in body.EnumerateArray()) ReadPremiumIndex(item, at, venue);
                else ReadPremiumIndex(body, at, venue);
                return true;
            case "/fapi/v1/depth":
                if (CapturedJson.QueryValue(pathAndQuery, "symbol") is not { } depthSymbol || CapturedJson.Long(body, "lastUpdateId") is not { } lastUpdateId)
                    return false;
                venue.Instrument(depthSymbol).ResetBook(at, CapturedJson.Levels(body, "bids"), CapturedJson.Levels(body, "asks"));
                _lastUpdateId[depthSymbol] = lastUpdateId;
                return true;
            default:
                return false;
        }
    }

    public bool ReadFrame(JsonElement frame, TimeSpan at, CapturedVenue venue)
    {
        var stream = "";
        if (frame.ValueKind == JsonValueKind.Object && frame.TryGetProperty("stream", out var name) && frame.TryGetProperty("data", out var data))
        {
            stream = name.GetString() ?? "";
            frame = data;
        }
        if (frame.ValueKind == JsonValueKind.Array)
        {
            var any = false;
            foreach (var item in frame.EnumerateArray()) any |= ReadEvent(item, stream, at, venue);
            return any;
        }
        return ReadEvent(frame, stream, at, venue);
    }

    private bool ReadEvent(JsonElement e, string stream, TimeSpan at, CapturedVenue venue)
    {
        if (CapturedJson.String(e, "s") is not { } symbol) return false;
        switch (CapturedJson.String(e, "e"))
        {
            case "markPriceUpdate":
                venue.Instrument(symbol).Observe(at, CapturedJson.Decimal(e, "p"), CapturedJson.Decimal(e, "i"), CapturedJson.Decimal(e, "r"));
                return true;
            case "depthUpdate" when IsPartialDepth(stream):
                venue.Instrument(symbol).ResetBook(at, CapturedJson.Levels(e, "b"), CapturedJson.Levels(e, "a"));
                return true;
            case "depthUpdate":
                if (CapturedJson.Long(e, "u") is not { } u || CapturedJson.Long(e, "pu") is not { } pu) return false;
                if (!_lastUpdateId.TryGetValue(symbol, out var last)) return false; // no snapshot yet
                if (u <= last) return true; // already in the snapshot
                var first = CapturedJson.Long(e, "U") ?? u;
                if (pu != last && first > last + 1)
                {
                    _lastUpdateId.Remove(symbol); // a gap: wait for the next snapshot, as the sync procedure says
                    return false;
                }
                venue.Instrument(symbol).ChangeBook(at, CapturedJson.Levels(e, "b"), CapturedJson.Levels(e, "a"));
                _lastUpdateId[symbol] = u;
                return true;
            default:
                return false;
        }
    }

    private static bool IsPartialDepth(string stream) =>
        stream.Contains("@depth5", StringComparison.Ordinal) || stream.Contains("@depth10", StringComparison.Ordinal)
        || stream.Contains("@depth20", StringComparison.Ordinal);

    private static void ReadPremiumIndex(JsonElement item, TimeSpan at, CapturedVenue venue)
    {
        if (CapturedJson.String(item, "symbol") is not { } symbol) return;
        venue.Instrument(symbol).Observe(at, CapturedJson.Decimal(item, "markPrice"), CapturedJson.Decimal(item, "indexPrice"),
            CapturedJson.Decimal(item, "lastFundingRate"));
    }

    private static void ReadRules(JsonElement s, CapturedVenue venue)
    {
        if (CapturedJson.String(s, "symbol") is not { } symbol) return;
        if (CapturedJson.String(s, "contractType") is { } type && type != "PERPETUAL") return;
        var instrument = venue.Instrument(symbol);
        instrument.BaseAsset = CapturedJson.String(s, "baseAsset") ?? BaseOf(symbol);
        instrument.QuoteAsset = CapturedJson.String(s, "quoteAsset");
        if (!s.TryGetProperty("filters", out var filters) || filters.ValueKind != JsonValueKind.Array) return;
        foreach (var filter in filters.EnumerateArray())
            switch (CapturedJson.String(filter, "filterType"))
            {
                case "PRICE_FILTER":
                    instrument.TickSize = CapturedJson.Decimal(filter, "tickSize");
                    break;
                case "LOT_SIZE":
                    instrument.StepSize = CapturedJson.Decimal(filter, "stepSize");
                    instrument.MinQty = CapturedJson.Decimal(filter, "minQty");
                    instrument.MaxQty = CapturedJson.Decimal(filter, "maxQty");
                    break;
                case "MIN_NOTIONAL":
                    instrument.MinNotional = CapturedJson.Decimal(filter, "notional");
                    break;
            }
    }

    private static string BaseOf(string symbol)
    {
        foreach (var quote in QuoteAssets)
            if (symbol.Length > quote.Length && symbol.EndsWith(quote, StringComparison.Ordinal)) return symbol[..^quote.Length];
        return symbol;
    }
}
