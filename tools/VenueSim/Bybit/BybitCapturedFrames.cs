using System.Text.Json;
using FundingArb.VenueSim.Capture;

namespace FundingArb.VenueSim.Bybit;

/// <summary>Bybit v5 linear market data in a capture: <c>instruments-info</c> for rules and the funding interval,
/// <c>tickers</c> answers and <c>tickers.{symbol}</c> frames (snapshot, then deltas carrying only what changed) for
/// mark/index/rate, <c>orderbook</c> answers and <c>orderbook.{depth}.{symbol}</c> snapshots and deltas for the book.</summary>
public sealed class BybitCapturedFrames : ICapturedFrameReader
{
    public bool ReadRest(string pathAndQuery, JsonElement body, TimeSpan at, CapturedVenue venue)
    {
        if (!body.TryGetProperty("result", out var result) || result.ValueKind != JsonValueKind.Object) return false;
        switch (CapturedJson.PathOf(pathAndQuery))
        {
            case "/v5/market/instruments-info":
                foreach (var item in List(result)) ReadRules(item, venue);
                return true;
            case "/v5/market/tickers":
                foreach (var item in List(result)) ReadTicker(item, at, venue);
                return true;
            case "/v5/market/orderbook":
                if (CapturedJson.String(result, "s") is not { } symbol) return false;
                venue.Instrument(symbol).ResetBook(at, CapturedJson.Levels(result, "b"), CapturedJson.Levels(result, "a"));
                return true;
            default:
                return false;
        }
    }

    public bool ReadFrame(JsonElement frame, TimeSpan at, CapturedVenue venue)
    {
        if (CapturedJson.String(frame, "topic") is not { } topic || !frame.TryGetProperty("data", out var data)) return false;
        if (topic.StartsWith("tickers.", StringComparison.Ordinal))
        {
            ReadTicker(data, at, venue);
            return true;
        }
        if (!topic.StartsWith("orderbook.", StringComparison.Ordinal) || CapturedJson.String(data, "s") is not { } symbol) return false;
        var instrument = venue.Instrument(symbol);
        // A snapshot, or a delta with u = 1 (the service restarted), is the whole book.
        if (CapturedJson.String(frame, "type") == "snapshot" || CapturedJson.Long(data, "u") == 1)
            instrument.ResetBook(at, CapturedJson.Levels(data, "b"), CapturedJson.Levels(data, "a"));
        else
            instrument.ChangeBook(at, CapturedJson.Levels(data, "b"), CapturedJson.Levels(data, "a"));
        return true;
    }

    private static IEnumerable<JsonElement> List(JsonElement result) =>
        result.TryGetProperty("list", out var list) && list.ValueKind == JsonValueKind.Array ? list.EnumerateArray() : [];

    private static void ReadTicker(JsonElement ticker, TimeSpan at, CapturedVenue venue)
    {
        if (CapturedJson.String(ticker, "symbol") is not { } symbol) return;
        var instrument = venue.Instrument(symbol);
        if (CapturedJson.Long(ticker, "fundingIntervalHour") is { } hours) instrument.FundingIntervalHours = (int)hours;
        instrument.Observe(at, CapturedJson.Decimal(ticker, "markPrice"), CapturedJson.Decimal(ticker, "indexPrice"),
            CapturedJson.Decimal(ticker, "fundingRate"));
    }

    private static void ReadRules(JsonElement item, CapturedVenue venue)
    {
        if (CapturedJson.String(item, "symbol") is not { } symbol) return;
        if (CapturedJson.String(item, "contractType") is { } type && type != "LinearPerpetual") return;
        var instrument = venue.Instrument(symbol);
        instrument.BaseAsset = CapturedJson.String(item, "baseCoin");
        instrument.QuoteAsset = CapturedJson.String(item, "quoteCoin");
        if (CapturedJson.Long(item, "fundingInterval") is { } minutes) instrument.FundingIntervalHours = (int)(minutes / 60);
        instrument.FundingRateCap = CapturedJson.Decimal(item, "upperFundingRate");
        instrument.FundingRateFloor = CapturedJson.Decimal(item, "lowerFundingRate");
        if (item.TryGetProperty("priceFilter", out var price)) instrument.TickSize = CapturedJson.Decimal(price, "tickSize");
        if (item.TryGetProperty("lotSizeFilter", out var lot))
        {
            instrument.StepSize = CapturedJson.Decimal(lot, "qtyStep");
            instrument.MinQty = CapturedJson.Decimal(lot, "minOrderQty");
            instrument.MaxQty = CapturedJson.Decimal(lot, "maxOrderQty");
            instrument.MinNotional = CapturedJson.Decimal(lot, "minNotionalValue");
        }
    }
}
